/**
 * Public shapes of the Discord test double. API payloads stay loosely typed (`Json`) because the
 * double stores what the bot sent verbatim; the fields tests assert on are typed explicitly.
 */

export type Json = Record<string, unknown>;

export interface DoubleOptions {
  /** The only token accepted (default 'test-token'). */
  token?: string;
  /** Sent in Hello (default 400 ms, so tests exercise real heartbeats quickly). */
  heartbeatIntervalMs?: number;
  /** false → an Identify asking for a privileged intent is closed with 4014 (default true). */
  privilegedIntentsAllowed?: boolean;
  /** Default: one guild 'TradeStream Test' with channels twi_futures, twi_options, general. */
  guilds?: GuildSpec[];
  /** Discord's initial-response window (default 3000 ms); lower it to test expiry quickly. */
  interactionAckWindowMs?: number;
  /** How long a visible interaction reply must stay unchanged before `response()` resolves (default 50 ms). */
  replySettleMs?: number;
  /** Every bulk overwrite of commands is answered with this error (default none): an unforeseen Discord failure. */
  commandRegistrationError?: { status: number; code: number; message: string };
}

export interface GuildSpec {
  id?: string;
  name?: string;
  channels?: { id?: string; name: string }[];
  roles?: { id?: string; name: string }[];
}

export interface ResolvedChannel { id: string; name: string; guildId: string; position: number }
export interface ResolvedRole { id: string; name: string; guildId: string; position: number }

export interface ResolvedGuild {
  id: string;
  name: string;
  ownerId: string;
  joinedAt: string;
  channels: ResolvedChannel[];
  /** The first role is @everyone, whose id is the guild id. */
  roles: ResolvedRole[];
}

export interface UserSpec { id: string; username: string; bot?: boolean }

export interface StoredAttachment {
  id: string;
  /** The file name as Discord shows it. */
  name: string;
  contentType: string;
  data: Buffer;
  description?: string;
}

export type MessageSource = 'user' | 'bot' | 'interaction' | 'followup';

export interface StoredMessage {
  id: string;
  channelId: string;
  /** null in DMs. */
  guildId: string | null;
  author: UserSpec;
  /** Role ids of the author's member (user messages in guilds). */
  roles: string[];
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  attachments: StoredAttachment[];
  /** Emoji the bot reacted with (names or `name:id`). */
  reactions: string[];
  referencedMessageId: string | null;
  timestamp: string;
  editedTimestamp: string | null;
  deleted: boolean;
  source: MessageSource;
  /** Set for interaction replies and follow-ups. */
  interactionId: string | null;
  /** Discord's message type, when not the default (0, or 19 for a reply). */
  type?: number;
}

export interface InteractionMessage {
  /** Message id (use it with `clickButton`); null for a reply that was never materialised. */
  id: string | null;
  content: string;
  embeds: Json[];
  components: Json[];
  flags: number;
  ephemeral: boolean;
  attachments: StoredAttachment[];
  deleted: boolean;
}

export interface InteractionReply extends InteractionMessage {
  /** Callback type that created the reply: 4 reply, 5 deferred reply, 6 deferred update, 7 update. */
  type: number;
  deferred: boolean;
  /** Milliseconds from dispatch to the first callback. */
  ackMs: number;
}

export interface RequestLogEntry {
  method: string;
  /** Decoded path below `/api/v10` (e.g. `/webhooks/1/tok/messages/@original`). */
  path: string;
  query: string;
  status: number;
  /** Parsed JSON body (or `payload_json` of a multipart body); null when empty. */
  body: unknown;
  /** true when no route matched: the bot called something the double does not implement. */
  unmatched: boolean;
  atMs: number;
}

export interface GatewayConnectionLogEntry { path: string; query: string; atMs: number }

export type OptionValue = string | number | boolean;

export interface ActorSpec {
  user: { id: string; username: string };
  /** Role names or ids in the guild. */
  roles?: string[];
  /** Permission bit set as a decimal string (default: view/send/history/use commands). */
  permissions?: string;
}

export interface RunCommandSpec extends ActorSpec {
  name: string;
  subcommandGroup?: string;
  subcommand?: string;
  options?: Record<string, OptionValue>;
  /** Channel name or id (default: the first channel of the first guild). */
  channel?: string;
  /** Run the command in the user's DM with the bot instead of a guild. */
  dm?: boolean;
}

export interface AutocompleteSpec extends RunCommandSpec {
  /** Name of the option being typed; its current text is `options[focused]` (default ''). */
  focused: string;
}

export interface ClickSpec extends ActorSpec {
  /** A message the bot sent, or anything carrying its id (e.g. an `InteractionReply`). */
  message: { id: string | null } | string;
  customId: string;
  /** For select menus: chosen values (component_type 3). */
  values?: string[];
}

export interface PostMessageSpec {
  channel: string;
  author: { id: string; username: string; bot?: boolean };
  content: string;
  roles?: string[];
  /** Reuse an id to simulate a redelivered duplicate. */
  id?: string;
  embeds?: Json[];
  /** The author's server nickname (their member's `nick`), kept for later messages and member reads. */
  nick?: string;
  /**
   * When the message was posted (epoch ms; default now). An earlier time backdates it: its
   * snowflake id and `timestamp` are of that time, as for a message posted while the bot was away.
   */
  postedAtMs?: number;
  /**
   * Discord's message type (default 0). A system message comes from a user's action: 6 a pin
   * notice, 18 "thread created" (its content is the thread's name), 7 a member joining.
   */
  type?: number;
}
