import type { AppDeps, BotState, PositionRecord } from './ports.js';
import type { Actor, AdminPolicy } from './permissions.js';
import { resolveAdmin } from './access/admin-check.js';
import { startOfDayMs } from './day.js';

/** The trading day for counts shown to users follows New York, where the US markets are. */
export const REPORTING_TIME_ZONE = 'America/New_York';

export type ControlResult =
  | { status: 'refused'; code: 'NOT_ADMIN'; message: string }
  | { status: 'success'; changed: boolean; state: BotState };

export interface StatusReport {
  running: boolean;
  mode: BotState['mode'];
  /** Since the bot was last started (by /bot start or process start while running). */
  uptimeMs: number | null;
  alertsToday: number;
  openPositions: PositionRecord[];
  pendingSignals: number;
}

/**
 * One control core behind every transport (slash commands now, REST later): start, stop,
 * status. Permission is checked here, and every attempt is audit-logged, allowed or not.
 */
export class BotControl {
  private current: BotState | null = null;

  constructor(
    private readonly deps: AppDeps,
    private readonly policy: AdminPolicy,
    private readonly defaults: Pick<BotState, 'running' | 'mode'>,
    private readonly pendingSignals: () => number,
  ) {}

  async load(): Promise<BotState> {
    this.current = await this.deps.stores.botState.get(this.defaults);
    return this.current;
  }

  /** Hot path for intake: the cached state, kept in step by start/stop. */
  isRunning(): boolean {
    return this.current?.running ?? false;
  }

  state(): BotState | null {
    return this.current;
  }

  /**
   * Gate for admin-only actions on any transport: a refusal is audit-logged here, so every
   * refused attempt leaves a trace even when the transport answers it before any work starts.
   * In a DM (no roles) a role admin the bot has seen in the guild still counts (see resolveAdmin).
   */
  async authorize(actor: Actor, action: string): Promise<boolean> {
    if (await resolveAdmin(actor, this.policy, this.deps.stores.notifyPreferences, this.deps.clock.nowMs())) return true;
    await this.deps.stores.audit.record({
      atMs: this.deps.clock.nowMs(), actorId: actor.userId, actorName: actor.userName, action, allowed: false,
      interactionId: actor.interactionId,
    });
    return false;
  }

  start(actor: Actor): Promise<ControlResult> {
    return this.setRunning(actor, true);
  }

  stop(actor: Actor): Promise<ControlResult> {
    return this.setRunning(actor, false);
  }

  async status(): Promise<StatusReport> {
    const state = this.current ?? (await this.load());
    const now = this.deps.clock.nowMs();
    const [alertsToday, openPositions] = await Promise.all([
      this.deps.stores.signals.countReceivedSince(startOfDayMs(now, REPORTING_TIME_ZONE)),
      this.deps.stores.trades.openPositions(),
    ]);
    return {
      running: state.running,
      mode: state.mode,
      uptimeMs: state.running && state.startedAtMs !== null ? now - state.startedAtMs : null,
      alertsToday,
      openPositions,
      pendingSignals: this.pendingSignals(),
    };
  }

  private async setRunning(actor: Actor, running: boolean): Promise<ControlResult> {
    const action = running ? 'bot.start' : 'bot.stop';
    if (!(await this.authorize(actor, action))) {
      return { status: 'refused', code: 'NOT_ADMIN', message: 'Only TradeStream admins may start or stop the bot.' };
    }
    const now = this.deps.clock.nowMs();
    await this.deps.stores.audit.record({
      atMs: now, actorId: actor.userId, actorName: actor.userName, action, allowed: true, interactionId: actor.interactionId,
    });
    const before = this.current ?? (await this.load());
    if (before.running === running) return { status: 'success', changed: false, state: before };
    this.current = await this.deps.stores.botState.setRunning(running, actor.userId, now);
    return { status: 'success', changed: true, state: this.current };
  }
}
