import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type APIEmbed, type ChatInputCommandInteraction } from 'discord.js';
import type { WebhookLink } from '../src/app/ports.js';
import type { LinkAdminDeps } from '../src/app/webhooks/link-admin.js';
import { createWebhookLink } from '../src/app/webhooks/create-link.js';
import { listWebhookLinks } from '../src/app/webhooks/list-links.js';
import { revokeWebhookLink } from '../src/app/webhooks/revoke-link.js';
import type { SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { createOptionProblems } from '../src/adapters/discord/webhook-create-options.js';
import { COLORS, EMBED_LIMITS, field } from '../src/adapters/discord/embeds.js';

/** /webhook create | list | revoke — TradingView webhook links (admins). Every reply is ephemeral. */
export const webhook: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('webhook')
    .setDescription('TradingView webhook links (admins)')
    .addSubcommand((s) => s.setName('create').setDescription('Create a webhook link; its URL is shown once')
      .addStringOption((o) => o.setName('name').setDescription('A name, e.g. ST Trend Bot').setRequired(true).setMaxLength(100))
      .addStringOption((o) => o.setName('strategy').setDescription('Only accept payloads whose "strategy" is this').setMaxLength(128))
      .addNumberOption((o) => o.setName('stop_loss_pct').setDescription('Stop-loss, % from entry').setMinValue(0.0001).setMaxValue(100))
      .addNumberOption((o) => o.setName('target_pct').setDescription('Target, % from entry').setMinValue(0.0001).setMaxValue(10_000))
      .addNumberOption((o) => o.setName('trailing_pct').setDescription('Trailing stop, %').setMinValue(0.0001).setMaxValue(100))
      .addBooleanOption((o) => o.setName('paper').setDescription('Paper trading (default true)'))
      .addIntegerOption((o) => o.setName('rate_limit').setDescription('Requests per minute (default from config)').setMinValue(1).setMaxValue(1_000_000)))
    .addSubcommand((s) => s.setName('list').setDescription('Webhook links and their settings')
      .addBooleanOption((o) => o.setName('all').setDescription('Include revoked links')))
    .addSubcommand((s) => s.setName('revoke').setDescription('Revoke a webhook link: its URL stops working')
      .addIntegerOption((o) => o.setName('id').setDescription('The link id (see /webhook list)').setRequired(true).setMinValue(1)))
    .toJSON(),

  async execute(interaction, ctx) {
    const deps = ctx.webhooks;
    if (!(await requireAdmin(interaction, ctx, `webhook.${interaction.options.getSubcommand(true)}`))) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    await interaction.editReply(await run(interaction, deps));
  },
};

type Reply = { content?: string; embeds?: APIEmbed[] };

async function run(interaction: ChatInputCommandInteraction, deps: LinkAdminDeps): Promise<Reply> {
  const o = interaction.options;
  const actor = actorOf(interaction);
  const sub = o.getSubcommand(true);
  if (sub === 'create') {
    const input = {
      name: o.getString('name', true), strategy: o.getString('strategy'), stopLossPct: o.getNumber('stop_loss_pct'),
      targetPct: o.getNumber('target_pct'), trailingPct: o.getNumber('trailing_pct'), paper: o.getBoolean('paper'),
      rateLimitPerMinute: o.getInteger('rate_limit'),
    };
    const result = await createWebhookLink(deps, actor, input);
    if (result.status === 'invalid') return { content: `⛔ No link was created:\n${createOptionProblems(input)}` };
    return result.status === 'success' ? { embeds: [createdEmbed(result.link, result.url)] } : { content: `⛔ ${result.message}` };
  }
  if (sub === 'list') {
    const result = await listWebhookLinks(deps, actor, o.getBoolean('all') ?? false);
    return result.status === 'success' ? { embeds: [listEmbed(result.links)] } : { content: `⛔ ${result.message}` };
  }
  const result = await revokeWebhookLink(deps, actor, o.getInteger('id', true));
  if (result.status !== 'success') return { content: `⛔ ${result.message}` };
  const note = result.changed ? 'revoked: its URL now answers 401' : 'was already revoked';
  return { content: `Webhook link #${result.link.id} "${result.link.name}" ${note}.` };
}

function settings(link: WebhookLink): string {
  const pct = (v: string | null) => (v === null ? '—' : `${v}%`);
  return [
    `strategy ${link.strategy ?? 'any'}`, `stop ${pct(link.stopLossPct)}`, `target ${pct(link.targetPct)}`,
    `trailing ${pct(link.trailingPct)}`, link.paper ? 'paper' : 'live', `${link.rateLimitPerMinute ?? 'default'}/min`,
  ].join(' · ');
}

function createdEmbed(link: WebhookLink, url: string): APIEmbed {
  return new EmbedBuilder()
    .setTitle(`Webhook link #${link.id} "${link.name}" created`)
    .setColor(COLORS.long)
    .setDescription(`Paste this URL into the TradingView alert's **Webhook URL**. It is shown **once**: it is not stored `
      + `and cannot be shown again (revoke the link and create another if it is lost).\n\`\`\`\n${url}\n\`\`\``)
    .addFields(field('Settings', settings(link), false))
    .toJSON();
}

function listEmbed(links: WebhookLink[]): APIEmbed {
  const embed = new EmbedBuilder().setTitle('Webhook links').setColor(COLORS.info);
  if (links.length === 0) return embed.setDescription('No webhook links. Create one with /webhook create.').toJSON();
  const shown = links.slice(0, EMBED_LIMITS.fields);
  embed.addFields(shown.map((l) => field(`#${l.id} ${l.name}${l.revokedAtMs === null ? '' : ' (revoked)'}`, settings(l), false)));
  if (links.length > shown.length) embed.setFooter({ text: `Showing ${shown.length} of ${links.length}` });
  return embed.toJSON();
}
