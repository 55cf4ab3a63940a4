import { expect } from 'vitest';
import type { Harness } from './app-harness.js';
import type { Json, StoredMessage } from './discord-double/index.js';
import { sentEmbedViolations } from './embed-limits.js';

type Field = { name: string; value: string };

export const fieldsOf = (embed: Json | undefined): Record<string, string> =>
  Object.fromEntries(((embed?.fields as Field[] | undefined) ?? []).map((f) => [f.name, f.value]));

export const titled = (prefix: string) => (m: StoredMessage) => String(m.embeds[0]?.title).startsWith(prefix);

/** Custom ids of the buttons on a message or reply. */
export const buttonIds = (message: { components: Json[] }): string[] =>
  message.components.flatMap((row) => ((row.components as Json[] | undefined) ?? []).map((c) => String(c.custom_id)));

export async function auditTrail(h: Harness, limit = 50) {
  return h.app.database.db.query.auditLog.findMany({ orderBy: (a, { desc }) => [desc(a.id)], limit });
}

export async function signalOf(h: Harness, messageId: string) {
  await h.app.pipeline.drain();
  const row = await h.app.database.db.query.signals.findFirst({
    where: (s, { and, eq }) => and(eq(s.source, 'discord'), eq(s.externalId, messageId)),
  });
  return row ?? undefined;
}

/** Every embed the bot sent in this harness fits Discord's limits (and there were at least `atLeast`). */
export function expectEmbedsWithinLimits(h: Harness, atLeast = 1): void {
  const { checked, problems } = sentEmbedViolations(h.double);
  expect(problems).toEqual([]);
  expect(checked).toBeGreaterThanOrEqual(atLeast);
}
