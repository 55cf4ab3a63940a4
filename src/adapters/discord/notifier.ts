import type { APIActionRowComponent, APIComponentInMessageActionRow, APIEmbed, Client } from 'discord.js';
import type { Log, Notice, Notifier } from '../../app/ports.js';
import { cleanText } from '../clean-text.js';
import { entryFilledEmbed, rejectedEmbed } from './embeds.js';
import { dailyLossEmbed, endOfDayEmbed, exitFilledEmbed, stopMovedEmbed } from './trade-embeds.js';
import { dailySummaryEmbed, settingChangedEmbed } from './control-embeds.js';
import { catchUpIncompleteEmbed, reviewRequestMessage, withdrawnEmbed } from './review-embeds.js';

export interface DmPayload {
  embeds: APIEmbed[];
  components?: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

/** Who gets a notice (the subscriber set for trade notices, the admins for reviews and setting changes). */
export interface NoticeRecipients {
  forNotice(notice: Notice): Promise<readonly string[]>;
}

/**
 * Sends notices as DM embeds to the recipients the directory names for each notice
 * (Discord does not let a bot list role members without the privileged members intent).
 */
export class DiscordDmNotifier implements Notifier {
  constructor(private readonly client: Client, private readonly recipients: NoticeRecipients, private readonly log: Log) {}

  async notify(notice: Notice): Promise<void> {
    let userIds: readonly string[];
    try {
      userIds = await this.recipients.forNotice(notice);
    } catch (err) {
      this.log.error({ err, kind: notice.kind }, 'could not look up who gets a notice');
      return;
    }
    const payload = render(notice);
    await Promise.all(userIds.map((userId) => this.send(userId, payload, notice.kind)));
  }

  /**
   * Notices carry text built in memory — a parse that echoes a sender's U+0000 — not only text read
   * back from the store: every DM is cleaned here, as the store cleans what it writes (cleanText).
   */
  async send(userId: string, payload: DmPayload, kind: string): Promise<void> {
    try {
      const dm = await this.client.users.createDM(userId);
      await dm.send(cleanText(payload));
    } catch (err) {
      this.log.warn({ err, userId, kind }, 'could not deliver a DM');
    }
  }
}

function render(notice: Notice): DmPayload {
  switch (notice.kind) {
    case 'entry_filled':
      return { embeds: [entryFilledEmbed(notice.signal, notice.alert, notice.position, notice.fill)] };
    case 'review_needed':
      return reviewRequestMessage(notice.signal, notice.parse, notice.threshold);
    case 'alert_withdrawn':
      return { embeds: [withdrawnEmbed(notice.signal, notice.original)] };
    case 'order_rejected':
      return { embeds: [rejectedEmbed(notice.signal, notice.reasonCode, notice.reason)] };
    case 'exit_filled':
      return { embeds: [exitFilledEmbed(notice.signal, notice.position, notice.fill)] };
    case 'stop_moved':
      return { embeds: [stopMovedEmbed(notice.position, notice.from, notice.to, notice.cause)] };
    case 'daily_loss_limit':
      return { embeds: [dailyLossEmbed(notice.description, notice.flattened)] };
    case 'end_of_day':
      return { embeds: [endOfDayEmbed(notice.policy, notice.closed, notice.held)] };
    case 'setting_changed':
      return { embeds: [settingChangedEmbed(notice)] };
    case 'daily_summary':
      return { embeds: [dailySummaryEmbed(notice.summary)] };
    case 'catch_up_incomplete':
      return { embeds: [catchUpIncompleteEmbed(notice)] };
  }
}
