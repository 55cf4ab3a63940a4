export type RateDecision = { allowed: true } | { allowed: false; retryAfterSec: number };

interface Bucket {
  tokens: number;
  atMs: number;
}

/**
 * A token bucket per key (a webhook link): bursts up to the per-minute limit, refilled evenly.
 * In memory on purpose: a limit only has to hold while the process lives.
 */
export class RateLimiter {
  private readonly buckets = new Map<number, Bucket>();

  take(key: number, perMinute: number, nowMs: number): RateDecision {
    const bucket = this.buckets.get(key) ?? { tokens: perMinute, atMs: nowMs };
    const elapsedMs = Math.max(0, nowMs - bucket.atMs);
    bucket.tokens = Math.min(perMinute, bucket.tokens + (elapsedMs * perMinute) / 60_000);
    bucket.atMs = nowMs;
    this.buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    const waitMs = ((1 - bucket.tokens) * 60_000) / perMinute;
    return { allowed: false, retryAfterSec: Math.max(1, Math.ceil(waitMs / 1000)) };
  }

  forget(key: number): void {
    this.buckets.delete(key);
  }
}
