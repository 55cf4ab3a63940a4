import { cleanText } from '../clean-text.js';

/**
 * Every text and jsonb value written for a signal goes through `storable` — raw text is shown to
 * people, and parses and reasons echo what a sender wrote; none of it may make a signal
 * unstorable. PostgreSQL and PGlite refuse U+0000 (and an unpaired surrogate in jsonb and JSON):
 * see cleanText for what is changed.
 */
export function storable<T>(value: T): T {
  return cleanText(value);
}
