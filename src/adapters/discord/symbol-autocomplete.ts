import type { AutocompleteInteraction } from 'discord.js';
import { parseOcc } from '../../domain/trading/index.js';
import type { CommandContext } from './command-types.js';

/** Discord shows at most 25 choices. */
const MAX_CHOICES = 25;

/**
 * Autocomplete from the open positions: their symbols, and an option's underlying too (so
 * "SPY" finds SPY270131C00480000). With `withAll`, "all" is offered first.
 */
export async function respondOpenSymbols(interaction: AutocompleteInteraction, ctx: CommandContext, withAll: boolean): Promise<void> {
  const typed = interaction.options.getFocused().trim().toUpperCase();
  const open = await ctx.stores.trades.openPositions();
  const symbols = new Set<string>();
  for (const p of open) {
    const underlying = parseOcc(p.symbol)?.underlying;
    if (underlying) symbols.add(underlying);
    symbols.add(p.symbol);
  }
  const choices = [...symbols].sort().filter((s) => s.startsWith(typed)).map((s) => ({ name: s, value: s }));
  const all = withAll && 'ALL'.startsWith(typed) && open.length > 0 ? [{ name: `all (${open.length} open)`, value: 'all' }] : [];
  await interaction.respond([...all, ...choices].slice(0, MAX_CHOICES));
}
