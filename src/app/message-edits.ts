import type { NewSignal, StoredSignal } from './ports.js';

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
