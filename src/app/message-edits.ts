import { REASON } from '../domain/alerts/index.js';
import type { ParseResult } from '../domain/alerts/types.js';
import type { AppDeps, NewSignal, StoredSignal } from './ports.js';

/** Reason code of an edited alert: held in review, never traded without an admin. */
export const EDITED = 'EDITED';

/** How much of the original text the reason quotes (the review DM shows the new text in full). */
const ORIGINAL_TEXT_CHARS = 300;

/** The natural key of one edit of a message: a repeated update of the same edit is the same signal. */
export function editKey(messageId: string, editedAtMs: number): string {
  return `${messageId}:edit:${editedAtMs}`;
}

/** The natural key of the message an edit signal (`<messageId>:edit:<ms>`) is an edit of, or null. */
export function editedMessageKey(externalId: string): string | null {
  const at = externalId.indexOf(':edit:');
  return at > 0 ? externalId.slice(0, at) : null;
}

/**
 * The signal for an edit of a stored message (`edited`: the message as it reads now, as a new
 * signal would be), or null when its text did not change (an embed unfurled, a pin). It is
 * flagged EDITED, so the pipeline parses it and holds it for review: a caller who corrects a
 * stop is seen, but an admin decides whether the correction trades — the original may already
 * have. Its time is the edit's, so an approval's age check counts from the edit.
 */
export function editedSignal(original: StoredSignal, edited: NewSignal, editedAtMs: number): NewSignal | null {
  if (edited.rawText === original.rawText) return null;
  const quoted = original.rawText.length > ORIGINAL_TEXT_CHARS ? `${original.rawText.slice(0, ORIGINAL_TEXT_CHARS - 1)}…` : original.rawText;
  return {
    ...edited, externalId: editKey(original.externalId, editedAtMs), postedAtMs: editedAtMs,
    reasonCode: EDITED, reason: `alert edited after it was posted; original (#${original.id}, ${original.status}): ${quoted}`,
  };
}

/** A parse's reasons in one line: what a stored status and the admins' DMs say. */
export function summarise(parse: ParseResult): string {
  return parse.reasons.map((r) => r.message).join('; ') || 'no reason given';
}

/**
 * An edit that still reads as an alert but cancels it (`~~ES LONG 4750 STOP 4745~~ cancelled`):
 * approving it would open the trade its caller withdrew, so it is stored as ignored and the
 * admins are told as of any withdrawal. True when the signal was one.
 */
export async function withdrawnByEdit(deps: Pick<AppDeps, 'stores' | 'notifier'>, signal: StoredSignal, parse: ParseResult): Promise<boolean> {
  if (signal.reasonCode !== EDITED || !parse.reasons.some((r) => r.code === REASON.CANCELLED)) return false;
  await deps.stores.signals.saveParse(signal.id, signal.status, parse, { status: 'ignored', reasonCode: REASON.CANCELLED,
    reason: `the edit withdraws the alert: ${summarise(parse)} (${signal.reason ?? EDITED})` });
  await tellIfWithdrawn(deps, signal);
  return true;
}

/**
 * An alert edited into no alert ("scratch that") or into a withdrawn one (struck out, "cancelled")
 * may have traded: the admins are told, and nothing is undone by itself. An edit of chatter into other chatter tells nobody.
 */
export async function tellIfWithdrawn(deps: Pick<AppDeps, 'stores' | 'notifier'>, signal: StoredSignal): Promise<void> {
  const key = editedMessageKey(signal.externalId);
  const original = key === null ? null : await deps.stores.signals.byExternalId(signal.source, key);
  if (original === null || original.status === 'not_alert') return;
  await deps.notifier.notify({ kind: 'alert_withdrawn', signal, original });
}
