import { randomBytes } from 'node:crypto';
import type { Clock } from '../../domain/clock.js';
import type { CodeVerifier, LiveBrokers } from '../control-ports.js';
import type { Actor } from '../permissions.js';
import type { AuditLog, BotState, BotStateStore, Notifier } from '../ports.js';

export type TradingMode = BotState['mode'];

/** How long a "switch to live" confirmation button stays valid. */
export const CONFIRM_WINDOW_MS = 60_000;

export interface ModeDeps {
  botState: BotStateStore;
  audit: AuditLog;
  notifier: Notifier;
  clock: Clock;
  liveBrokers: LiveBrokers;
  /** null when LIVE_MODE_TOTP_SECRET is unset. */
  codes: CodeVerifier | null;
  /** The bot control's gate (audit-logs refusals) and its cached state. */
  control: { authorize(actor: Actor, action: string): Promise<boolean>; state(): BotState | null; load(): Promise<BotState> };
}

type Refused = { status: 'refused'; code: 'NOT_ADMIN' };
type NoBroker = { status: 'no_live_broker'; code: 'NO_LIVE_BROKER' };
const NO_BROKER: NoBroker = { status: 'no_live_broker', code: 'NO_LIVE_BROKER' };
type Switched = { status: 'switched'; from: TradingMode; to: TradingMode } | { status: 'unchanged'; mode: TradingMode };

export type ModeRequestResult = Refused | NoBroker | Switched
  | { status: 'code_required'; code: 'TOTP_REQUIRED' }
  | { status: 'code_invalid'; code: 'TOTP_INVALID' }
  | { status: 'confirm'; target: TradingMode; brokers: string[]; token: string; expiresAtMs: number };

export type ModeConfirmResult = Refused | NoBroker | Switched
  | { status: 'expired'; code: 'CONFIRMATION_EXPIRED' }
  | { status: 'cancelled'; mode: TradingMode };

interface Pending { target: TradingMode; userId: string; expiresAtMs: number }

/**
 * /mode: paper switches at once; live and concurrent need an admin, a configured live broker,
 * a current TOTP code when one is configured, and a press of the confirmation button. Every
 * switch is audit-logged and DM'd to the admins; the mode lives in bot_state.
 */
export class ModeSwitcher {
  private readonly pending = new Map<string, Pending>();

  constructor(private readonly deps: ModeDeps) {}

  async request(actor: Actor, target: TradingMode, code: string | null): Promise<ModeRequestResult> {
    if (!(await this.deps.control.authorize(actor, `mode.${target}`))) return { status: 'refused', code: 'NOT_ADMIN' };
    const current = await this.currentMode();
    if (current === target) return { status: 'unchanged', mode: current };
    if (target === 'paper') return this.switchTo(actor, target);
    const brokers = this.deps.liveBrokers.configured();
    if (brokers.length === 0) return this.refuse(actor, target, NO_BROKER);
    const codeProblem = await this.checkCode(code);
    if (codeProblem) return this.refuse(actor, target, codeProblem);
    const token = randomBytes(12).toString('base64url');
    const expiresAtMs = this.deps.clock.nowMs() + CONFIRM_WINDOW_MS;
    this.pending.set(token, { target, userId: actor.userId, expiresAtMs });
    return { status: 'confirm', target, brokers, token, expiresAtMs };
  }

  /** The confirmation button: only the admin who asked, within the window, once. */
  async confirm(actor: Actor, token: string): Promise<ModeConfirmResult> {
    const pending = this.take(actor, token);
    if (!pending) return { status: 'expired', code: 'CONFIRMATION_EXPIRED' };
    if (!(await this.deps.control.authorize(actor, `mode.${pending.target}.confirm`))) return { status: 'refused', code: 'NOT_ADMIN' };
    if (this.deps.liveBrokers.configured().length === 0) {
      return this.refuse(actor, pending.target, NO_BROKER);
    }
    return this.switchTo(actor, pending.target);
  }

  async cancel(actor: Actor, token: string): Promise<ModeConfirmResult> {
    this.take(actor, token);
    return { status: 'cancelled', mode: await this.currentMode() };
  }

  private take(actor: Actor, token: string): Pending | null {
    const pending = this.pending.get(token);
    if (!pending || pending.userId !== actor.userId) return null;
    this.pending.delete(token);
    return pending.expiresAtMs >= this.deps.clock.nowMs() ? pending : null;
  }

  private async checkCode(code: string | null): Promise<{ status: 'code_required'; code: 'TOTP_REQUIRED' } | { status: 'code_invalid'; code: 'TOTP_INVALID' } | null> {
    if (!this.deps.codes) return null;
    if (!code) return { status: 'code_required', code: 'TOTP_REQUIRED' };
    const match = await this.deps.codes.check(code.trim(), this.deps.clock.nowMs());
    // A code is good once (no replay within its window), also across restarts: bot_state keeps the step.
    if (!match || !(await this.deps.botState.claimTotpStep(match.step))) return { status: 'code_invalid', code: 'TOTP_INVALID' };
    return null;
  }

  private async refuse<T extends { code: string }>(actor: Actor, target: TradingMode, result: T): Promise<T> {
    await this.deps.audit.record({
      atMs: this.deps.clock.nowMs(), actorId: actor.userId, actorName: actor.userName, action: `mode.${target}`, allowed: false,
      interactionId: actor.interactionId, detail: { code: result.code },
    });
    return result;
  }

  private async currentMode(): Promise<TradingMode> {
    return (this.deps.control.state() ?? (await this.deps.control.load())).mode;
  }

  private async switchTo(actor: Actor, target: TradingMode): Promise<Switched> {
    const from = await this.currentMode();
    if (from === target) return { status: 'unchanged', mode: from };
    const atMs = this.deps.clock.nowMs();
    await this.deps.botState.setMode(target, actor.userId, atMs);
    await this.deps.control.load();
    await this.deps.audit.record({
      atMs, actorId: actor.userId, actorName: actor.userName, action: 'mode.switch', allowed: true, interactionId: actor.interactionId,
      detail: { from, to: target, brokers: this.deps.liveBrokers.configured() },
    });
    await this.deps.notifier.notify({ kind: 'setting_changed', setting: 'mode', name: 'mode', from, to: target, actorName: actor.userName, atMs });
    return { status: 'switched', from, to: target };
  }
}
