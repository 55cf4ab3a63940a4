export { buildAccountSnapshot, type SnapshotInput } from './build-snapshot.js';
export { checkRisk } from './check-risk.js';
export { dailyLossBreach, dailyLossLimitJustHit, type DailyLossDenial, type SessionPnl } from './daily-loss.js';
export type { RiskDecision, RiskDenial, RiskDenialCode } from './denials.js';
export { NO_LIMITS, type RiskLimits } from './limits.js';
export { lossStreaks, type ClosedTrade } from './loss-streaks.js';
export { fillsRiskNeeds, pruneRiskHistory, riskHistoryCutoff, type HistoryPosition } from './risk-history.js';
export { commandFingerprint, proposedOrderFor, releasedAlertAt, type ProposalMeta } from './proposed.js';
export type { AccountSnapshot, OpenExposure, ProposedOrder, SeenSignal, SymbolLossStreak } from './snapshot.js';
