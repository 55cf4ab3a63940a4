import { EmbedBuilder, MessageFlags, SlashCommandBuilder, type ButtonInteraction } from 'discord.js';
import type { ReviewResult } from '../src/app/reviews/review-desk.js';
import type { CommandContext, SlashCommand } from '../src/adapters/discord/command-types.js';
import { actorOf } from '../src/adapters/discord/actor.js';
import { requireAdmin } from '../src/adapters/discord/guard.js';
import { COLORS, EMBED_LIMITS, clip, field } from '../src/adapters/discord/embeds.js';
import { decidedReviewEmbed, reviewOutcomeText } from '../src/adapters/discord/review-embeds.js';

/** /review pending | approve <id> | reject <id> — alerts held below the confidence threshold; the DM buttons land here too. */
export const review: SlashCommand = {
  data: new SlashCommandBuilder()
    .setName('review')
    .setDescription('Alerts held for review: approve or reject them (admins)')
    .addSubcommand((s) => s.setName('pending').setDescription('Alerts waiting for a decision (admins)'))
    .addSubcommand((s) => s.setName('approve').setDescription('Trade a held alert now, if it is still fresh (admins)')
      .addIntegerOption((o) => o.setName('id').setDescription('The alert number from the review DM').setRequired(true).setMinValue(1)))
    .addSubcommand((s) => s.setName('reject').setDescription('Never trade a held alert (admins)')
      .addIntegerOption((o) => o.setName('id').setDescription('The alert number from the review DM').setRequired(true).setMinValue(1)))
    .toJSON(),

  async execute(interaction, ctx) {
    const sub = interaction.options.getSubcommand(true);
    if (!(await requireAdmin(interaction, ctx, `review.${sub}`))) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    if (sub === 'pending') {
      await interaction.editReply({ embeds: [await pendingEmbed(ctx)] });
      return;
    }
    const id = interaction.options.getInteger('id', true);
    const result = sub === 'approve' ? await ctx.controls.reviews.approve(actorOf(interaction), id) : await ctx.controls.reviews.reject(actorOf(interaction), id);
    await interaction.editReply({ content: reviewOutcomeText(result) });
  },

  /** review:approve:<id> | review:reject:<id> on the review DM. A second press gets what already happened. */
  async button(interaction, ctx) {
    const [, verb, idText] = interaction.customId.split(':');
    const id = Number(idText);
    if (!(await requireAdmin(interaction, ctx, `review.${verb === 'approve' ? 'approve' : 'reject'}`))) return;
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const actor = actorOf(interaction);
    const result = verb === 'approve' ? await ctx.controls.reviews.approve(actor, id) : await ctx.controls.reviews.reject(actor, id);
    await interaction.editReply({ content: reviewOutcomeText(result) });
    await markDecided(interaction, result, ctx);
  },
};

/** Replace the buttons on the DM with the decision, so the message shows what happened. */
async function markDecided(interaction: ButtonInteraction, result: ReviewResult, ctx: CommandContext): Promise<void> {
  if (!['approved', 'rejected', 'stale', 'already'].includes(result.status)) return;
  await interaction.message.edit({ embeds: [decidedReviewEmbed(interaction.message.embeds[0]?.toJSON(), result)], components: [] })
    .catch((err: unknown) => ctx.log.warn({ err, interactionId: interaction.id }, 'could not mark the review DM as decided'));
}

async function pendingEmbed(ctx: CommandContext) {
  const pending = await ctx.controls.reviews.pending();
  const embed = new EmbedBuilder().setTitle('Alerts waiting for review').setColor(COLORS.warn);
  if (pending.length === 0) return embed.setDescription('Nothing is waiting for review.').toJSON();
  const shown = pending.slice(0, 10);
  embed.addFields(shown.map((s) => field(`#${s.id} · ${s.channelName ?? s.source} · ${new Date(s.postedAtMs).toISOString().slice(0, 16)} UTC`,
    clip(s.rawText, 300), false)));
  return embed.setFooter({ text: clip(`Showing ${shown.length} of ${pending.length} · /review approve id:<n> or /review reject id:<n>`, EMBED_LIMITS.footer) }).toJSON();
}
