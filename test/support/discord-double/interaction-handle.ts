import { EPHEMERAL } from './message-payload.js';
import type { DoubleState, InteractionRecord } from './state.js';
import type { InteractionMessage, InteractionReply, Json, StoredMessage } from './types.js';

const DEFAULT_TIMEOUT_MS = 5000;

/** What a test holds after dispatching an interaction: read back what the bot answered. */
export class InteractionHandle {
  constructor(private readonly state: DoubleState, private readonly record: InteractionRecord) {}

  get id(): string {
    return this.record.id;
  }

  get token(): string {
    return this.record.token;
  }

  /** The INTERACTION_CREATE body as dispatched. */
  get payload(): Json {
    return this.record.payload;
  }

  /** Milliseconds from dispatch to the first accepted callback; null until then. */
  get ackMs(): number | null {
    return this.record.firstCallbackAtMs === null ? null : this.record.firstCallbackAtMs - this.record.dispatchedAtMs;
  }

  /** Callbacks the double refused: 40060 (second callback), 10062 (too late), 50035 (bad type). */
  get rejectedCallbacks(): { status: number; code: number; message: string }[] {
    return [...this.record.rejectedCallbacks];
  }

  /** The reply as users see it right now (undefined while nothing is visible). */
  current(): InteractionReply | undefined {
    return visibleReply(this.state, this.record);
  }

  /**
   * Resolves with the visible reply once it has stayed unchanged for `replySettleMs`. A deferred
   * reply (type 5) or update (type 6) becomes visible only when `@original` is edited.
   */
  async response(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<InteractionReply> {
    const deadline = Date.now() + timeoutMs;
    await this.state.waitUntil(() => this.current(), timeoutMs, () => this.describeWait());
    const settleMs = this.state.options.settleMs;
    for (;;) {
      const quietMs = Date.now() - this.record.lastChangeAtMs;
      if (quietMs >= settleMs || Date.now() >= deadline) break;
      await new Promise((resolve) => setTimeout(resolve, settleMs - quietMs));
    }
    const reply = this.current();
    if (!reply) throw new Error(`discord double: the reply to interaction ${this.id} disappeared`);
    return reply;
  }

  followUps(): InteractionMessage[] {
    return this.record.followUpIds.flatMap((id) => {
      const message = this.state.messages.get(id);
      return message ? [snapshot(message)] : [];
    });
  }

  waitForFollowUps(count: number, timeoutMs = DEFAULT_TIMEOUT_MS): Promise<InteractionMessage[]> {
    return this.state.waitUntil(() => {
      const list = this.followUps();
      return list.length >= count ? list : undefined;
    }, timeoutMs, `${count} follow-up(s) to interaction ${this.id}`);
  }

  /** Autocomplete: the choices of the type-8 callback. */
  choices(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Json[]> {
    return this.state.waitUntil(() => this.record.choices ?? undefined, timeoutMs, () => this.describeWait());
  }

  /** The modal the bot opened (type-9 callback data). */
  modal(timeoutMs = DEFAULT_TIMEOUT_MS): Promise<Json> {
    return this.state.waitUntil(() => this.record.modal ?? undefined, timeoutMs, () => this.describeWait());
  }

  private describeWait(): string {
    const { record } = this;
    const name = String((record.payload.data as Json | undefined)?.name ?? (record.payload.data as Json | undefined)?.custom_id);
    const status = record.callbackType === null ? 'no callback yet' : `callback type ${record.callbackType}, @original edited: ${record.originalEdited}`;
    const rejected = record.rejectedCallbacks.map((r) => `${r.status}/${r.code} ${r.message}`).join('; ');
    const unmatched = this.state.requests.filter((r) => r.unmatched).map((r) => `${r.method} ${r.path}`).slice(-5).join(', ');
    return `the ${record.kind} interaction "${name}" to be answered (${status}` +
      `${rejected ? `; rejected: ${rejected}` : ''}${unmatched ? `; unmatched requests: ${unmatched}` : ''})`;
  }
}

function visibleReply(state: DoubleState, record: InteractionRecord): InteractionReply | undefined {
  const type = record.callbackType;
  if (type === null || record.firstCallbackAtMs === null || type === 8 || type === 9) return undefined;
  if ((type === 5 || type === 6) && !record.originalEdited) return undefined;
  const message = record.originalMessageId ? state.messages.get(record.originalMessageId) : undefined;
  if (!message) return undefined;
  return { ...snapshot(message), type, deferred: type === 5 || type === 6, ackMs: record.firstCallbackAtMs - record.dispatchedAtMs };
}

export function snapshot(message: StoredMessage): InteractionMessage {
  return {
    id: message.id, content: message.content, embeds: message.embeds, components: message.components,
    flags: message.flags, ephemeral: (message.flags & EPHEMERAL) !== 0, attachments: message.attachments, deleted: message.deleted,
  };
}
