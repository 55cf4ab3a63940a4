import type { AutocompleteInteraction, ChatInputCommandInteraction, SlashCommandStringOption } from 'discord.js';
import { PERIODS, type Period } from '../../domain/analytics/index.js';
import { isPeriod } from '../../app/reports/period-trades.js';
import { CommandError } from './command-types.js';
import { PERIOD_LABELS } from './report-format.js';

/** The `period` option of /pnl, /stats and /export: today | week | month | all, autocompleted. */
export function periodOption(o: SlashCommandStringOption, defaultPeriod: Period): SlashCommandStringOption {
  return o.setName('period').setDescription(`today, week, month or all (default ${defaultPeriod})`).setMaxLength(16).setAutocomplete(true);
}

/** The chosen period; anything typed that is not one of the four is refused (ephemerally, before any work). */
export function readPeriod(interaction: ChatInputCommandInteraction, defaultPeriod: Period): Period {
  const raw = interaction.options.getString('period')?.trim().toLowerCase();
  if (!raw) return defaultPeriod;
  if (isPeriod(raw)) return raw;
  throw new CommandError('BAD_PERIOD', `Unknown period "${raw.slice(0, 16)}": use ${PERIODS.join(', ')}.`);
}

export async function respondPeriods(interaction: AutocompleteInteraction): Promise<void> {
  const typed = interaction.options.getFocused().trim().toLowerCase();
  const matches = PERIODS.filter((p) => p.startsWith(typed) || PERIOD_LABELS[p].toLowerCase().includes(typed));
  await interaction.respond(matches.map((p) => ({ name: `${p} — ${PERIOD_LABELS[p]}`, value: p })));
}
