import type { SignalStatus } from './ports.js';

/**
 * A signal moved on while this bot worked on it: its stored status is no longer the one this bot
 * read. Only another bot on the same database does that — one whose instance lock was taken runs
 * on for up to 30 s before its watchdog notices. Every status change names the status it expects
 * (`from`), and the store refuses it with this error when the signal has left that status, so the
 * signal is acted on once: the bot that gets this sends no DM and stores no order for it.
 */
export class SignalTakenError extends Error {
  readonly code = 'SIGNAL_TAKEN';

  constructor(readonly signalId: number, readonly expected: SignalStatus, readonly found: SignalStatus | null) {
    super(`signal ${signalId} is no longer ${expected} (it is ${found ?? 'gone'}): another TradeStream on this database handled it`);
    this.name = 'SignalTakenError';
  }
}

/**
 * The journal moved on while this bot computed a batch: another bot on the same database stored
 * engine output since this one last loaded or wrote the journal. Every batch names the journal
 * version it was computed from (`basedOn`), and the store refuses it with this error when that is
 * no longer the stored version — otherwise two engines would hand out the same order and position
 * ids and overwrite each other's records. The bot that gets this rebuilds its engine from the store.
 */
export class JournalConflictError extends Error {
  readonly code = 'JOURNAL_CONFLICT';

  constructor(readonly broker: string, readonly basedOn: number, readonly found: number | null) {
    super(`the ${broker} journal is at version ${found ?? 0}, not ${basedOn}: another TradeStream on this database wrote to it`);
    this.name = 'JournalConflictError';
  }
}

/**
 * A user's action on positions (/close, /move-stop): `act`, and once more when the store refused
 * its write because another bot wrote first. By then the desk has rebuilt its engine from the
 * store, so the second try acts on the positions as they are now.
 */
export async function onceMoreOnConflict<T>(act: () => Promise<T>): Promise<T> {
  try {
    return await act();
  } catch (err) {
    if (!(err instanceof JournalConflictError)) throw err;
    return act();
  }
}
