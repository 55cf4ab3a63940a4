import type { NotifyPreference, NotifyPreferenceStore } from '../../../src/app/control-ports.js';
import type { AuditEntry, AuditLog, Notice, Notifier } from '../../../src/app/ports.js';

/** In-memory doubles of the control ports, with the repositories' semantics (see test/integration/control-store.test.ts). */
export class MemoryPreferences implements NotifyPreferenceStore {
  readonly rows = new Map<string, NotifyPreference>();

  get(userId: string): Promise<NotifyPreference | null> {
    return Promise.resolve(this.rows.get(userId) ?? null);
  }

  all(): Promise<NotifyPreference[]> {
    return Promise.resolve([...this.rows.values()]);
  }

  setSubscribed(userId: string, subscribed: boolean, atMs: number): Promise<void> {
    const row = this.rows.get(userId);
    this.rows.set(userId, { userId, subscribed, roleAdmin: row?.roleAdmin ?? false, updatedAtMs: atMs });
    return Promise.resolve();
  }

  rememberRoleAdmin(userId: string, atMs: number): Promise<void> {
    const row = this.rows.get(userId);
    this.rows.set(userId, { userId, subscribed: row?.subscribed ?? true, roleAdmin: true, updatedAtMs: atMs });
    return Promise.resolve();
  }

  forgetRoleAdmin(userId: string, atMs: number): Promise<void> {
    const row = this.rows.get(userId);
    if (row?.roleAdmin) this.rows.set(userId, { ...row, roleAdmin: false, updatedAtMs: atMs });
    return Promise.resolve();
  }
}

export class MemoryAudit implements AuditLog {
  readonly entries: AuditEntry[] = [];

  record(entry: AuditEntry): Promise<void> {
    this.entries.push(entry);
    return Promise.resolve();
  }

  recent(limit: number): Promise<AuditEntry[]> {
    return Promise.resolve(this.entries.slice(-limit).reverse());
  }
}

export class MemoryNotifier implements Notifier {
  readonly notices: Notice[] = [];

  notify(notice: Notice): Promise<void> {
    this.notices.push(notice);
    return Promise.resolve();
  }
}
