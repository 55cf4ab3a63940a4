import type { Stores } from '../../app/ports.js';
import type { Database } from './database.js';
import { AuditRepository, BotStateRepository } from './bot-state-repo.js';
import { SessionMarkRepository } from './session-mark-repo.js';
import { SignalRepository } from './signal-repo.js';
import { TradeRepository } from './trade-repo.js';
import { NotifyPreferenceRepository, ReviewRepository, RiskOverrideRepository } from './control-repos.js';

export { openDatabase, DatabaseUnavailableError, type Database, type Db } from './database.js';
export { WebhookLinkRepository } from './webhook-repo.js';

export function createStores(database: Database, nowMs: () => number): Stores {
  return {
    signals: new SignalRepository(database.db, nowMs),
    trades: new TradeRepository(database.db),
    botState: new BotStateRepository(database.db, nowMs),
    audit: new AuditRepository(database.db),
    riskOverrides: new RiskOverrideRepository(database.db),
    notifyPreferences: new NotifyPreferenceRepository(database.db),
    reviews: new ReviewRepository(database.db),
    sessionMarks: new SessionMarkRepository(database.db),
  };
}
