import { z } from 'zod';
import type { Actor } from '../permissions.js';
import type { WebhookLink } from '../ports.js';
import { checkAdmin, type LinkAdminDeps, type Refused } from './link-admin.js';
import { linkUrl, newLinkToken } from './tokens.js';

/** A percentage as the store keeps it: up to 4 decimals, within (0, max]. */
const pct = (max: number) => z.union([z.number(), z.string()])
  .transform((v) => String(v).trim())
  .refine((s) => /^\d{1,5}(\.\d{1,4})?$/.test(s) && Number(s) > 0 && Number(s) <= max,
    { message: `must be a percentage above 0 and at most ${max}, with up to 4 decimals` })
  .nullish()
  .transform((v) => v ?? null);

export const CreateWebhookLinkInput = z.object({
  name: z.string().trim().min(1, 'must not be empty').max(100, 'must be at most 100 characters'),
  strategy: z.string().trim().min(1).max(128, 'must be at most 128 characters').nullish().transform((v) => v ?? null),
  stopLossPct: pct(100),
  targetPct: pct(10_000),
  trailingPct: pct(100),
  paper: z.boolean().nullish().transform((v) => v ?? true),
  rateLimitPerMinute: z.number().int().min(1).max(1_000_000).nullish().transform((v) => v ?? null),
});
export type CreateWebhookLinkInput = z.input<typeof CreateWebhookLinkInput>;

export type CreateWebhookLinkResult =
  | Refused
  | { status: 'invalid'; code: 'INVALID_INPUT'; message: string }
  /** `url` holds the secret token: show it once, to the creator only. */
  | { status: 'success'; link: WebhookLink; url: string };

/** Create a link: a fresh 32-byte token, stored hashed; the URL is returned once and never again. */
export async function createWebhookLink(deps: LinkAdminDeps, actor: Actor, input: CreateWebhookLinkInput): Promise<CreateWebhookLinkResult> {
  const refused = await checkAdmin(deps, actor, 'webhook.create', { name: input.name });
  if (refused) return refused;
  const parsed = CreateWebhookLinkInput.safeParse(input);
  if (!parsed.success) {
    const message = parsed.error.issues.map((i) => `${i.path.join('.') || 'input'} ${i.message}`).join('; ');
    return { status: 'invalid', code: 'INVALID_INPUT', message };
  }
  const { token, tokenHash } = newLinkToken();
  const link = await deps.links.create({ ...parsed.data, tokenHash, createdBy: actor.userId });
  await deps.directory.refresh();
  return { status: 'success', link, url: linkUrl(deps.publicUrl, token) };
}
