import { MessageFlags, SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import { listOpenPositions } from '../src/app/reports/open-positions.js';
import { closeAtMarket, planClose } from '../src/app/trading/close.js';
import { deskDeps } from '../src/adapters/discord/command-deps.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import type { CommandContext, SlashCommand } from '../src/adapters/discord/command-types.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { POSITION_IDS, positionsPage } from '../src/adapters/discord/position-embeds.js';
import { cancelledEmbed, closeResultEmbed, confirmCloseEmbed, confirmRow, nothingToCloseEmbed } from '../src/adapters/discord/close-embeds.js';
import { respondOpenSymbols } from '../src/adapters/discord/symbol-autocomplete.js';

/** /positions [symbol] — open positions with live P&L, a Close button each (admins, confirmed), paged. */
export const positions: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('positions')
    .setDescription('Open positions with live P&L, entry, stop and targets')
    .addStringOption((o) => o.setName('symbol').setDescription('Only this symbol (e.g. ES)').setMaxLength(32).setAutocomplete(true))
    .toJSON(),

  async execute(interaction, ctx) {
    const symbol = interaction.options.getString('symbol')?.trim().toUpperCase() || null;
    await interaction.deferReply();
    await interaction.editReply(await page(ctx, symbol, 0));
  },

  autocomplete: (interaction, ctx) => respondOpenSymbols(interaction, ctx, false),

  async button(interaction, ctx) {
    const [, action = '', arg = '', extra = ''] = interaction.customId.split(':');
    if (action === 'page') {
      await interaction.deferUpdate();
      await interaction.editReply(await page(ctx, extra || null, Number(arg)));
      return;
    }
    if (!(await requireAdmin(interaction, ctx, `positions.${action}`))) return;
    if (action === 'close') await askToClose(interaction, ctx, arg);
    else if (action === 'confirm') await confirmClose(interaction, ctx, arg);
    else if (action === 'cancel') {
      const target = { kind: 'position', positionId: arg } as const;
      await interaction.update({ embeds: [cancelledEmbed(target, actorOf(interaction).userName)], components: [] });
    }
  },
};

async function page(ctx: CommandContext, symbol: string | null, n: number) {
  const views = await listOpenPositions({ trades: ctx.stores.trades, engine: ctx.desk.paperEngine }, symbol);
  return positionsPage(views, symbol, n);
}

/** Close → a private confirmation for the admin who pressed it. */
async function askToClose(interaction: ButtonInteraction, ctx: CommandContext, positionId: string): Promise<void> {
  const target = { kind: 'position', positionId } as const;
  await ctx.desk.catchUp(); // closed meanwhile by another bot on the database: nothing to close
  const plan = planClose(ctx.desk, target);
  if (plan.status === 'nothing_open') {
    await interaction.reply({ embeds: [nothingToCloseEmbed(target)], flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.reply({
    embeds: [confirmCloseEmbed(target, plan.positions, actorOf(interaction).userName)],
    components: [confirmRow(POSITION_IDS.confirm(positionId), POSITION_IDS.cancel(positionId), `Confirm close #${positionId}`)],
    flags: MessageFlags.Ephemeral,
  });
}

async function confirmClose(interaction: ButtonInteraction, ctx: CommandContext, positionId: string): Promise<void> {
  await interaction.deferUpdate();
  const result = await closeAtMarket(deskDeps(ctx), actorOf(interaction), { kind: 'position', positionId });
  await interaction.editReply({ embeds: [closeResultEmbed(result, actorOf(interaction).userName)], components: [] });
}
