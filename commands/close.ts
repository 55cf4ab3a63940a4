import { MessageFlags, SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import { closeAtMarket, currentPlanKey, planClose, planKey, type CloseTarget } from '../src/app/trading/close.js';
import type { OpenPositionView } from '../src/app/reports/open-positions.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { deskDeps } from '../src/adapters/discord/command-deps.js';
import { CommandError, type CommandContext, type SlashCommand } from '../src/adapters/discord/command-types.js';
import {
  cancelledEmbed, closeResultEmbed, confirmCloseEmbed, confirmRow, nothingToCloseEmbed,
} from '../src/adapters/discord/close-embeds.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { narrowToPosition, positionOption, readPositionId, respondOpenPositions } from '../src/adapters/discord/position-option.js';
import { respondOpenSymbols } from '../src/adapters/discord/symbol-autocomplete.js';

/** A confirmation older than this is refused: the market has moved on. */
const CONFIRM_TTL_MS = 5 * 60_000;

const encode = (t: CloseTarget): string => (t.kind === 'symbol' ? t.symbol : t.kind === 'position' ? `#${t.positionId}` : '*');
const decode = (text: string): CloseTarget => (text === '*' ? { kind: 'all' }
  : text.startsWith('#') ? { kind: 'position', positionId: text.slice(1) } : { kind: 'symbol', symbol: text });

/** /close symbol:<symbol | all> [position:<#>] — admins; asks for confirmation, then closes at the market. */
export const close: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('close')
    .setDescription('Close open positions at the market, after a confirmation (admins)')
    .addStringOption((o) => o.setName('symbol').setDescription('A symbol (e.g. ES, or SPY for its options) or "all"')
      .setRequired(true).setMaxLength(32).setAutocomplete(true))
    .addStringOption((o) => positionOption(o, 'close only it'))
    .toJSON(),

  async execute(interaction, ctx) {
    const symbolTarget = targetOf(interaction.options.getString('symbol', true));
    const positionId = readPositionId(interaction);
    if (!(await requireAdmin(interaction, ctx, 'close'))) return;
    await ctx.desk.catchUp(); // what another bot on the database traded counts too
    const target = positionId === null ? symbolTarget : narrowToPosition(symbolTarget, positionId, ctx.desk.position(positionId));
    await interaction.deferReply();
    const plan = planClose(ctx.desk, target);
    if (plan.status === 'nothing_open') {
      await interaction.editReply({ embeds: [nothingToCloseEmbed(target)] });
      return;
    }
    await interaction.editReply(prompt(target, plan.positions, actorOf(interaction).userName));
  },

  autocomplete: (interaction, ctx) => (interaction.options.getFocused(true).name === 'position'
    ? respondOpenPositions(interaction, ctx) : respondOpenSymbols(interaction, ctx, true)),

  async button(interaction, ctx) {
    const [, action = '', encoded = '', key = ''] = interaction.customId.split(':');
    if (!(await requireAdmin(interaction, ctx, `close.${action}`))) return;
    const target = decode(encoded);
    if (action === 'cancel') {
      await interaction.update({ embeds: [cancelledEmbed(target, actorOf(interaction).userName)], components: [] });
      return;
    }
    await confirm(interaction, ctx, target, key);
  },
};

/** The confirmation: what would close, with live P&L, and Confirm / Cancel carrying the plan's fingerprint. */
function prompt(target: CloseTarget, positions: readonly OpenPositionView[], byName: string) {
  const key = planKey(positions.map((v) => v.position.id));
  return {
    embeds: [confirmCloseEmbed(target, positions, byName)],
    components: [confirmRow(`close:confirm:${encode(target)}:${key}`, `close:cancel:${encode(target)}`, `Confirm close (${positions.length})`)],
  };
}

function targetOf(raw: string): CloseTarget {
  const text = raw.trim().toUpperCase();
  if (text === 'ALL') return { kind: 'all' };
  if (!/^[A-Z0-9._-]{1,32}$/.test(text)) throw new CommandError('BAD_SYMBOL', 'Give a symbol such as ES, or "all".');
  return { kind: 'symbol', symbol: text };
}

async function confirm(interaction: ButtonInteraction, ctx: CommandContext, target: CloseTarget, key: string): Promise<void> {
  if (interaction.createdTimestamp - interaction.message.createdTimestamp > CONFIRM_TTL_MS) {
    await interaction.reply({ content: '⌛ This confirmation has expired. Run /close again.', flags: MessageFlags.Ephemeral });
    return;
  }
  await interaction.deferUpdate();
  await ctx.desk.catchUp(); // positions another bot on the database opened or closed since the prompt change the plan
  if (currentPlanKey(ctx.desk, target) !== key) {
    const plan = planClose(ctx.desk, target);
    if (plan.status === 'nothing_open') {
      await interaction.editReply({ content: '', embeds: [nothingToCloseEmbed(target)], components: [] });
      return;
    }
    await interaction.editReply({
      content: '⚠️ The open positions changed since this was asked. Confirm again to close these:',
      ...prompt(target, plan.positions, actorOf(interaction).userName),
    });
    return;
  }
  const result = await closeAtMarket(deskDeps(ctx), actorOf(interaction), target);
  await interaction.editReply({ content: '', embeds: [closeResultEmbed(result, actorOf(interaction).userName)], components: [] });
}
