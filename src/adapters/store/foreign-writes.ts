import type { Log } from '../../app/ports.js';
import type { Database } from './database.js';

/**
 * What the bot does when the store shows another bot writing to its database (AppDeps.onForeignWrite):
 * it checks its instance lock at once instead of at the next 30 s check, so a bot whose lock another
 * took stops at its first conflict. If it still holds the lock — or runs without one — the other bot
 * runs without a lock (INSTANCE_LOCK=false), and that is logged as an error once.
 */
export function foreignWriteCheck(database: Database, log: Log): (evidence: Error) => void {
  let checking = false;
  let told = false;
  const tell = (evidence: Error) => {
    if (told) return;
    told = true;
    log.error({ err: evidence }, 'another TradeStream is writing to this database, and nothing stops it: '
      + 'one of them runs with INSTANCE_LOCK=false. Stop one; the store keeps them from trading a signal twice meanwhile');
  };
  return (evidence) => {
    const check = database.checkInstanceLock;
    if (check === undefined) { tell(evidence); return; }
    if (checking) return;
    checking = true;
    void check().then((state) => { if (state !== 'lost') tell(evidence); },
      (err: unknown) => log.warn({ err }, 'could not check the instance lock'))
      .finally(() => { checking = false; });
  };
}
