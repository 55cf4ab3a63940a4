import { ActionRowBuilder, ButtonBuilder, ButtonStyle, type APIEmbed, type APIActionRowComponent,
  type APIComponentInMessageActionRow } from 'discord.js';
import type { ModeConfirmResult, ModeRequestResult } from '../../app/mode/mode-switch.js';
import { modeConfirmEmbed, modeLabel } from './control-embeds.js';

export interface ModeReply {
  content: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
}

const text = (content: string): ModeReply => ({ content, embeds: [], components: [] });

/** Outcomes of /mode and of its confirmation buttons, in words. */
export function modeReply(result: ModeRequestResult | ModeConfirmResult): ModeReply {
  switch (result.status) {
    case 'refused': return text('⛔ Only TradeStream admins may change the trading mode.');
    case 'unchanged': return text(`The bot is already in ${modeLabel(result.mode)} mode.`);
    case 'switched': return text(`✅ Trading mode switched: ${modeLabel(result.from)} → ${modeLabel(result.to)}. Admins have been told.`);
    case 'no_live_broker': return text('⛔ No live broker is configured, so live trading is not available: the bot stays in paper mode. '
      + 'Configure a live broker adapter first (see README, "Trading modes").');
    case 'code_required': return text('🔐 Switching to live needs a current code from your authenticator app: run it again with `code:123456`.');
    case 'code_invalid': return text('⛔ That authenticator code is not valid now (or was already used). Nothing changed; try the current code.');
    case 'expired': return text('⌛ This confirmation has expired or is not yours. Nothing changed; run /mode again.');
    case 'cancelled': return text(`Cancelled. The bot stays in ${modeLabel(result.mode)} mode.`);
    case 'confirm': {
      const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId(`mode:confirm:${result.token}`).setLabel(`Switch to ${result.target}`).setStyle(ButtonStyle.Danger),
        new ButtonBuilder().setCustomId(`mode:cancel:${result.token}`).setLabel('Cancel').setStyle(ButtonStyle.Secondary),
      );
      return { content: '', embeds: [modeConfirmEmbed(result.target, result.brokers, result.expiresAtMs)], components: [buttons.toJSON()] };
    }
  }
}
