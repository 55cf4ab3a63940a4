import type { APIEmbed, Client } from 'discord.js';
import type { Log, Notice, Notifier } from '../../app/ports.js';
import { entryFilledEmbed, rejectedEmbed, reviewEmbed } from './embeds.js';
import { dailyLossEmbed, endOfDayEmbed, exitFilledEmbed, stopMovedEmbed } from './trade-embeds.js';

/**
 * Sends trade notices as DM embeds. Recipients are the admins named in ADMIN_USER_IDS
 * (Discord does not let a bot list role members without the privileged members intent).
 */
export class DiscordDmNotifier implements Notifier {
  constructor(private readonly client: Client, private readonly recipients: () => readonly string[], private readonly log: Log) {}

  async notify(notice: Notice): Promise<void> {
    const embed = render(notice);
    await Promise.all(this.recipients().map((userId) => this.send(userId, embed, notice.kind)));
  }

  async send(userId: string, embed: APIEmbed, kind: string): Promise<void> {
    try {
      const dm = await this.client.users.createDM(userId);
      await dm.send({ embeds: [embed] });
    } catch (err) {
      this.log.warn({ err, userId, kind }, 'could not deliver a DM');
    }
  }
}

function render(notice: Notice): APIEmbed {
  switch (notice.kind) {
    case 'entry_filled':
      return entryFilledEmbed(notice.signal, notice.alert, notice.position, notice.fill);
    case 'review_needed':
      return reviewEmbed(notice.signal, notice.parse.ok ? JSON.stringify(notice.parse.alert) : notice.parse.reasons.map((r) => r.code).join(', '),
        notice.parse.confidence, notice.threshold);
    case 'order_rejected':
      return rejectedEmbed(notice.signal, notice.reasonCode, notice.reason);
    case 'exit_filled':
      return exitFilledEmbed(notice.signal, notice.position, notice.fill);
    case 'stop_moved':
      return stopMovedEmbed(notice.position, notice.from, notice.to, notice.cause);
    case 'daily_loss_limit':
      return dailyLossEmbed(notice.description, notice.flattened);
    case 'end_of_day':
      return endOfDayEmbed(notice.policy, notice.closed, notice.held);
  }
}
