/** Discord epoch (2015-01-01T00:00:00Z) in ms: snowflakes are (ms since it) << 22 | increment. */
const DISCORD_EPOCH_MS = 1_420_070_400_000n;

/** Returns a generator of strictly increasing snowflake strings (19 digits in this era). */
export function createSnowflakes(nowMs: () => number = Date.now): () => string {
  let last = 0n;
  return () => {
    const candidate = (BigInt(nowMs()) - DISCORD_EPOCH_MS) << 22n;
    last = candidate > last ? candidate : last + 1n;
    return last.toString();
  };
}

/**
 * A snowflake for a past instant (a message backdated by a test): that millisecond with a
 * counter starting high in the increment bits, away from ids `createSnowflakes` makes live.
 */
export function snowflakeAt(ms: number, counter: number): string {
  return ((BigInt(ms) - DISCORD_EPOCH_MS) << 22n | (0x200000n + BigInt(counter % 0x200000))).toString();
}
