/** Ports of the control half: risk overrides, DM preferences, review decisions, live brokers, TOTP. */

/** A /risk set override: the value as the catalog normalised it ("off" = limit disabled). */
export interface RiskOverride {
  name: string;
  value: string;
  updatedBy: string;
  updatedAtMs: number;
}

export interface RiskOverrideStore {
  all(): Promise<RiskOverride[]>;
  set(override: RiskOverride): Promise<void>;
  /** Back to the environment's value. */
  remove(name: string): Promise<void>;
}

/** A user's trade-DM preference and whether the bot has seen them act as an admin by role. */
export interface NotifyPreference {
  userId: string;
  subscribed: boolean;
  roleAdmin: boolean;
  updatedAtMs: number;
}

export interface NotifyPreferenceStore {
  get(userId: string): Promise<NotifyPreference | null>;
  all(): Promise<NotifyPreference[]>;
  setSubscribed(userId: string, subscribed: boolean, atMs: number): Promise<void>;
  /** Remember a role admin; on first sight they are also subscribed (an earlier opt-out stands). */
  rememberRoleAdmin(userId: string, atMs: number): Promise<void>;
  /** Seen in the guild without an admin role any more. */
  forgetRoleAdmin(userId: string, atMs: number): Promise<void>;
}

export type ReviewDecision = 'approved' | 'rejected';

export interface ReviewRecord {
  signalId: number;
  decision: ReviewDecision;
  actorId: string;
  actorName: string | null;
  decidedAtMs: number;
}

export interface ReviewStore {
  /** Insert unless the signal already has a decision; either way return the stored one. */
  decide(review: ReviewRecord): Promise<{ inserted: boolean; review: ReviewRecord }>;
  get(signalId: number): Promise<ReviewRecord | null>;
}

/** Live broker adapters that are configured (credentials present); empty when there are none. */
export interface LiveBrokers {
  configured(): string[];
}

export const NO_LIVE_BROKERS: LiveBrokers = { configured: () => [] };

/** One-time codes (TOTP) that guard the switch to live trading. */
export interface CodeVerifier {
  /** The time step the code belongs to when it is valid now (± one step), else null. */
  check(code: string, nowMs: number): Promise<{ step: number } | null>;
}
