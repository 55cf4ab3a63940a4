/**
 * A Discord test double for end-to-end tests: REST over node:http and the gateway over `ws`, on
 * 127.0.0.1, good enough for the real, unmodified discord.js client
 * (`new Client({ ..., rest: { api: double.apiBase } })`). See README.md next to this file.
 */
import { messageEventJson } from './api-json.js';
import { InteractionHandle } from './interaction-handle.js';
import { dispatchCommand, dispatchComponent } from './interactions.js';
import { commandRoutes } from './routes-commands.js';
import { coreRoutes } from './routes-core.js';
import { interactionRoutes } from './routes-interactions.js';
import { messageRoutes } from './routes-messages.js';
import { DoubleServer } from './server.js';
import { DoubleState } from './state.js';
import type {
  AutocompleteSpec, ClickSpec, DoubleOptions, GatewayConnectionLogEntry, Json, PostMessageSpec,
  RequestLogEntry, RunCommandSpec, StoredMessage, UserSpec,
} from './types.js';
import { editUserMessage, storeUserMessage } from './user-messages.js';
import type { GuildDirectory } from './world.js';

export type * from './types.js';
export { InteractionHandle } from './interaction-handle.js';
export type { GuildDirectory } from './world.js';

const DEFAULT_WAIT_MS = 5000;
type MessagePredicate = (message: StoredMessage) => boolean;

export async function startDiscordDouble(opts: DoubleOptions = {}): Promise<DiscordDouble> {
  const state = new DoubleState(opts);
  const server = new DoubleServer(state, [...coreRoutes, ...messageRoutes, ...commandRoutes, ...interactionRoutes]);
  await server.listen();
  return new DiscordDouble(state, server);
}

export class DiscordDouble {
  /** @internal use startDiscordDouble() */
  constructor(private readonly state: DoubleState, private readonly server: DoubleServer) {}

  /** Pass as `rest.api` to the discord.js Client. */
  get apiBase(): string {
    return `${this.state.origin}/api`;
  }

  get token(): string {
    return this.state.options.token;
  }

  get applicationId(): string {
    return this.state.applicationId;
  }

  get botUser(): UserSpec {
    return this.state.botUser;
  }

  /** Resolved guild/channel/role ids: `guilds.guildId`, `guilds.channelId(name)`, `guilds.roleId(name)`, `guilds.all`. */
  get guilds(): GuildDirectory {
    return this.state.guilds;
  }

  /** Every REST request the bot made, in order. */
  get requests(): readonly RequestLogEntry[] {
    return this.state.requests;
  }

  /** Requests no route matched: what the bot called that the double does not implement. */
  unmatchedRequests(): RequestLogEntry[] {
    return this.state.requests.filter((r) => r.unmatched);
  }

  /** Each WebSocket the client opened (path `/gateway` to identify, `/gateway-resume` to resume). */
  get gatewayConnections(): readonly GatewayConnectionLogEntry[] {
    return this.state.gatewayConnections;
  }

  /**
   * A user posts in a guild channel (name or id); dispatches MESSAGE_CREATE. With no session
   * connected (the bot is down, or cut off after `expireSessions()`) it reaches nobody, as on
   * Discord, and is only in the channel's history.
   */
  postMessage(spec: PostMessageSpec): StoredMessage {
    const message = storeUserMessage(this.state, spec, false);
    this.server.gateway.dispatch('MESSAGE_CREATE', messageEventJson(this.state, message));
    return message;
  }

  /** A user writes to the bot in their DM channel; dispatches MESSAGE_CREATE without guild_id. */
  postDm(spec: Omit<PostMessageSpec, 'channel' | 'roles'>): StoredMessage {
    const message = storeUserMessage(this.state, { ...spec, channel: '' }, true);
    this.server.gateway.dispatch('MESSAGE_CREATE', messageEventJson(this.state, message));
    return message;
  }

  /** The author edits their message: new content and `edited_timestamp`, then MESSAGE_UPDATE (the whole message). */
  editMessage(messageId: string, content: string): StoredMessage {
    const message = editUserMessage(this.state, messageId, content);
    this.server.gateway.dispatch('MESSAGE_UPDATE', messageEventJson(this.state, message));
    return message;
  }

  /** Dispatches the message again as it is now, as Discord may after a reconnect (MESSAGE_CREATE) or an embed unfurl (MESSAGE_UPDATE). */
  redeliver(messageId: string, event: 'MESSAGE_CREATE' | 'MESSAGE_UPDATE' = 'MESSAGE_CREATE'): void {
    const message = this.state.messages.get(messageId);
    if (!message) throw new Error(`discord double: no message ${messageId} to redeliver`);
    this.server.gateway.dispatch(event, messageEventJson(this.state, message));
  }

  /** REST reads of the channel's messages fail with 403 / 50001 Missing Access (the bot lost View Channel). */
  denyChannelAccess(channel: string, denied = true): void {
    const found = this.state.findChannel(channel);
    if (!found) throw new Error(`discord double: no channel "${channel}"`);
    if (denied) this.state.deniedChannels.add(found.id);
    else this.state.deniedChannels.delete(found.id);
  }

  /**
   * Holds REST requests matching `method` and a path pattern unanswered until `release()` (a slow
   * Discord, to stage races). `caught` resolves when the first one arrives.
   */
  holdRequests(method: string, path: RegExp): { caught: Promise<void>; release(): void } {
    let release: () => void = () => undefined;
    let caught: () => void = () => undefined;
    const hold = {
      matches: (m: string, p: string) => m === method && path.test(p),
      released: new Promise<void>((resolve) => { release = resolve; }),
      caught: () => caught(),
    };
    this.state.holds.add(hold);
    return {
      caught: new Promise<void>((resolve) => { caught = resolve; }),
      release: () => { this.state.holds.delete(hold); release(); },
    };
  }

  runCommand(spec: RunCommandSpec): InteractionHandle {
    return new InteractionHandle(this.state, dispatchCommand(this.state, this.server.gateway, spec));
  }

  /** Clicks a button (or picks select-menu `values`) on a message the bot sent. */
  clickButton(spec: ClickSpec): InteractionHandle {
    return new InteractionHandle(this.state, dispatchComponent(this.state, this.server.gateway, spec));
  }

  /** Resolves with the choices the bot returned (callback type 8). */
  autocomplete(spec: AutocompleteSpec, timeoutMs = DEFAULT_WAIT_MS): Promise<Json[]> {
    return this.autocompleteHandle(spec).choices(timeoutMs);
  }

  autocompleteHandle(spec: AutocompleteSpec): InteractionHandle {
    return new InteractionHandle(this.state, dispatchCommand(this.state, this.server.gateway, spec));
  }

  /** Commands the bot registered: global ones without an argument, else those of that guild. */
  registeredCommands(guildId?: string): Json[] {
    return this.state.commands.filter((c) => c.guild_id === (guildId ?? null));
  }

  message(id: string): StoredMessage | undefined {
    return this.state.messages.get(id);
  }

  /** Messages the bot sent to the user's DM channel (not deleted), oldest first. */
  dmsTo(userId: string): StoredMessage[] {
    const channelId = this.state.dmChannels.get(userId);
    if (!channelId) return [];
    return this.state.messagesIn(channelId).filter((m) => m.source === 'bot' && !m.deleted);
  }

  waitForDm(userId: string, predicate: MessagePredicate = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<StoredMessage> {
    return this.state.waitUntil(() => this.dmsTo(userId).find(predicate), timeoutMs, `a DM to user ${userId}`);
  }

  /** Makes DMs to the user fail with 403 / 50007, as when they closed DMs from server members. */
  setDmsClosed(userId: string, closed = true): void {
    if (closed) this.state.closedDms.add(userId);
    else this.state.closedDms.delete(userId);
  }

  /**
   * Messages in a channel (name or id), oldest first: users' posts and the bot's channel
   * messages. Interaction replies are read through their InteractionHandle instead.
   */
  channelMessages(channel: string): StoredMessage[] {
    const found = this.state.findChannel(channel);
    if (!found) throw new Error(`discord double: no channel "${channel}"`);
    return this.state.messagesIn(found.id).filter((m) => (m.source === 'user' || m.source === 'bot') && !m.deleted);
  }

  /** Waits for a message the bot posted in the channel (matching the predicate, if any). */
  waitForChannelMessage(channel: string, predicate: MessagePredicate = () => true, timeoutMs = DEFAULT_WAIT_MS): Promise<StoredMessage> {
    return this.state.waitUntil(
      () => this.channelMessages(channel).find((m) => m.source === 'bot' && predicate(m)),
      timeoutMs, `a bot message in #${channel}`,
    );
  }

  /** Resolves once a client has identified (READY sent). */
  waitForSession(timeoutMs = DEFAULT_WAIT_MS): Promise<true> {
    return this.state.waitUntil(() => (this.server.gateway.liveSessions > 0 ? true : undefined), timeoutMs, 'a gateway session');
  }

  /** Gateway op 7: the client should reconnect to resume_gateway_url and resume. */
  sendReconnect(): void {
    this.server.gateway.sendReconnect();
  }

  /** Gateway op 9 with `d` = resumable. */
  invalidateSession(resumable: boolean): void {
    this.server.gateway.invalidateSession(resumable);
  }

  /** Ends every session and cuts the sockets: the client cannot resume and identifies anew (a fresh READY). */
  expireSessions(): void {
    this.server.gateway.expireSessions();
  }

  /**
   * A Discord outage of a guild (default: the first): the bot is told it is unavailable and gets
   * none of its events — messages posted meanwhile are only in channel history — until
   * `guildOutage(guild, false)` makes it available again. A new session started during the
   * outage waits for the guild as discord.js does (`waitGuildTimeout`, 15 s).
   */
  guildOutage(guildId = this.state.guilds.guildId, out = true): void {
    this.server.gateway.setGuildAvailable(guildId, !out);
  }

  /** Cuts every gateway socket abruptly; sessions stay resumable and buffer dispatches. */
  dropConnections(): void {
    this.server.gateway.dropConnections();
  }

  async close(): Promise<void> {
    this.state.rejectWaiters('closed');
    await this.server.close();
  }
}
