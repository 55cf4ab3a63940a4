import { SlashCommandBuilder } from 'discord.js';
import { applyStopMove, planStopMove } from '../src/app/trading/stop-move.js';
import type { StopRequest } from '../src/domain/trading/manual-stop.js';
import { parseDecimal } from '../src/domain/trading/money.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { deskDeps } from '../src/adapters/discord/command-deps.js';
import { CommandError, type SlashCommand } from '../src/adapters/discord/command-types.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { narrowToPosition, positionOption, readPositionId, respondOpenPositions } from '../src/adapters/discord/position-option.js';
import { stopMovedReply, throughMarketText } from '../src/adapters/discord/stop-embeds.js';
import { respondOpenSymbols } from '../src/adapters/discord/symbol-autocomplete.js';

/**
 * /move-stop symbol:<symbol> to:<price | breakeven> [position:<#>] — admins; moves the stop of every
 * open position on the symbol, or of the one position given.
 */
export const moveStopCommand: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('move-stop')
    .setDescription('Move the stop of the open positions on a symbol (admins)')
    .addStringOption((o) => o.setName('symbol').setDescription('A symbol with open positions (e.g. ES, or SPY for its options)')
      .setRequired(true).setMaxLength(32).setAutocomplete(true))
    .addStringOption((o) => o.setName('to').setDescription('The new stop: a price such as 4740.25, or "breakeven"')
      .setRequired(true).setMaxLength(24))
    .addStringOption((o) => positionOption(o, 'move only its stop'))
    .toJSON(),

  async execute(interaction, ctx) {
    const symbol = symbolOf(interaction.options.getString('symbol', true));
    const to = stopOf(interaction.options.getString('to', true));
    const positionId = readPositionId(interaction);
    if (!(await requireAdmin(interaction, ctx, 'move-stop'))) return;
    await ctx.desk.catchUp(); // a position another bot on the database opened or closed counts too
    const target = positionId === null ? { kind: 'symbol' as const, symbol }
      : narrowToPosition({ kind: 'symbol', symbol }, positionId, ctx.desk.position(positionId));
    const plan = planStopMove(ctx.desk, symbol, to, target);
    if (plan.status === 'nothing_open') throw new CommandError('NOTHING_OPEN', `No open position on ${symbol}.`);
    if (plan.status === 'through_market') throw new CommandError('STOP_THROUGH_MARKET', throughMarketText(plan));
    await interaction.deferReply();
    const result = await applyStopMove(deskDeps(ctx), actorOf(interaction), plan);
    await interaction.editReply({ embeds: [stopMovedReply(result, actorOf(interaction).userName)] });
  },

  autocomplete: (interaction, ctx) => (interaction.options.getFocused(true).name === 'position'
    ? respondOpenPositions(interaction, ctx) : respondOpenSymbols(interaction, ctx, false)),
};

function symbolOf(raw: string): string {
  const text = raw.trim().toUpperCase();
  if (!/^[A-Z0-9._-]{1,32}$/.test(text)) throw new CommandError('BAD_SYMBOL', 'Give a symbol such as ES.');
  return text;
}

function stopOf(raw: string): StopRequest {
  const text = raw.trim().toLowerCase();
  if (text === 'breakeven' || text === 'be') return 'breakeven';
  const micros = parseDecimal(text.replace(/^\$/, ''));
  if (micros === null || micros <= 0) {
    throw new CommandError('BAD_STOP', `"${raw.slice(0, 24)}" is not a stop: give a price such as 4740.25, or "breakeven".`);
  }
  return micros;
}
