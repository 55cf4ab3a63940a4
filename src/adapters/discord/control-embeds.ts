import { EmbedBuilder, type APIEmbed } from 'discord.js';
import type { DailySummary, Notice } from '../../app/ports.js';
import type { RiskView } from '../../app/risk/risk-settings.js';
import { formatUsd } from '../../domain/trading/money.js';
import { COLORS, EMBED_LIMITS, clip, field, positionLine } from './embeds.js';
import { fitTotal } from './embed-fit.js';

const signedUsd = (cents: number) => (cents > 0 ? `+${formatUsd(cents)}` : formatUsd(cents));
const MODE_LABEL: Record<string, string> = { paper: '📝 paper', live: '💵 LIVE', concurrent: '📝+💵 concurrent (paper and live)' };
export const modeLabel = (mode: string) => MODE_LABEL[mode] ?? mode;

/** DM to admins when someone changes the mode or a risk limit. */
export function settingChangedEmbed(notice: Extract<Notice, { kind: 'setting_changed' }>): APIEmbed {
  const mode = notice.setting === 'mode';
  const title = mode ? `Trading mode: ${notice.from} → ${notice.to}` : `Risk: ${notice.name} ${notice.from} → ${notice.to}`;
  return new EmbedBuilder()
    .setTitle(clip(title, EMBED_LIMITS.title))
    .setColor(mode && notice.to !== 'paper' ? COLORS.short : COLORS.warn)
    .addFields(
      field(mode ? 'Mode' : 'Limit', mode ? modeLabel(notice.to) : notice.name),
      field('Changed by', notice.actorName),
    )
    .setTimestamp(new Date(notice.atMs))
    .toJSON();
}

export function dailySummaryEmbed(s: DailySummary): APIEmbed {
  const open = s.open.slice(0, 10).map((p) => `${p.symbol} ${positionLine(p)}`);
  if (s.open.length > open.length) open.push(`… and ${s.open.length - open.length} more`);
  return fitTotal(new EmbedBuilder()
    .setTitle('Daily summary')
    .setColor(s.realizedNetCents + s.unrealizedCents >= 0 ? COLORS.long : COLORS.short)
    .addFields(
      field('Trades today', String(s.tradesToday)),
      field('Closed today', String(s.closedToday)),
      field('Realized P&L', signedUsd(s.realizedNetCents)),
      field('Unrealized P&L', signedUsd(s.unrealizedCents)),
      field('Open positions', String(s.open.length)),
    )
    .setDescription(clip(open.length > 0 ? open.join('\n') : 'No open positions.', EMBED_LIMITS.description))
    .setTimestamp(new Date(s.atMs))
    .setFooter({ text: `Trading day since ${new Date(s.sessionStartMs).toISOString().slice(0, 16).replace('T', ' ')} UTC `
      + '(CME session) · P&L net of commissions' })
    .toJSON());
}

export function riskEmbed(view: RiskView): APIEmbed {
  const { dailyLoss: d, killSwitch: k } = view;
  const lossLine = d.limitCents === null
    ? `${signedUsd(d.sessionPnlCents)} today · no daily loss limit`
    : `${signedUsd(d.sessionPnlCents)} today of a -${formatUsd(d.limitCents)} limit${d.reached ? ' — **reached: no new entries**' : ''}`;
  return new EmbedBuilder()
    .setTitle('Risk limits')
    .setColor(k.on || d.reached ? COLORS.short : COLORS.info)
    .setDescription(clip([
      `**Kill switch:** ${k.on ? `🛑 ON — ${k.reason ?? 'no new entries'}` : 'off'}`,
      `**Daily loss:** ${lossLine}`,
      `**Alert age limit:** ${view.maxAlertAgeMs === null ? 'off' : `${view.maxAlertAgeMs / 1000} s`} (MAX_ALERT_AGE_SECONDS)`,
    ].join('\n'), EMBED_LIMITS.description))
    .addFields(view.limits.map((l) => field(l.name, `**${l.value}**${l.overridden ? ' (set with /risk)' : ''}\n${l.label}`)))
    .setFooter({ text: 'Admins: /risk set <limit> <value> — "off" disables a limit, "default" restores the environment value' })
    .toJSON();
}

export function modeConfirmEmbed(target: string, brokers: string[], expiresAtMs: number): APIEmbed {
  return new EmbedBuilder()
    .setTitle(clip(`Switch to ${target.toUpperCase()} trading?`, EMBED_LIMITS.title))
    .setColor(COLORS.short)
    .setDescription(target === 'live'
      ? 'Orders will go to a **live broker with real money** instead of the paper engine.'
      : 'Orders will go to the paper engine **and** a **live broker with real money**.')
    .addFields(field('Live broker', brokers.join(', ')), field('Confirm before', `<t:${Math.floor(expiresAtMs / 1000)}:T>`))
    .setFooter({ text: 'Only you see this. The switch is audit-logged and every admin gets a DM.' })
    .toJSON();
}

export interface HelpEntry { usage: string; what: string; who: 'admins' | 'anyone' }

/** One field per command: each subcommand with what it does and who may use it. */
export function helpEmbed(commands: { name: string; entries: HelpEntry[] }[]): APIEmbed {
  return fitTotal(new EmbedBuilder()
    .setTitle('TradeStream commands')
    .setColor(COLORS.info)
    .setDescription('🔒 = admins only (ADMIN_USER_IDS or an admin role); everything else is open to anyone. '
      + 'Refusals are answered privately.')
    .addFields(commands.slice(0, EMBED_LIMITS.fields).map((c) => field(`/${c.name}`,
      c.entries.map((e) => `${e.who === 'admins' ? '🔒 ' : ''}\`${e.usage}\` — ${e.what}`).join('\n'), false)))
    .toJSON());
}
