/**
 * The reason stored on a signal whose processing threw. The innermost cause says what went wrong
 * (a driver's "unsupported Unicode escape sequence"), where a wrapper's message may repeat every
 * parameter of the failed query — including the character that made it fail, which would fail
 * this write too. One line, no control characters, no unpaired surrogates (each becomes U+FFFD),
 * at most 300 characters.
 */
const MAX_LENGTH = 300;
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f]+/g;

export function failureReason(err: unknown): string {
  let root = err;
  for (let depth = 0; depth < 8 && root instanceof Error && root.cause instanceof Error; depth += 1) root = root.cause;
  const message = root instanceof Error ? root.message : String(root);
  const clean = message.toWellFormed().replace(CONTROL, ' ').replace(/\s+/g, ' ').trim();
  // Cut between the halves of a pair, the text would end in an unpaired surrogate again.
  return clean.slice(0, MAX_LENGTH).toWellFormed() || 'processing failed';
}
