import type { Actor } from '../permissions.js';
import type { WebhookLink } from '../ports.js';
import { checkAdmin, type LinkAdminDeps, type Refused } from './link-admin.js';

export type ListWebhookLinksResult = Refused | { status: 'success'; links: WebhookLink[] };

/** Links with their settings — never a token or its hash (the URL was shown once, at creation). */
export async function listWebhookLinks(deps: LinkAdminDeps, actor: Actor, includeRevoked: boolean): Promise<ListWebhookLinksResult> {
  const refused = await checkAdmin(deps, actor, 'webhook.list');
  if (refused) return refused;
  return { status: 'success', links: await deps.links.list(includeRevoked) };
}
