import type { ReasonCode } from './reasons.js';
import type { Alert, ParseReason, ParseResult } from './types.js';

/** Routing threshold: at or above, an alert is routed; below, it is stored as `needs_review`. */
export const DEFAULT_CONFIDENCE_THRESHOLD = 0.8;

/**
 * Confidence for a failed parse never exceeds this, so nothing that is not an alert can reach
 * any sane threshold. It grows with how much of an alert was found (for reviewers' sorting).
 */
export const MAX_FAILED_CONFIDENCE = 0.4;

/**
 * Per-field scores and the reasons that lowered them.
 *
 * Each field starts at 1; a penalty multiplies it (one penalty per field and code, so a reason
 * repeated for each target does not compound). The whole is the product of the exact field
 * scores, rounded to two decimals (`fields` shows each rounded): several small doubts add up,
 * one serious doubt is enough. Pure arithmetic on the parse, so the same message always gets
 * the same score.
 */
export class Scorecard {
  // Assigned in the constructor rather than declared with initialisers: Node 20's V8 defines
  // class fields one by one, which is slow on a hot path; `declare` keeps them out of the output.
  /** Field → score, two decimals; built for the result, kept in step with `scores`. */
  declare readonly fields: Record<string, number>;
  declare readonly reasons: ParseReason[];
  declare private names: readonly string[];
  declare private readonly ones: readonly number[];
  /** Exact scores, allocated at the first penalty (most alerts have none). */
  declare private scores: number[] | null;

  constructor(fields: FieldSet) {
    this.fields = fields.blank(); // an object literal per kind: one shape per call site
    this.reasons = [];
    this.names = fields.names;
    this.ones = fields.ones;
    this.scores = null;
  }

  penalize(field: string, score: number, code: ReasonCode, message: string): void {
    for (const r of this.reasons) if (r.code === code && r.field === field) return;
    const scores = (this.scores ??= this.ones.slice());
    let i = this.names.indexOf(field);
    if (i < 0) {
      this.names = [...this.names, field];
      i = scores.push(1) - 1;
    }
    const v = (scores[i] as number) * score;
    scores[i] = v;
    this.fields[field] = round2(v);
    this.reasons.push({ code, message, field });
  }

  total(): number {
    if (this.scores === null) return 1;
    let p = 1;
    for (const v of this.scores) p *= v;
    return round2(p);
  }

  ok(alert: Alert): ParseResult {
    const confidence = this.total();
    return { ok: true, confidence, alert, fields: this.fields, reasons: this.reasons };
  }
}

/**
 * The fields an alert kind is scored on, prepared once per kind. `blank` returns a new object
 * literal with every field at 1 — written out per kind so each has one shape.
 */
export interface FieldSet {
  readonly names: readonly string[];
  readonly blank: () => Record<string, number>;
  readonly ones: readonly number[];
}

export function fieldSet(blank: () => Record<string, number>): FieldSet {
  const names = Object.keys(blank());
  return { names, blank, ones: names.map(() => 1) };
}

export function round2(x: number): number {
  return Math.round(x * 100) / 100;
}

/** A failed parse: `found` of `needed` parts of an alert were present. */
export function failure(reasons: ParseReason[], found = 0, needed = 1): ParseResult {
  const share = needed > 0 ? Math.min(1, Math.max(0, found / needed)) : 0;
  return { ok: false, confidence: round2(MAX_FAILED_CONFIDENCE * share), reasons };
}

export function isRoutable(result: ParseResult, threshold = DEFAULT_CONFIDENCE_THRESHOLD): boolean {
  return result.ok && result.confidence >= threshold;
}
