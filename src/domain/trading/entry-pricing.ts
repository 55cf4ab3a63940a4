/** An entry's paper fill price and final bracket, or why it is refused. */
import type { OpenCommand } from './alert-commands.js';
import { withDefaultExits } from './default-exits.js';
import type { EngineRejection } from './engine-events.js';
import { bracketProblem, type ExitPlan } from './exit-rules.js';
import type { OrderSide } from './fills.js';
import type { InstrumentSpec } from './instruments.js';
import type { PaperConfig } from './paper-config.js';
import { bandBreach, marketFill, marketReference, type FillPrice } from './pricing.js';
import type { Quote } from './quotes.js';

export type EntryPricing =
  | { readonly ok: true; readonly price: FillPrice; readonly plan: ExitPlan }
  | { readonly ok: false; readonly rejection: EngineRejection };

/**
 * In order: the alert's price must be within the band of the market (when both exist); there
 * must be a price to fill at (quote, else the alert's own); the bracket — the alert's levels plus
 * configured defaults, measured from the fill — must sit on the right sides of the fill.
 */
export function priceEntry(cmd: OpenCommand, spec: InstrumentSpec, quote: Quote | undefined, config: PaperConfig): EntryPricing {
  const side: OrderSide = cmd.side === 'long' ? 'buy' : 'sell';
  const ref = marketReference(quote, side);
  if (ref !== null && cmd.alertPriceMicros !== null) {
    const breach = bandBreach(spec, config.priceBand[spec.assetClass], cmd.alertPriceMicros, ref.priceMicros);
    if (breach) {
      return { ok: false, rejection: { code: 'PRICE_OUT_OF_BAND', symbol: cmd.symbol, alertPriceMicros: cmd.alertPriceMicros,
        marketPriceMicros: ref.priceMicros, ...breach } };
    }
  }
  const price = marketFill(spec, side, quote, cmd.alertPriceMicros, config.slippageTicks);
  if (price === null) return { ok: false, rejection: { code: 'NO_PRICE', symbol: cmd.symbol } };
  const plan = withDefaultExits(cmd.plan, cmd.exitDefaults ?? config.exitDefaults[spec.assetClass], cmd.side, spec, price.priceMicros);
  const problem = bracketProblem(cmd.side, price.priceMicros, plan);
  if (problem) {
    return { ok: false, rejection: { code: 'INVALID_BRACKET', problem: problem.code, referenceMicros: problem.referenceMicros,
      offendingMicros: problem.offendingMicros } };
  }
  return { ok: true, price, plan };
}
