import type { AccountSnapshot, RiskLimits } from '../../domain/risk/index.js';
import type { Clock } from '../../domain/clock.js';
import type { RiskOverride, RiskOverrideStore } from '../control-ports.js';
import type { Actor } from '../permissions.js';
import type { AuditLog, Log, Notifier } from '../ports.js';
import { KILL_SWITCH, LIMITS, limitSpec, onOff, SETTABLE_NAMES, type Parsed } from './limit-catalog.js';

/** What /risk changes on the trading desk: its limits and kill switch, read back through a snapshot. */
export interface RiskDesk {
  readonly config: { limits: RiskLimits };
  killSwitch: { on: boolean; reason: string | null };
  setLimits(limits: RiskLimits): void;
  snapshot(nowMs: number): AccountSnapshot;
}

export interface RiskDeps {
  overrides: RiskOverrideStore;
  audit: AuditLog;
  notifier: Notifier;
  clock: Clock;
  control: { authorize(actor: Actor, action: string): Promise<boolean> };
  log: Log;
}

export interface LimitRow { name: string; label: string; value: string; overridden: boolean }

export interface RiskView {
  limits: LimitRow[];
  killSwitch: { on: boolean; reason: string | null };
  /** Session P&L (realized net + open) against the daily loss limit. */
  dailyLoss: { sessionPnlCents: number; limitCents: number | null; reached: boolean };
  maxAlertAgeMs: number | null;
}

export type RiskSetResult =
  | { status: 'refused'; code: 'NOT_ADMIN' }
  | { status: 'invalid'; code: 'UNKNOWN_LIMIT' | 'INVALID_VALUE'; message: string }
  | { status: 'success'; name: string; from: string; to: string; changed: boolean };

/** "default" drops an override: the limit goes back to its environment value. */
const DEFAULT = /^default$/i;

/** Check what a user typed for a limit without changing anything (commands answer bad input before deferring). */
export function validateRiskInput(name: string, text: string): Parsed | { ok: false; message: string; unknown: true } {
  if (!SETTABLE_NAMES.includes(name)) {
    return { ok: false, unknown: true, message: `There is no limit "${name}". Limits: ${SETTABLE_NAMES.join(', ')}.` };
  }
  if (DEFAULT.test(text.trim())) return { ok: true, value: 'default' };
  return limitSpec(name)?.parse(text) ?? onOff(name, text);
}

/**
 * Risk limits as the environment set them, with /risk set overrides on top (stored, so they
 * survive a restart) applied to the desk at once; the kill switch included.
 */
export class RiskSettings {
  private overrides = new Map<string, RiskOverride>();

  constructor(private readonly deps: RiskDeps, private readonly desk: RiskDesk, private readonly base: RiskLimits) {}

  /** Apply stored overrides (on start). A stored value the catalog no longer accepts is skipped. */
  async load(): Promise<void> {
    for (const o of await this.deps.overrides.all()) {
      const check = validateRiskInput(o.name, o.value);
      if (!check.ok || check.value !== o.value) {
        this.deps.log.warn({ name: o.name, value: o.value }, 'ignoring a stored risk override the bot no longer accepts');
        continue;
      }
      this.overrides.set(o.name, o);
    }
    this.applyLimits();
    if (this.overrides.has(KILL_SWITCH)) this.applyKillSwitch(null);
  }

  view(): RiskView {
    const limits = this.desk.config.limits;
    const s = this.desk.snapshot(this.deps.clock.nowMs());
    const sessionPnlCents = s.sessionRealizedNetCents + s.sessionUnrealizedCents;
    const limitCents = limits.maxDailyLossCents;
    return {
      limits: LIMITS.map((spec) => ({ name: spec.name, label: spec.label, value: spec.show(limits), overridden: this.overrides.has(spec.name) })),
      killSwitch: { ...this.desk.killSwitch },
      dailyLoss: { sessionPnlCents, limitCents, reached: limitCents !== null && -sessionPnlCents >= limitCents },
      maxAlertAgeMs: limits.maxAlertAgeMs,
    };
  }

  async set(actor: Actor, name: string, text: string): Promise<RiskSetResult> {
    const check = validateRiskInput(name, text);
    if (!check.ok) return { status: 'invalid', code: 'unknown' in check ? 'UNKNOWN_LIMIT' : 'INVALID_VALUE', message: check.message };
    if (!(await this.deps.control.authorize(actor, `risk.set.${name}`))) return { status: 'refused', code: 'NOT_ADMIN' };
    const from = this.shown(name);
    const atMs = this.deps.clock.nowMs();
    if (check.value === 'default') {
      this.overrides.delete(name);
      await this.deps.overrides.remove(name);
    } else {
      const override = { name, value: check.value, updatedBy: actor.userId, updatedAtMs: atMs };
      this.overrides.set(name, override);
      await this.deps.overrides.set(override);
    }
    if (name === KILL_SWITCH) this.applyKillSwitch(actor.userName);
    else this.applyLimits();
    const to = this.shown(name);
    await this.deps.audit.record({
      atMs, actorId: actor.userId, actorName: actor.userName, action: 'risk.set', allowed: true, interactionId: actor.interactionId,
      detail: { name, from, to, input: text },
    });
    if (from !== to) await this.deps.notifier.notify({ kind: 'setting_changed', setting: 'risk', name, from, to, actorName: actor.userName, atMs });
    return { status: 'success', name, from, to, changed: from !== to };
  }

  private shown(name: string): string {
    if (name === KILL_SWITCH) return this.desk.killSwitch.on ? 'on' : 'off';
    return limitSpec(name)?.show(this.desk.config.limits) ?? '';
  }

  private applyLimits(): void {
    let limits = this.base;
    for (const spec of LIMITS) {
      const o = this.overrides.get(spec.name);
      if (o) limits = spec.apply(limits, o.value);
    }
    this.desk.setLimits(limits);
  }

  /** The reason shows in every refusal while it is on ("the kill switch is on (…)"). */
  private applyKillSwitch(actorName: string | null): void {
    const kill = this.overrides.get(KILL_SWITCH);
    if (kill?.value !== 'on') {
      this.desk.killSwitch = { on: false, reason: null };
      return;
    }
    const when = new Date(kill.updatedAtMs).toISOString().slice(0, 16).replace('T', ' ');
    this.desk.killSwitch = { on: true, reason: `turned on with /risk${actorName ? ` by ${actorName}` : ''} at ${when} UTC` };
  }
}
