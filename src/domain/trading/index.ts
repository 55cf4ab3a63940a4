/** The trading core's public surface; see docs in each module. */
export { accountView, DEFAULT_STARTING_BALANCE_CENTS, positionNetPnlCents, type AccountView } from './account.js';
export {
  commandFromAlert, type AdjustStopCommand, type CloseAmount, type CloseCommand, type CommandResult, type EngineCommand,
  type OpenCommand,
} from './alert-commands.js';
export { endOfDayCandidates } from './end-of-day-candidates.js';
export { journalFromEvents, type EngineEvent, type EngineJournal, type EngineRejection, type RejectionCode, type StopMove } from './engine-events.js';
export { ExitManager, type BracketView, type ExitAction, type ExitTrigger, type StopCause, type StopMoveDraft } from './exit-manager.js';
export { NO_EXITS, targetExitQty, type ExitPlan, type TrailingSpec } from './exit-rules.js';
export type { Fill, FillReason, OrderSide, PriceSource } from './fills.js';
export { applyOrderEvent, ORDER_TRANSITIONS, type Order, type OrderEvent, type OrderStatus, type OrderTransitionError } from './orders.js';
export { DEFAULT_PAPER_CONFIG, paperConfig, type ExitDefaults, type PaperConfig, type PriceBand } from './paper-config.js';
export { PaperEngine, type EngineState } from './paper-engine.js';
export { fillLedger, type FillPnl } from './pnl-ledger.js';
export { notionalCents, pnlCents, type PositionSide } from './pnl.js';
export { describeSelector, type PositionSelector } from './position-selector.js';
export { applyFill, PositionBook, positionsFromFills, type Position, type PositionChange } from './positions.js';
export type { Quote } from './quotes.js';
export { canonicalSymbol, parseOcc, specForSymbol } from './symbols.js';
