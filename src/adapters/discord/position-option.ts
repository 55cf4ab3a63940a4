import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { matchesSymbol } from '../../app/reports/open-positions.js';
import type { CloseTarget } from '../../app/trading/close.js';
import { positionLabel, type PositionRecord } from '../../app/ports.js';
import { CommandError, type CommandContext } from './command-types.js';

/** Discord shows at most 25 choices, each name at most 100 characters. */
const MAX_CHOICES = 25;
const MAX_NAME = 100;

/**
 * The optional `position` option of /close and /move-stop: one position (its # as /positions
 * shows it) instead of every one on the symbol — two alerts on ES make two ES positions.
 */
export function positionOption(o: SlashCommandStringOption, what: string): SlashCommandStringOption {
  return o.setName('position').setDescription(`Only this position (its # in /positions), not every one on the symbol: ${what}`)
    .setMaxLength(48).setAutocomplete(true);
}

/** The position id typed (`P3` or `#P3`), or null when the option was left out; refused when it cannot be one. */
export function readPositionId(interaction: ChatInputCommandInteraction): string | null {
  const raw = interaction.options.getString('position');
  if (raw === null || raw.trim() === '') return null;
  const id = raw.trim().replace(/^#/, '');
  if (!/^[A-Za-z0-9_-]{1,40}$/.test(id)) throw new CommandError('BAD_POSITION', `"${raw.slice(0, 48)}" is not a position: give its # from /positions, such as P3.`);
  return id;
}

/**
 * The target narrowed to one position: it must be open, and on the symbol given (unless that is
 * "all"). Checked against the desk's records, so the answer is as of now.
 */
export function narrowToPosition(target: CloseTarget, positionId: string, position: PositionRecord | null): CloseTarget {
  if (position === null || position.qtyOpen === 0) throw new CommandError('NOT_OPEN', `Position #${positionId} is not open.`);
  if (target.kind === 'symbol' && !matchesSymbol(position.symbol, target.symbol)) {
    throw new CommandError('POSITION_NOT_ON_SYMBOL', `Position #${positionId} is ${position.symbol}, not ${target.symbol}.`);
  }
  return { kind: 'position', positionId: position.id };
}

/** Autocomplete: the open positions on the symbol chosen so far (all of them for "all" or none yet), by id. */
export async function respondOpenPositions(interaction: AutocompleteInteraction, ctx: CommandContext): Promise<void> {
  const typed = interaction.options.getFocused().trim().replace(/^#/, '').toUpperCase();
  const symbol = interaction.options.getString('symbol')?.trim().toUpperCase() ?? '';
  const open = await ctx.stores.trades.openPositions();
  const choices = open
    .filter((p) => symbol === '' || symbol === 'ALL' || matchesSymbol(p.symbol, symbol))
    .filter((p) => p.id.toUpperCase().startsWith(typed))
    .map((p) => ({ name: choiceName(p), value: p.id }));
  await interaction.respond(choices.slice(0, MAX_CHOICES));
}

function choiceName(p: PositionRecord): string {
  const name = `${positionLabel(p)} @ ${p.avgEntry}${p.stop === null ? '' : ` · stop ${p.stop}`}`;
  return name.length <= MAX_NAME ? name : `${name.slice(0, MAX_NAME - 1)}…`;
}
