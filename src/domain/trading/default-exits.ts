import type { ExitPlan } from './exit-rules.js';
import type { InstrumentSpec } from './instruments.js';
import { snapToTick, type Micros } from './money.js';
import type { ExitDefaults } from './paper-config.js';
import type { PositionSide } from './pnl.js';

/** `percent` of `priceMicros` away from it, in the given direction (+1 up, −1 down), on the grid. */
function offset(spec: InstrumentSpec, priceMicros: Micros, percent: number, direction: 1 | -1): Micros {
  const distanceMicros = Math.round((priceMicros * percent) / 100);
  return snapToTick(priceMicros + direction * distanceMicros, spec.tick, 'nearest');
}

/**
 * Fill in the configured default stop / targets / trailing for whatever the alert left empty,
 * measured from the entry fill price. An alert's own levels always win.
 */
export function withDefaultExits(plan: ExitPlan, defaults: ExitDefaults, side: PositionSide,
  spec: InstrumentSpec, entryMicros: Micros): ExitPlan {
  const favourable: 1 | -1 = side === 'long' ? 1 : -1;
  const stopMicros = plan.stopMicros ?? (defaults.stopPercent === null ? null
    : offset(spec, entryMicros, defaults.stopPercent, favourable === 1 ? -1 : 1));
  const targetsMicros = plan.targetsMicros.length > 0 ? plan.targetsMicros
    : defaults.targetPercents.map((percent) => offset(spec, entryMicros, percent, favourable));
  return { stopMicros, targetsMicros, trailing: plan.trailing ?? defaults.trailing };
}
