import { MessageFlags, SlashCommandBuilder, type APIApplicationCommandOption } from 'discord.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { helpEmbed, type HelpEntry } from '../src/adapters/discord/control-embeds.js';

/** Option type 1 = subcommand, 2 = subcommand group (Discord's numbering). */
const SUB = 1;
const GROUP = 2;
const ADMINS = /\(admins\)/i;

/** The help entries of one command, read from its definition: "(admins)" in a description marks admin-only. */
export function helpEntries(command: SlashCommand): HelpEntry[] {
  const root = command.data;
  const rootAdmin = ADMINS.test(root.description);
  const entry = (path: string, description: string, options: readonly APIApplicationCommandOption[] | undefined): HelpEntry => ({
    usage: [`/${path}`, ...(options ?? []).map((o) => (o.required ? `<${o.name}>` : `[${o.name}]`))].join(' '),
    what: description.replace(ADMINS, '').trim(),
    who: rootAdmin || ADMINS.test(description) ? 'admins' : 'anyone',
  });
  const options = root.options ?? [];
  if (!options.some((o) => o.type === SUB || o.type === GROUP)) return [entry(root.name, root.description, options)];
  return options.flatMap((o) => {
    if (o.type === SUB) return [entry(`${root.name} ${o.name}`, o.description, o.options)];
    if (o.type !== GROUP) return [];
    return (o.options ?? []).map((s) => entry(`${root.name} ${o.name} ${s.name}`, s.description, s.options));
  });
}

/** /help — every command, what it does and who may use it (built from the registered definitions). */
export function helpCommand(commands: () => readonly SlashCommand[]): SlashCommand {
  return {
    data: new SlashCommandBuilder().setName('help').setDescription('Every command, what it does and who may use it').toJSON(),
    async execute(interaction) {
      const list = commands().map((c) => ({ name: c.data.name, entries: helpEntries(c) }));
      await interaction.reply({ embeds: [helpEmbed(list)], flags: MessageFlags.Ephemeral });
    },
  };
}
