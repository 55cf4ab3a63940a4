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
