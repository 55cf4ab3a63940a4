import type { CoreConfig } from '../app/core.js';
import type { RiskLimits } from '../domain/risk/index.js';
import { paperConfig, type ExitDefaults } from '../domain/trading/index.js';
import type { AppConfig } from './env.js';

/** The typed environment, reshaped into what the core needs. */
export function coreConfigFrom(config: AppConfig): CoreConfig {
  const t = config.trading;
  const exits: ExitDefaults = { stopPercent: null, targetPercents: [], trailing: t.trailing };
  const limits: RiskLimits = {
    maxDailyLossCents: t.maxDailyLossCents, maxContractsPerTrade: t.maxContractsPerTrade,
    maxContractsPerSymbol: t.maxContractsPerSymbol, maxOpenPositions: t.maxOpenPositions, maxTradesPerDay: t.maxTradesPerDay,
    cooldown: t.cooldown, maxNotionalSymbolPercent: t.maxNotionalSymbolPercent, maxNotionalTotalPercent: t.maxNotionalTotalPercent,
    maxAlertAgeMs: config.maxAlertAgeMs, duplicateWindowMs: t.duplicateWindowMs, enforceMarketHours: config.paper.enforceMarketHours,
  };
  return {
    pipeline: { confidenceThreshold: config.confidenceThreshold, maxAlertAgeMs: config.maxAlertAgeMs },
    desk: {
      broker: 'paper', mode: 'paper', limits, flattenOnDailyLoss: t.flattenOnDailyLoss, queueOutsideHours: t.queueOutsideHours,
      paper: paperConfig({
        startingBalanceCents: config.paper.startingBalanceCents, baseContracts: config.paper.baseContracts,
        defaultOptionContracts: t.defaultOptionContracts, maxOptionTradeCents: t.maxOptionTradeCents,
        slippageTicks: config.paper.slippageTicks,
        commissionCents: { futures: config.paper.commissionFuturesCents, option: config.paper.commissionOptionsCents },
        priceBand: { futures: { maxTicks: null, maxPercent: t.priceBandPercent.futures },
          option: { maxTicks: null, maxPercent: t.priceBandPercent.option } },
        exitDefaults: { futures: exits, option: exits }, maxQuoteAgeMs: t.maxQuoteAgeMs,
      }),
    },
    policy: { adminUserIds: config.discord.adminUserIds, adminRoleIds: config.discord.adminRoleIds },
    defaults: { running: true, mode: config.tradingMode },
  };
}
