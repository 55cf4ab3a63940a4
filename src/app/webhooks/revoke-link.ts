import type { Actor } from '../permissions.js';
import type { WebhookLink } from '../ports.js';
import { checkAdmin, type LinkAdminDeps, type Refused } from './link-admin.js';

export type RevokeWebhookLinkResult =
  | Refused
  | { status: 'not_found'; code: 'LINK_NOT_FOUND'; message: string }
  | { status: 'success'; changed: boolean; link: WebhookLink };

/** Revoke a link: from now on its URL answers 401. Signals it delivered stay as they are. */
export async function revokeWebhookLink(deps: LinkAdminDeps, actor: Actor, linkId: number): Promise<RevokeWebhookLinkResult> {
  const refused = await checkAdmin(deps, actor, 'webhook.revoke', { linkId });
  if (refused) return refused;
  const before = await deps.links.get(linkId);
  if (!before) return { status: 'not_found', code: 'LINK_NOT_FOUND', message: `There is no webhook link #${linkId}.` };
  if (before.revokedAtMs !== null) return { status: 'success', changed: false, link: before };
  const link = await deps.links.revoke(linkId);
  await deps.directory.refresh();
  return { status: 'success', changed: true, link: link ?? before };
}
