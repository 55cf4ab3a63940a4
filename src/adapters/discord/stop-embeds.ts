import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { StopMoveResult } from '../../app/trading/stop-move.js';
import { COLORS, EMBED_LIMITS, clip, field } from './embeds.js';
import { positionLabel } from '../../app/ports.js';

/** /move-stop's answer: each stop moved (from → to), and what was left as it was or could not be checked. */
export function stopMovedReply(result: Extract<StopMoveResult, { status: 'done' }>, byName: string): APIEmbed {
  const lines = [
    ...result.moved.map((m) => `**${positionLabel(m.position)}** · stop ${m.from ?? 'none'} → **${m.to}**`),
    ...result.unchanged.map((p) => `**${positionLabel(p)}** · stop already ${p.stop ?? 'none'}`),
    ...result.gone.map((p) => `**${positionLabel(p)}** · closed before the move`),
  ];
  const embed = new EmbedBuilder()
    .setTitle(clip(`${result.symbol}: ${result.moved.length} stop${result.moved.length === 1 ? '' : 's'} moved`, EMBED_LIMITS.title))
    .setColor(result.moved.length > 0 ? COLORS.info : COLORS.warn)
    .setDescription(clip(lines.join('\n'), EMBED_LIMITS.description))
    .addFields(field('By', byName));
  if (result.unmarked.length > 0) {
    embed.addFields(field('Not checked', `No quote yet for ${result.unmarked.map((p) => `#${p.id}`).join(', ')}: `
      + 'if the stop is through the market it fills on the first quote.', false));
  }
  return embed.toJSON();
}

/** Why nothing moved: the stop would fill at once on these positions. */
export function throughMarketText(result: Extract<StopMoveResult, { status: 'through_market' }>): string {
  const lines = result.problems.map((p) => `${positionLabel(p.position)}: a ${p.position.side} stop at ${p.stop} is through its `
    + `${p.position.side === 'long' ? 'bid' : 'ask'} ${p.mark}`);
  return `Nothing moved: the stop would fill at once. ${lines.join('; ')}. To exit now, use /close.`;
}
