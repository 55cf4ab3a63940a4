import { EventEmitter } from 'node:events';
import { createSnowflakes, snowflakeAt } from './snowflake.js';
import type {
  DoubleOptions, GatewayConnectionLogEntry, Json, RequestLogEntry, StoredMessage, UserSpec,
} from './types.js';
import { DEFAULT_GUILDS, GuildDirectory, resolveGuilds } from './world.js';

export interface ResolvedOptions {
  token: string;
  heartbeatIntervalMs: number;
  privilegedIntentsAllowed: boolean;
  ackWindowMs: number;
  settleMs: number;
  commandRegistrationError: { status: number; code: number; message: string } | null;
}

export interface InteractionRecord {
  id: string;
  token: string;
  kind: 'command' | 'component' | 'autocomplete';
  payload: Json;
  channelId: string;
  guildId: string | null;
  dispatchedAtMs: number;
  firstCallbackAtMs: number | null;
  callbackType: number | null;
  /** The message `@original` points at: the reply, or for updates the component's message. */
  originalMessageId: string | null;
  /** Component interactions: the message carrying the clicked component. */
  sourceMessageId: string | null;
  /** A deferred reply or update only becomes visible once `@original` is edited. */
  originalEdited: boolean;
  followUpIds: string[];
  choices: Json[] | null;
  /** Data of a type-9 (MODAL) callback. */
  modal: Json | null;
  /** Callbacks the double refused (late, repeated, wrong type), for failure messages. */
  rejectedCallbacks: { status: number; code: number; message: string }[];
  lastChangeAtMs: number;
}

interface Waiter { timer: NodeJS.Timeout; reject: (error: Error) => void }

export interface RequestHold {
  matches(method: string, path: string): boolean;
  /** Resolves when the hold is released. */
  released: Promise<void>;
  /** Called for each request the hold catches. */
  caught(): void;
}

/** Everything the double knows; REST, gateway and the test-facing API all read and write here. */
export class DoubleState {
  readonly nextId = createSnowflakes();
  readonly events = new EventEmitter();
  readonly options: ResolvedOptions;
  readonly guilds: GuildDirectory;
  readonly applicationId: string;
  readonly botUser: UserSpec;
  readonly users = new Map<string, UserSpec>();
  /** `${guildId}:${userId}` → role ids, as last seen on a message or interaction. */
  readonly memberRoles = new Map<string, string[]>();
  /** `${guildId}:${userId}` → server nickname. */
  readonly memberNicks = new Map<string, string>();
  readonly messages = new Map<string, StoredMessage>();
  /** user id → DM channel id, and back. */
  readonly dmChannels = new Map<string, string>();
  readonly dmRecipients = new Map<string, string>();
  readonly closedDms = new Set<string>();
  /** Channels whose REST reads fail with 403 / 50001 Missing Access (the bot lost View Channel). */
  readonly deniedChannels = new Set<string>();
  /** REST requests a test holds unanswered (a slow Discord), see DiscordDouble.holdRequests. */
  readonly holds = new Set<RequestHold>();
  /** Registered application commands as API objects; `guild_id` null for global ones. */
  readonly commands: Json[] = [];
  readonly interactions = new Map<string, InteractionRecord>();
  readonly requests: RequestLogEntry[] = [];
  readonly gatewayConnections: GatewayConnectionLogEntry[] = [];
  /** `http://127.0.0.1:PORT`, set once the server listens. */
  origin = '';
  private readonly waiters = new Set<Waiter>();
  private backdated = 0;

  constructor(opts: DoubleOptions) {
    this.options = {
      token: opts.token ?? 'test-token',
      heartbeatIntervalMs: opts.heartbeatIntervalMs ?? 400,
      privilegedIntentsAllowed: opts.privilegedIntentsAllowed ?? true,
      ackWindowMs: opts.interactionAckWindowMs ?? 3000,
      settleMs: opts.replySettleMs ?? 50,
      commandRegistrationError: opts.commandRegistrationError ?? null,
    };
    this.events.setMaxListeners(0);
    this.guilds = new GuildDirectory(resolveGuilds(opts.guilds ?? DEFAULT_GUILDS, this.nextId));
    // Distinct from the bot user id on purpose: webhook routes must use the application id.
    this.applicationId = this.nextId();
    this.botUser = { id: this.nextId(), username: 'TradeStreamBot', bot: true };
    this.users.set(this.botUser.id, this.botUser);
  }

  changed(): void {
    this.events.emit('change');
  }

  rememberUser(user: { id: string; username: string; bot?: boolean }): UserSpec {
    const known: UserSpec = { id: user.id, username: user.username, bot: user.bot ?? false };
    this.users.set(user.id, known);
    return known;
  }

  userOrPlaceholder(id: string): UserSpec {
    return this.users.get(id) ?? { id, username: `user-${id.slice(-4)}`, bot: false };
  }

  /** The DM channel between the bot and a user, created on first use like Discord does. */
  dmChannelFor(userId: string): string {
    const existing = this.dmChannels.get(userId);
    if (existing) return existing;
    const id = this.nextId();
    this.dmChannels.set(userId, id);
    this.dmRecipients.set(id, userId);
    return id;
  }

  /** A guild channel (name or id) or a DM channel id; undefined when unknown. */
  findChannel(nameOrId: string): { id: string; guildId: string | null } | undefined {
    const guildChannel = this.guilds.findChannel(nameOrId);
    if (guildChannel) return { id: guildChannel.id, guildId: guildChannel.guildId };
    return this.dmRecipients.has(nameOrId) ? { id: nameOrId, guildId: null } : undefined;
  }

  /** A message id for `postedAtMs`: a new live id for now (or later), else a snowflake of that past instant. */
  messageIdAt(postedAtMs: number | undefined): string {
    if (postedAtMs === undefined || postedAtMs >= Date.now()) return this.nextId();
    for (;;) {
      const id = snowflakeAt(postedAtMs, this.backdated++);
      if (!this.messages.has(id)) return id;
    }
  }

  /** Oldest first, by id (a backdated message sorts among those of its time, as on Discord). */
  messagesIn(channelId: string): StoredMessage[] {
    return [...this.messages.values()].filter((m) => m.channelId === channelId)
      .sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
  }

  /** Resolves once `check` returns a value, re-checking on every state change. */
  waitUntil<T>(check: () => T | undefined, timeoutMs: number, what: string | (() => string)): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const onChange = (): void => {
        const value = check();
        if (value === undefined) return;
        finish();
        resolve(value);
      };
      const waiter: Waiter = {
        timer: setTimeout(() => {
          finish();
          reject(new Error(`discord double: timed out after ${timeoutMs} ms waiting for ${typeof what === 'string' ? what : what()}`));
        }, timeoutMs),
        reject: (error) => { finish(); reject(error); },
      };
      const finish = (): void => {
        clearTimeout(waiter.timer);
        this.waiters.delete(waiter);
        this.events.off('change', onChange);
      };
      this.waiters.add(waiter);
      this.events.on('change', onChange);
    });
  }

  rejectWaiters(reason: string): void {
    for (const waiter of [...this.waiters]) waiter.reject(new Error(`discord double: ${reason}`));
  }
}
