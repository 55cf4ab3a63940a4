import type { NotifyPreferenceStore } from '../control-ports.js';
import type { Notice } from '../ports.js';

/** Trade notices go to subscribers; work only admins can act on (reviews, setting changes) to admins. */
export type Audience = 'subscribers' | 'admins';

export function audienceOf(notice: Notice): Audience {
  return notice.kind === 'review_needed' || notice.kind === 'setting_changed' || notice.kind === 'alert_withdrawn'
    || notice.kind === 'catch_up_incomplete' ? 'admins' : 'subscribers';
}

/**
 * Who gets a DM. Subscribers: admins in ADMIN_USER_IDS (subscribed by default) and users who
 * ran /notify on, less users who ran /notify off. Admins: ADMIN_USER_IDS and remembered role
 * admins (Discord does not let a bot list role members without the privileged members intent).
 */
export class Recipients {
  constructor(private readonly adminUserIds: readonly string[], private readonly preferences: NotifyPreferenceStore) {}

  async forNotice(notice: Notice): Promise<string[]> {
    return this.of(audienceOf(notice));
  }

  async of(audience: Audience): Promise<string[]> {
    const prefs = await this.preferences.all();
    const byUser = new Map(prefs.map((p) => [p.userId, p]));
    const ids = audience === 'admins'
      ? [...this.adminUserIds, ...prefs.filter((p) => p.roleAdmin).map((p) => p.userId)]
      : [...this.adminUserIds.filter((id) => byUser.get(id)?.subscribed !== false), ...prefs.filter((p) => p.subscribed).map((p) => p.userId)];
    return [...new Set(ids)];
  }

  /** Whether this user gets trade DMs, and why. */
  async subscription(userId: string): Promise<{ subscribed: boolean; reason: 'admin_default' | 'opted_in' | 'opted_out' | 'not_subscribed' }> {
    const pref = await this.preferences.get(userId);
    if (pref) return { subscribed: pref.subscribed, reason: pref.subscribed ? 'opted_in' : 'opted_out' };
    return this.adminUserIds.includes(userId) ? { subscribed: true, reason: 'admin_default' } : { subscribed: false, reason: 'not_subscribed' };
  }
}
