import type { RiskLimits } from '../../domain/risk/index.js';
import { centsToDecimal, formatUsd, parseCents } from '../../domain/trading/money.js';

/**
 * The limits /risk shows and sets: each parses what a user typed into a normalised value (the
 * text stored as an override) and applies a normalised value to RiskLimits. "off" disables a
 * limit. Pure: no I/O.
 */
export type Parsed = { ok: true; value: string } | { ok: false; message: string };

export interface LimitSpec {
  name: string;
  /** What it limits, in words. */
  label: string;
  /** What /risk set accepts, in words. */
  accepts: string;
  show(limits: RiskLimits): string;
  parse(text: string): Parsed;
  apply(limits: RiskLimits, value: string): RiskLimits;
}

type NullableNumberField = 'maxContractsPerTrade' | 'maxContractsPerSymbol' | 'maxOpenPositions' | 'maxTradesPerDay'
  | 'maxNotionalSymbolPercent' | 'maxNotionalTotalPercent';

const OFF = /^(off|none|disabled?|unlimited|no)$/i;
const ON = /^(on|true|yes|enabled?)$/i;

function wholeNumber(text: string, min: number, max: number): number | null {
  if (!/^\d{1,9}$/.test(text)) return null;
  const n = Number(text);
  return n >= min && n <= max ? n : null;
}

function offOr(name: string, accepts: string, text: string, parse: (t: string) => string | null): Parsed {
  const t = text.trim();
  if (OFF.test(t)) return { ok: true, value: 'off' };
  const value = parse(t);
  return value === null ? { ok: false, message: `${name} must be ${accepts} — got "${clipText(t)}"` } : { ok: true, value };
}

const clipText = (t: string) => (t.length > 40 ? `${t.slice(0, 39)}…` : t);

function countLimit(name: string, field: NullableNumberField, label: string, unit: string): LimitSpec {
  const accepts = 'a whole number from 1 to 100000, or off';
  return {
    name, label, accepts,
    show: (l) => (l[field] === null ? 'off' : `${l[field]} ${unit}`),
    parse: (text) => offOr(name, accepts, text, (t) => (wholeNumber(t, 1, 100_000) === null ? null : String(Number(t)))),
    apply: (l, v) => ({ ...l, [field]: v === 'off' ? null : Number(v) }),
  };
}

function percentLimit(name: string, field: NullableNumberField, label: string): LimitSpec {
  const accepts = 'a percent of equity above 0 and up to 1000 (e.g. 50 or 12.5), or off';
  return {
    name, label, accepts,
    show: (l) => (l[field] === null ? 'off' : `${l[field]}% of equity`),
    parse: (text) => offOr(name, accepts, text, (t) => {
      const m = /^(\d{1,4}(?:\.\d{1,4})?)\s*%?$/.exec(t);
      const n = m ? Number(m[1]) : NaN;
      return n > 0 && n <= 1000 ? String(n) : null;
    }),
    apply: (l, v) => ({ ...l, [field]: v === 'off' ? null : Number(v) }),
  };
}

const maxDailyLoss: LimitSpec = {
  name: 'max_daily_loss', label: 'Session loss (realized net + open) at which new entries stop', accepts: 'a USD amount such as 500 or 750.50, or off',
  show: (l) => (l.maxDailyLossCents === null ? 'off' : formatUsd(l.maxDailyLossCents)),
  parse: (text) => offOr('max_daily_loss', maxDailyLoss.accepts, text, (t) => {
    const cents = parseCents(t.replace(/^\$/, ''));
    return cents !== null && cents > 0 && cents <= 10_000_000_000 ? centsToDecimal(cents) : null;
  }),
  apply: (l, v) => ({ ...l, maxDailyLossCents: v === 'off' ? null : parseCents(v) }),
};

const cooldown: LimitSpec = {
  name: 'cooldown', label: 'Pause a symbol after losing trades in a row', accepts: '"<losses>x<minutes>" such as 3x30, or off',
  show: (l) => (l.cooldown === null ? 'off'
    : `after ${l.cooldown.afterConsecutiveLosses} losses in a row, ${Math.round(l.cooldown.durationMs / 60_000)} min`),
  parse: (text) => offOr('cooldown', cooldown.accepts, text, (t) => {
    const m = /^(\d{1,4})\s*[x×/ ]\s*(\d{1,5})\s*(m|min|minutes?)?$/i.exec(t);
    const losses = m ? wholeNumber(m[1] ?? '', 1, 1000) : null;
    const minutes = m ? wholeNumber(m[2] ?? '', 1, 7 * 24 * 60) : null;
    return losses === null || minutes === null ? null : `${losses}x${minutes}`;
  }),
  apply: (l, v) => {
    if (v === 'off') return { ...l, cooldown: null };
    const [losses, minutes] = v.split('x').map(Number);
    return { ...l, cooldown: { afterConsecutiveLosses: losses ?? 1, durationMs: (minutes ?? 0) * 60_000 } };
  },
};

const duplicateWindow: LimitSpec = {
  name: 'duplicate_window_seconds', label: 'The same trade signalled again within this window is refused',
  accepts: 'whole seconds from 1 to 86400, or off',
  show: (l) => (l.duplicateWindowMs === null ? 'off' : `${l.duplicateWindowMs / 1000} s`),
  parse: (text) => offOr('duplicate_window_seconds', duplicateWindow.accepts, text, (t) => (wholeNumber(t, 1, 86_400) === null ? null : String(Number(t)))),
  apply: (l, v) => ({ ...l, duplicateWindowMs: v === 'off' ? null : Number(v) * 1000 }),
};

const marketHours: LimitSpec = {
  name: 'enforce_market_hours', label: 'Only fill orders while the market is open', accepts: 'on or off',
  show: (l) => (l.enforceMarketHours ? 'on' : 'off'),
  parse: (text) => onOff('enforce_market_hours', text),
  apply: (l, v) => ({ ...l, enforceMarketHours: v === 'on' }),
};

export function onOff(name: string, text: string): Parsed {
  const t = text.trim();
  if (ON.test(t)) return { ok: true, value: 'on' };
  if (OFF.test(t) || /^false$/i.test(t)) return { ok: true, value: 'off' };
  return { ok: false, message: `${name} must be on or off — got "${clipText(t)}"` };
}

/** Every limit /risk set accepts besides the kill switch, in the order /risk show lists them. */
export const LIMITS: readonly LimitSpec[] = [
  maxDailyLoss,
  countLimit('max_contracts_per_trade', 'maxContractsPerTrade', 'Contracts in one order', 'contracts'),
  countLimit('max_contracts_per_symbol', 'maxContractsPerSymbol', 'Open contracts on one symbol', 'contracts'),
  countLimit('max_open_positions', 'maxOpenPositions', 'Positions open at once', 'positions'),
  countLimit('max_trades_per_day', 'maxTradesPerDay', 'Entries per trading session', 'trades'),
  cooldown,
  percentLimit('max_notional_symbol_percent', 'maxNotionalSymbolPercent', 'Notional on one symbol'),
  percentLimit('max_notional_total_percent', 'maxNotionalTotalPercent', 'Notional across all positions'),
  duplicateWindow,
  marketHours,
];

export const KILL_SWITCH = 'kill_switch';

/** Every name /risk set takes (for autocomplete and validation). */
export const SETTABLE_NAMES: readonly string[] = [KILL_SWITCH, ...LIMITS.map((l) => l.name)];

export function limitSpec(name: string): LimitSpec | null {
  return LIMITS.find((l) => l.name === name) ?? null;
}
