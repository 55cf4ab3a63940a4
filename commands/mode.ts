import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import type { TradingMode } from '../src/app/mode/mode-switch.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { modeReply } from '../src/adapters/discord/mode-replies.js';

const MODES: readonly TradingMode[] = ['paper', 'live', 'concurrent'];

/** /mode paper | live | concurrent — live and concurrent ask for a confirmation (and a TOTP code when configured). */
export const mode: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('mode')
    .setDescription('Switch between paper, live and concurrent trading (admins)')
    .addSubcommand((s) => s.setName('paper').setDescription('Paper trading only: no real money (admins)'))
    .addSubcommand((s) => s.setName('live').setDescription('A live broker with real money; asks you to confirm (admins)')
      .addStringOption((o) => o.setName('code').setDescription('Authenticator code, when the bot requires one').setMinLength(6).setMaxLength(6)))
    .addSubcommand((s) => s.setName('concurrent').setDescription('Paper and a live broker side by side; asks you to confirm (admins)')
      .addStringOption((o) => o.setName('code').setDescription('Authenticator code, when the bot requires one').setMinLength(6).setMaxLength(6)))
    .toJSON(),

  async execute(interaction, ctx) {
    const target = MODES.find((m) => m === interaction.options.getSubcommand(true)) ?? 'paper';
    const code = interaction.options.getString('code');
    if (!(await requireAdmin(interaction, ctx, `mode.${target}`))) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(modeReply(await ctx.controls.modes.request(actorOf(interaction), target, code)));
  },

  /** mode:confirm:<token> | mode:cancel:<token> on the ephemeral confirmation. */
  async button(interaction, ctx) {
    const [, verb, token = ''] = interaction.customId.split(':');
    if (!(await requireAdmin(interaction, ctx, 'mode.confirm'))) return;
    await interaction.deferUpdate();
    const actor = actorOf(interaction);
    const result = verb === 'confirm' ? await ctx.controls.modes.confirm(actor, token) : await ctx.controls.modes.cancel(actor, token);
    await interaction.editReply(modeReply(result));
  },
};
