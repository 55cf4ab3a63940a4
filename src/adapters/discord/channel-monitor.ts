import { Events, type Client, type Guild, type Message, type OmitPartialGroupDMChannel, type PartialMessage } from 'discord.js';
import { catchUpChannels } from './channel-catch-up.js';
import { handleEdit } from './message-edit.js';
import { ingestWithRetry, messageSignal, type MonitorDeps } from './message-signal.js';

export type { MonitorConfig, MonitorDeps, SignalSink } from './message-signal.js';

type AnyMessage = OmitPartialGroupDMChannel<Message | PartialMessage>;

/**
 * Turns messages in the alert channels into stored signals; everything else is ignored quietly.
 * On every fresh gateway session (`shardReady`: the first login, or a re-identify after a session
 * Discord would not resume) it catches up on what was posted meanwhile; a RESUME needs nothing,
 * Discord replays the missed events. Live messages and edits that arrive during a catch-up wait
 * for it, so the pipeline queues the older messages first (a duplicate of one is not doubled).
 * A guild Discord had unavailable (an outage) is caught up when it becomes available again:
 * none of its messages were delivered meanwhile.
 */
export class ChannelMonitor {
  private work: Promise<void> = Promise.resolve();
  private stopped = false;

  constructor(private readonly client: Client, private readonly deps: MonitorDeps) {}

  attach(): this {
    this.client.on(Events.ShardReady, this.onFreshSession);
    this.client.on(Events.GuildAvailable, this.onGuildBack);
    this.client.on(Events.MessageCreate, this.onMessage);
    this.client.on(Events.MessageUpdate, this.onEdit);
    return this;
  }

  /** Resolves once the catch-ups started so far are done. */
  idle(): Promise<void> {
    return this.work;
  }

  /** Stop listening, end a catch-up at its next message, and wait for it. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.client.off(Events.ShardReady, this.onFreshSession);
    this.client.off(Events.GuildAvailable, this.onGuildBack);
    this.client.off(Events.MessageCreate, this.onMessage);
    this.client.off(Events.MessageUpdate, this.onEdit);
    await this.work;
  }

  private readonly onFreshSession = (): void => {
    this.catchUp(undefined);
  };

  /** Guilds also arrive "available" while a new session starts: those the ready catch-up reads. */
  private readonly onGuildBack = (guild: Guild): void => {
    if (!this.client.isReady()) return;
    this.deps.log.info({ guildId: guild.id, guild: guild.name }, 'guild available again after an outage: catching up its alert channels');
    this.catchUp(guild.id);
  };

  private catchUp(guildId: string | undefined): void {
    this.work = this.work
      .then(() => catchUpChannels(this.client, { ...this.deps, stopped: () => this.stopped }, guildId))
      .catch((err: unknown) => this.deps.log.error({ err, guildId }, 'alert channel catch-up failed'));
  }

  private readonly onMessage = (message: Message): void => {
    this.afterCatchUp(async () => {
      const signal = messageSignal(message, this.deps.config);
      if (signal === null) return;
      const result = await ingestWithRetry(this.deps.sink, signal, this.deps.log);
      if (result) this.deps.log.debug({ messageId: message.id, signalId: result.signal.id, status: result.status }, 'alert channel message stored');
    });
  };

  private readonly onEdit = (_old: AnyMessage, message: AnyMessage): void => {
    this.afterCatchUp(() => handleEdit(message, this.deps));
  };

  private afterCatchUp(task: () => Promise<void>): void {
    void this.work
      .then(() => (this.stopped ? undefined : task()))
      .catch((err: unknown) => this.deps.log.error({ err }, 'alert channel message not handled'));
  }
}

export function attachChannelMonitor(client: Client, deps: MonitorDeps): ChannelMonitor {
  return new ChannelMonitor(client, deps).attach();
}
