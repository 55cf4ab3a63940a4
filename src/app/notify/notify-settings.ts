import type { Clock } from '../../domain/clock.js';
import type { Actor } from '../permissions.js';
import type { AuditLog } from '../ports.js';
import type { NotifyPreferenceStore } from '../control-ports.js';
import type { Recipients } from './recipients.js';

export interface NotifyStatus {
  subscribed: boolean;
  reason: 'admin_default' | 'opted_in' | 'opted_out' | 'not_subscribed';
}

export type NotifyResult = { status: 'success'; changed: boolean; now: NotifyStatus };

/** /notify on | off | status: anyone may choose whether they get trade DMs. */
export class NotifySettings {
  constructor(private readonly deps: { preferences: NotifyPreferenceStore; recipients: Recipients; audit: AuditLog; clock: Clock }) {}

  status(actor: Actor): Promise<NotifyStatus> {
    return this.deps.recipients.subscription(actor.userId);
  }

  async set(actor: Actor, subscribed: boolean): Promise<NotifyResult> {
    const before = await this.status(actor);
    const atMs = this.deps.clock.nowMs();
    await this.deps.preferences.setSubscribed(actor.userId, subscribed, atMs);
    await this.deps.audit.record({
      atMs, actorId: actor.userId, actorName: actor.userName, action: subscribed ? 'notify.on' : 'notify.off', allowed: true,
      interactionId: actor.interactionId,
    });
    return { status: 'success', changed: before.subscribed !== subscribed, now: await this.status(actor) };
  }
}
