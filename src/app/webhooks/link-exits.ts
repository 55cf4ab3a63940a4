import type { ExitDefaults } from '../../domain/trading/index.js';
import type { WebhookLinkStore } from '../ports.js';

/**
 * A link's stop-loss %, target % and trailing-stop % as exit defaults for what an alert leaves
 * empty (the TradingView → Angel One seed's per-link settings). Null when the link sets none.
 */
export function linkExitDefaults(links: Pick<WebhookLinkStore, 'get'>): (linkId: number) => Promise<ExitDefaults | null> {
  return async (linkId) => {
    const link = await links.get(linkId);
    if (!link || (link.stopLossPct === null && link.targetPct === null && link.trailingPct === null)) return null;
    return {
      stopPercent: link.stopLossPct === null ? null : Number(link.stopLossPct),
      targetPercents: link.targetPct === null ? [] : [Number(link.targetPct)],
      trailing: link.trailingPct === null ? null : { kind: 'percent', percent: Number(link.trailingPct) },
    };
  };
}
