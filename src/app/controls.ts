import type { AppDeps, DailySummary, Log } from './ports.js';
import type { CodeVerifier, LiveBrokers } from './control-ports.js';
import type { TradingCore } from './core.js';
import { ModeSwitcher } from './mode/mode-switch.js';
import { RiskSettings } from './risk/risk-settings.js';
import { NotifySettings } from './notify/notify-settings.js';
import type { Recipients } from './notify/recipients.js';
import { ReviewDesk } from './reviews/review-desk.js';
import { sendDailySummary } from './summary/daily-summary.js';

/** The control half behind /mode, /risk, /notify, /review and the daily summary. */
export interface ControlServices {
  modes: ModeSwitcher;
  risk: RiskSettings;
  notify: NotifySettings;
  reviews: ReviewDesk;
  /** Build the daily summary and DM it to subscribers (the scheduled job calls this). */
  dailySummary(): Promise<DailySummary>;
}

export interface ControlOptions {
  liveBrokers: LiveBrokers;
  /** null when no TOTP secret is configured. */
  codes: CodeVerifier | null;
  recipients: Recipients;
  maxAlertAgeMs: number;
}

/** Build the control services over a started core, and apply stored risk overrides to its desk. */
export async function startControls(deps: AppDeps, core: TradingCore, options: ControlOptions, log: Log): Promise<ControlServices> {
  const { stores, notifier, clock } = deps;
  const { control, desk } = core;
  const mode = control.state()?.mode ?? 'paper';
  if (mode !== 'paper' && options.liveBrokers.configured().length === 0) {
    log.warn({ mode }, 'the stored trading mode needs a live broker and none is configured: orders go to the paper engine only');
  }
  const risk = new RiskSettings({ overrides: stores.riskOverrides, audit: stores.audit, notifier, clock, control, log }, desk, desk.config.limits);
  await risk.load();
  return {
    modes: new ModeSwitcher({
      botState: stores.botState, audit: stores.audit, notifier, clock, control, liveBrokers: options.liveBrokers, codes: options.codes,
    }),
    risk,
    notify: new NotifySettings({ preferences: stores.notifyPreferences, recipients: options.recipients, audit: stores.audit, clock }),
    reviews: new ReviewDesk({
      signals: stores.signals, trades: stores.trades, reviews: stores.reviews, audit: stores.audit, clock, control, maxAlertAgeMs: options.maxAlertAgeMs,
      execute: (signalId) => core.pipeline.executeApproved(signalId),
    }),
    dailySummary: () => sendDailySummary({ trades: stores.trades, notifier, clock, desk }),
  };
}
