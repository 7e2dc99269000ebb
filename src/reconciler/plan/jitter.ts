/**
 * Deterministic jitter: a run scheduled at t starts at t + offset, where the offset is a stable
 * hash (32-bit FNV-1a) of the object's name and t's unix seconds, reduced to whole seconds in
 * [0, bound]. Every replica and every restart computes the same start, so jitter never causes a
 * double start, and many objects on the same schedule spread out instead of starting together.
 *
 * The bound is `jitterSeconds`, clamped to one second less than the gap to the next run time:
 * a run therefore always starts before its successor is scheduled, and runs keep their order.
 */

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** FNV-1a of `name`, a separator, and the decimal digits of `seconds`, without building a string. */
function runHash(name: string, seconds: number): number {
  let h = FNV_OFFSET;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), FNV_PRIME);
  h = Math.imul(h ^ 0x40, FNV_PRIME); // '@'
  const digits = String(seconds);
  for (let i = 0; i < digits.length; i++) h = Math.imul(h ^ digits.charCodeAt(i), FNV_PRIME);
  return h >>> 0;
}

/**
 * The start delay (ms, whole seconds) of the run scheduled at `scheduledTime`. `nextRunTime` is
 * the run time after it (null when there is none), which caps the delay.
 */
export function jitterDelayMs(
  name: string,
  scheduledTime: number,
  jitterSeconds: number,
  nextRunTime: number | null,
): number {
  if (jitterSeconds <= 0) return 0;
  const gapSeconds = nextRunTime === null ? Infinity : Math.floor((nextRunTime - scheduledTime) / 1000) - 1;
  const bound = Math.min(jitterSeconds, gapSeconds);
  if (bound <= 0) return 0;
  return (runHash(name, Math.floor(scheduledTime / 1000)) % (bound + 1)) * 1000;
}
