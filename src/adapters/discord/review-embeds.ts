import { ActionRowBuilder, ButtonBuilder, ButtonStyle, EmbedBuilder, type APIActionRowComponent, type APIComponentInMessageActionRow,
  type APIEmbed } from 'discord.js';
import type { Alert, ParseResult } from '../../domain/alerts/types.js';
import { positionLabel, type Notice, type StoredSignal } from '../../app/ports.js';
import type { ReviewResult } from '../../app/reviews/review-desk.js';
import { EDITED } from '../../app/message-edits.js';
import { COLORS, EMBED_LIMITS, clip, codeBlock, field } from './embeds.js';
import { fitTotal } from './embed-fit.js';

type Row = APIActionRowComponent<APIComponentInMessageActionRow>;

/** The /review command owns these buttons (routed by the `review:` prefix). */
export const reviewButtonId = (decision: 'approve' | 'reject', signalId: number) => `review:${decision}:${signalId}`;

/** An alert in words: what the bot would trade if it were approved. */
export function describeAlert(alert: Alert): string {
  if (alert.kind === 'option') {
    const qty = alert.quantity === null ? '' : ` ×${alert.quantity}`;
    return `${alert.action} ${alert.side} ${alert.underlying} ${alert.expiry || '(no expiry)'} ${alert.strike || '(any strike)'} ${alert.right}`
      + ` @ ${alert.price ?? 'market'}${qty}${alert.fraction && alert.fraction !== '1' ? ` · fraction ${alert.fraction}` : ''}`;
  }
  const parts = [alert.action, alert.symbol || '(implied symbol)', alert.side ?? ''];
  if (alert.entry) parts.push(`@ ${alert.entry}`);
  parts.push(`· stop ${alert.stop ?? alert.newStop ?? '—'}`, `· targets ${alert.targets.length > 0 ? alert.targets.join(' / ') : '—'}`);
  if (alert.size) parts.push(`· size ${alert.size}`);
  if (alert.quantity !== null) parts.push(`· ${alert.quantity} contracts`);
  return parts.filter((p) => p.length > 0).join(' ');
}

/** An approved edit is a new alert: it does not correct the trade the original made. */
const EDIT_APPROVAL = 'This text trades as a new alert. It does not change what the original did, and while a position '
  + 'an earlier version of this message opened is still open, Approve is refused: to move that position\'s stop, use /move-stop.';

/**
 * The review DM: raw text, the best parse, why it is held — the reason it was flagged with at
 * intake (an edit: the original text), else why it scored low — and Approve / Reject.
 */
export function reviewRequestMessage(signal: StoredSignal, parse: ParseResult, threshold: number): { embeds: APIEmbed[]; components: Row[] } {
  const embed = new EmbedBuilder()
    .setTitle(clip(`${signal.reasonCode === EDITED ? 'Edited alert' : 'Alert'} #${signal.id} needs review`, EMBED_LIMITS.title))
    .setColor(COLORS.warn)
    .setDescription(codeBlock(signal.rawText, EMBED_LIMITS.description))
    .addFields(
      field('Best parse', parse.ok ? describeAlert(parse.alert) : 'not an alert', false),
      field('Confidence', `${parse.confidence.toFixed(2)} (threshold ${threshold})`),
      field('Why', signal.reason ?? (parse.reasons.map((r) => r.message).join('; ') || '—'), signal.reason === null),
      ...(signal.reasonCode === EDITED ? [field('If approved', EDIT_APPROVAL, false)] : []),
      field('Source', sourceOf(signal), false),
    )
    .setTimestamp(new Date(signal.postedAtMs))
    .setFooter({ text: 'Approve trades it now if it is still fresh; only admins may decide.' });
  const buttons = new ActionRowBuilder<ButtonBuilder>().addComponents(
    new ButtonBuilder().setCustomId(reviewButtonId('approve', signal.id)).setLabel('Approve').setStyle(ButtonStyle.Success),
    new ButtonBuilder().setCustomId(reviewButtonId('reject', signal.id)).setLabel('Reject').setStyle(ButtonStyle.Danger),
  );
  return { embeds: [fitTotal(embed.toJSON())], components: [buttons.toJSON()] };
}

function sourceOf(signal: StoredSignal): string {
  const where = signal.channelName ? `#${signal.channelName}` : signal.source;
  const link = signal.messageUrl ? `[${where} message](${signal.messageUrl})` : where;
  return `${link}${signal.authorName ? ` by ${signal.authorName}` : ''}`;
}

/**
 * To admins: an alert was edited into no alert. Nothing is undone by itself — whatever the
 * original opened stays open — so the DM says what it was, what it says now, and what to do.
 */
export function withdrawnEmbed(edit: StoredSignal, original: StoredSignal): APIEmbed {
  return fitTotal(new EmbedBuilder()
    .setTitle(clip(`Alert #${original.id} was edited: it is no longer an alert`, EMBED_LIMITS.title))
    .setColor(COLORS.warn)
    .setDescription(codeBlock(edit.rawText, EMBED_LIMITS.description))
    .addFields(
      field('Was', codeBlock(original.rawText, EMBED_LIMITS.fieldValue), false),
      field('Status of the original', original.reason ? `${original.status}: ${original.reason}` : original.status, false),
      field('What the bot did', 'Nothing: what the original opened stays open. If the caller withdrew the alert, '
        + 'check /positions and use /close.', false),
      field('Source', sourceOf(edit), false),
    )
    .setTimestamp(new Date(edit.postedAtMs))
    .toJSON());
}

const NOT_READ: Record<Extract<Notice, { kind: 'catch_up_incomplete' }>['why'], (channel: string, read: number) => string> = {
  capped: (channel, read) => `TradeStream was away, and read only the newest ${read} messages posted in ${channel} meanwhile. `
    + 'Older ones were not read.',
  no_history_access: (channel) => `TradeStream cannot read the message history of ${channel}, so what was posted there while it `
    + 'was away was not read. Grant it View Channel and Read Message History in that channel.',
  failed: (channel) => `Reading the message history of ${channel} failed, so what was posted there while TradeStream was away was not read.`,
};

/**
 * To admins: messages an alert channel got while the bot was away were not read. An exit or a
 * stop move among them went unseen, and what it would have closed is still open here.
 */
export function catchUpIncompleteEmbed(notice: Extract<Notice, { kind: 'catch_up_incomplete' }>): APIEmbed {
  const channel = `#${notice.channelName}`;
  return new EmbedBuilder()
    .setTitle(clip(`Missed messages in ${channel}`, EMBED_LIMITS.title))
    .setColor(COLORS.warn)
    .setDescription(NOT_READ[notice.why](channel, notice.read))
    .addFields(field('What to do', `Read ${channel} for what was posted while the bot was down. An exit or stop move `
      + 'there was not followed: check /positions, and use /close or /move-stop.', false))
    .toJSON();
}

/** Read loosely: the desk's outcome union grows (e.g. queued until the market opens); each carries a reason. */
function approvedText(signalId: number, outcome: { status: string }): string {
  const o = outcome as { status: string; fills?: number; code?: string; reason?: string };
  if (o.status === 'executed') return `✅ Approved: alert #${signalId} went to the desk (${o.fills ?? 0} fill${o.fills === 1 ? '' : 's'}).`;
  if (o.status === 'rejected') return `✅ Approved, but the desk refused alert #${signalId}: ${o.code ?? ''} — ${o.reason ?? ''}.`;
  return `✅ Approved: alert #${signalId} is ${o.status}${o.reason ? ` (${o.reason})` : ''}.`;
}

const when = (ms: number) => `${new Date(ms).toISOString().slice(11, 16)} UTC`;

/** What a decision did, in one line (also the answer to a second press). */
export function reviewOutcomeText(result: ReviewResult): string {
  switch (result.status) {
    case 'refused': return '⛔ Only TradeStream admins may approve or reject alerts.';
    case 'not_found': return `⚠️ There is no alert #${result.signalId}.`;
    case 'not_pending': return `Alert #${result.signal.id} is not waiting for review (it is ${result.signal.status}).`;
    case 'original_open': return `⚠️ Not approved: an earlier version of this message (alert #${result.original.id}) opened `
      + `${result.positions.map((p) => `${positionLabel(p)} (stop ${p.stop ?? 'none'})`).join(', ')}, still open; approving this edit would `
      + 'open another position. To correct its stop use /move-stop (with `position`); to exit, /close. The edit stays pending: '
      + 'reject it, or approve it once that position is closed.';
    case 'bot_stopped': return '⏸️ The bot is stopped: start it with /bot start, then approve (the alert stays pending while it is fresh).';
    case 'already': return `Already ${result.review.decision} by ${result.review.actorName ?? result.review.actorId} at `
      + `${when(result.review.decidedAtMs)}: alert #${result.signal.id} is ${result.signal.status}`
      + `${result.signal.reason ? ` (${result.signal.reason})` : ''}. Nothing more was done.`;
    case 'stale': return `⌛ Too late: alert #${result.signal.id} was posted ${Math.round(result.ageMs / 1000)} s ago; `
      + `the limit is ${Math.round(result.limitMs / 1000)} s. Marked stale, no order.`;
    case 'approved': return approvedText(result.signal.id, result.outcome);
    case 'rejected': return `🚫 Rejected: alert #${result.signal.id} will not be traded.`;
  }
}

/** The review DM after a decision: the same embed with the decision, and no buttons. */
export function decidedReviewEmbed(original: APIEmbed | undefined, result: ReviewResult): APIEmbed {
  const embed = new EmbedBuilder(original ?? { title: 'Alert review' });
  const ok = result.status === 'approved' && result.outcome.status === 'executed';
  embed.setColor(ok ? COLORS.long : result.status === 'rejected' || result.status === 'stale' ? COLORS.short : COLORS.stopped);
  const fields = (original?.fields ?? []).filter((f) => f.name !== 'Decision').slice(0, EMBED_LIMITS.fields - 1);
  return fitTotal(embed.setFields(...fields, field('Decision', reviewOutcomeText(result), false)).toJSON());
}
