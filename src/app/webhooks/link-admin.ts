import type { Clock } from '../../domain/clock.js';
import { isAdmin, type Actor, type AdminPolicy } from '../permissions.js';
import type { AuditLog, WebhookLinkStore } from '../ports.js';
import type { LinkDirectory } from './link-directory.js';

/** What the link use cases (create, list, revoke) need. */
export interface LinkAdminDeps {
  links: WebhookLinkStore;
  audit: AuditLog;
  directory: LinkDirectory;
  policy: AdminPolicy;
  clock: Clock;
  /** WEBHOOK_PUBLIC_URL without a trailing slash; null → a placeholder host in the URL. */
  publicUrl: string | null;
}

export type Refused = { status: 'refused'; code: 'NOT_ADMIN'; message: string };

/**
 * Admins only, and every attempt is audit-logged, allowed or not (as /bot start|stop).
 * Returns a refusal to hand back, or null to go on.
 */
export async function checkAdmin(deps: LinkAdminDeps, actor: Actor, action: string, detail?: Record<string, unknown>): Promise<Refused | null> {
  const allowed = isAdmin(actor, deps.policy);
  await deps.audit.record({
    atMs: deps.clock.nowMs(), actorId: actor.userId, actorName: actor.userName, action, allowed,
    interactionId: actor.interactionId, ...(detail ? { detail } : {}),
  });
  return allowed ? null : { status: 'refused', code: 'NOT_ADMIN', message: 'Only TradeStream admins may manage webhook links.' };
}
