import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { WebSocketServer, type WebSocket } from 'ws';
import { guildCreateJson, userJson } from './api-json.js';
import type { DoubleState } from './state.js';
import type { Json } from './types.js';

const INTENT = { guilds: 1, guildMessages: 1 << 9, directMessages: 1 << 12, messageContent: 1 << 15 };
/** GUILD_MEMBERS, GUILD_PRESENCES, MESSAGE_CONTENT. */
const PRIVILEGED_INTENTS = (1 << 1) | (1 << 8) | INTENT.messageContent;
const IDENTIFY_PATH = '/gateway';
const RESUME_PATH = '/gateway-resume';

interface Frame { op: number; d: unknown; s: number | null; t: string | null }
interface Session { id: string; intents: number; seq: number; history: Frame[]; socket: WebSocket | null }
interface Connection { socket: WebSocket; session: Session | null }

/** The gateway half of the double: Hello, Identify/READY, heartbeats, dispatches and resume. */
export class GatewayServer {
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly sessions = new Map<string, Session>();
  private readonly sockets = new Set<WebSocket>();
  /** Guilds in an outage: no events of theirs are sent, and a new session gets no GUILD_CREATE for them. */
  private readonly outGuilds = new Set<string>();

  constructor(private readonly state: DoubleState) {}

  get url(): string {
    return `${this.state.origin.replace(/^http/, 'ws')}${IDENTIFY_PATH}`;
  }

  private get resumeUrl(): string {
    return `${this.state.origin.replace(/^http/, 'ws')}${RESUME_PATH}`;
  }

  /** Number of sessions that identified and have not said goodbye (close 1000/1001). */
  get liveSessions(): number {
    return this.sessions.size;
  }

  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(req.url ?? '/', 'http://double');
    if (url.pathname !== IDENTIFY_PATH && url.pathname !== RESUME_PATH) {
      socket.end('HTTP/1.1 404 Not Found\r\n\r\n');
      return;
    }
    this.state.gatewayConnections.push({ path: url.pathname, query: url.search, atMs: Date.now() });
    this.wss.handleUpgrade(req, socket, head, (ws) => this.onConnection(ws, url.searchParams.get('v')));
  }

  /** Sends an event to every session; sessions between sockets keep it for their resume. */
  dispatch(t: string, d: Json): void {
    if (typeof d.guild_id === 'string' && this.outGuilds.has(d.guild_id)) return; // Discord cannot deliver it
    for (const session of this.sessions.values()) this.dispatchTo(session, t, d);
  }

  /**
   * A guild outage, as Discord reports one: GUILD_DELETE with `unavailable: true`, then none of the
   * guild's events until it is back, when a GUILD_CREATE carries the guild whole again.
   */
  setGuildAvailable(guildId: string, available: boolean): void {
    const guild = this.state.guilds.guild(guildId);
    if (!guild) throw new Error(`discord double: no guild ${guildId}`);
    if (available === !this.outGuilds.has(guildId)) return;
    if (available) {
      this.outGuilds.delete(guildId);
      this.dispatch('GUILD_CREATE', guildCreateJson(this.state, guild));
    } else {
      this.dispatch('GUILD_DELETE', { id: guildId, unavailable: true });
      this.outGuilds.add(guildId);
    }
  }

  sendReconnect(): void {
    for (const socket of this.sockets) send(socket, { op: 7, d: null, s: null, t: null });
  }

  invalidateSession(resumable: boolean): void {
    for (const socket of this.sockets) send(socket, { op: 9, d: resumable, s: null, t: null });
  }

  /** Cuts every socket without a close frame, as a network failure would (client sees 1006). */
  dropConnections(): void {
    for (const socket of this.sockets) socket.terminate();
  }

  /**
   * Ends every session, as when Discord invalidates them while the bot is cut off: sockets drop,
   * a resume is answered op 9 `false`, and the client must identify again (a new READY).
   */
  expireSessions(): void {
    this.sessions.clear();
    this.dropConnections();
  }

  async close(): Promise<void> {
    this.dropConnections();
    this.sessions.clear();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
  }

  private onConnection(socket: WebSocket, version: string | null): void {
    this.sockets.add(socket);
    const connection: Connection = { socket, session: null };
    socket.on('close', (code) => this.onClose(connection, code));
    socket.on('error', () => socket.terminate());
    if (version !== '10') {
      socket.close(4012, 'Invalid API version');
      return;
    }
    send(socket, { op: 10, d: { heartbeat_interval: this.state.options.heartbeatIntervalMs }, s: null, t: null });
    socket.on('message', (raw) => this.onFrame(connection, raw.toString()));
  }

  private onClose(connection: Connection, code: number): void {
    this.sockets.delete(connection.socket);
    const session = connection.session;
    if (!session || session.socket !== connection.socket) return;
    session.socket = null;
    // A client that closes normally ends its session; any other close keeps it resumable.
    if (code === 1000 || code === 1001) this.sessions.delete(session.id);
  }

  private onFrame(connection: Connection, text: string): void {
    let frame: { op?: unknown; d?: unknown };
    try {
      frame = JSON.parse(text) as { op?: unknown; d?: unknown };
    } catch {
      connection.socket.close(4002, 'Error while decoding payload');
      return;
    }
    const d = (frame.d ?? {}) as Json;
    switch (frame.op) {
      case 1: send(connection.socket, { op: 11, d: null, s: null, t: null }); return;
      case 2: this.identify(connection, d); return;
      case 6: this.resume(connection, d); return;
      case 3: case 4: case 8: return;
      default: connection.socket.close(4001, 'Unknown opcode');
    }
  }

  private identify(connection: Connection, d: Json): void {
    const { socket } = connection;
    if (connection.session) return socket.close(4005, 'Already authenticated');
    if (d.token !== this.state.options.token) return socket.close(4004, 'Authentication failed');
    const intents = typeof d.intents === 'number' ? d.intents : 0;
    if (!this.state.options.privilegedIntentsAllowed && (intents & PRIVILEGED_INTENTS) !== 0) {
      return socket.close(4014, 'Disallowed intent(s)');
    }
    const session: Session = { id: randomBytes(16).toString('hex'), intents, seq: 0, history: [], socket };
    connection.session = session;
    this.sessions.set(session.id, session);
    this.dispatchTo(session, 'READY', this.readyPayload(session));
    for (const guild of this.state.guilds.all) {
      if (!this.outGuilds.has(guild.id)) this.dispatchTo(session, 'GUILD_CREATE', guildCreateJson(this.state, guild));
    }
    this.state.changed();
  }

  private readyPayload(session: Session): Json {
    const allowed = this.state.options.privilegedIntentsAllowed;
    return {
      v: 10, user: userJson(this.state.botUser), guilds: this.state.guilds.all.map((g) => ({ id: g.id, unavailable: true })),
      session_id: session.id, session_type: 'normal', resume_gateway_url: this.resumeUrl, shard: [0, 1],
      application: { id: this.state.applicationId, flags: allowed ? (1 << 12) | (1 << 14) | (1 << 18) : 0 },
      private_channels: [], relationships: [], user_settings: {}, presences: [], guild_join_requests: [],
    };
  }

  private resume(connection: Connection, d: Json): void {
    const { socket } = connection;
    if (d.token !== this.state.options.token) return socket.close(4004, 'Authentication failed');
    const session = this.sessions.get(String(d.session_id));
    if (!session) return send(socket, { op: 9, d: false, s: null, t: null });
    const lastSeen = typeof d.seq === 'number' ? d.seq : 0;
    if (session.socket && session.socket !== socket) session.socket.terminate();
    session.socket = socket;
    connection.session = session;
    for (const frame of session.history) if (frame.s !== null && frame.s > lastSeen) send(socket, frame);
    this.dispatchTo(session, 'RESUMED', {});
    this.state.changed();
  }

  private dispatchTo(session: Session, t: string, d: Json): void {
    const payload = filterForIntents(session.intents, t, d, this.state.botUser.id);
    if (!payload) return;
    session.seq += 1;
    const frame: Frame = { op: 0, d: payload, s: session.seq, t };
    session.history.push(frame);
    if (session.socket) send(session.socket, frame);
  }
}

function send(socket: WebSocket, frame: Frame): void {
  if (socket.readyState === socket.OPEN) socket.send(JSON.stringify(frame));
}

/** Applies Discord's intent rules: which events a session gets, and message content stripping. */
function filterForIntents(intents: number, t: string, d: Json, botUserId: string): Json | null {
  if (t === 'GUILD_CREATE' || t === 'GUILD_DELETE') return intents & INTENT.guilds ? d : null;
  if (!t.startsWith('MESSAGE_')) return d;
  const inGuild = typeof d.guild_id === 'string';
  if (!(intents & (inGuild ? INTENT.guildMessages : INTENT.directMessages))) return null;
  if (!inGuild || intents & INTENT.messageContent || !('content' in d)) return d;
  const author = d.author as { id?: string } | undefined;
  const mentions = (d.mentions as { id?: string }[] | undefined) ?? [];
  if (author?.id === botUserId || mentions.some((m) => m.id === botUserId)) return d;
  return { ...d, content: '', embeds: [], attachments: [], components: [] };
}
