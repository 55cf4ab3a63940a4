import { MessageFlags, SlashCommandBuilder } from 'discord.js';
import { KILL_SWITCH, LIMITS, SETTABLE_NAMES } from '../src/app/risk/limit-catalog.js';
import { validateRiskInput, type RiskSetResult } from '../src/app/risk/risk-settings.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { riskEmbed } from '../src/adapters/discord/control-embeds.js';

/** /risk show | set <limit> <value> — every limit, the kill switch and today's loss; admins change them. */
export const risk: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('risk')
    .setDescription('Risk limits, the kill switch and today\'s loss')
    .addSubcommand((s) => s.setName('show').setDescription('Every limit, the kill switch and today\'s loss against the limit'))
    .addSubcommand((s) => s.setName('set').setDescription('Change a limit or the kill switch; it applies at once and survives a restart (admins)')
      .addStringOption((o) => o.setName('limit').setDescription('Which limit (e.g. max_open_positions, kill_switch)').setRequired(true)
        .setMaxLength(64).setAutocomplete(true))
      .addStringOption((o) => o.setName('value').setDescription('A number, USD amount, on/off, "off" to disable, "default" to reset')
        .setRequired(true).setMaxLength(64)))
    .toJSON(),

  async execute(interaction, ctx) {
    if (interaction.options.getSubcommand(true) === 'show') {
      await interaction.reply({ embeds: [riskEmbed(ctx.controls.risk.view())] });
      return;
    }
    const name = interaction.options.getString('limit', true).trim().toLowerCase();
    const value = interaction.options.getString('value', true);
    const check = validateRiskInput(name, value);
    if (!check.ok) {
      await interaction.reply({ content: `⚠️ ${check.message}`, flags: MessageFlags.Ephemeral });
      return;
    }
    if (!(await requireAdmin(interaction, ctx, `risk.set.${name}`))) return;
    await interaction.deferReply();
    const result = await ctx.controls.risk.set(actorOf(interaction), name, value);
    await interaction.editReply({ content: setText(result), embeds: result.status === 'success' ? [riskEmbed(ctx.controls.risk.view())] : [] });
  },

  async autocomplete(interaction, ctx) {
    const typed = interaction.options.getFocused().trim().toLowerCase();
    const view = ctx.controls.risk.view();
    const now = new Map<string, string>([[KILL_SWITCH, view.killSwitch.on ? 'on' : 'off'], ...view.limits.map((l) => [l.name, l.value] as const)]);
    const labels = new Map<string, string>([[KILL_SWITCH, 'Stop all new entries'], ...LIMITS.map((l) => [l.name, l.label] as const)]);
    const byName = SETTABLE_NAMES.filter((n) => n.includes(typed));
    const byLabel = SETTABLE_NAMES.filter((n) => !n.includes(typed) && (labels.get(n) ?? '').toLowerCase().includes(typed));
    const matches = [...byName, ...byLabel];
    await interaction.respond(matches.slice(0, 25).map((n) => ({ name: `${n} (now ${now.get(n) ?? '—'})`.slice(0, 100), value: n })));
  },
};

function setText(result: RiskSetResult): string {
  switch (result.status) {
    case 'refused': return '⛔ Only TradeStream admins may change risk limits.';
    case 'invalid': return `⚠️ ${result.message}`;
    case 'success': return result.changed ? `✅ **${result.name}**: ${result.from} → ${result.to}. It applies from the next order.`
      : `**${result.name}** was already ${result.to}.`;
  }
}
