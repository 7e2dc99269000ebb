/** Instants as the controller prints them. */

/** RFC 3339 in UTC as Go prints it (RFC3339Nano): fractional seconds only when there are any, without trailing zeros. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace(/\.?0*Z$/, 'Z');
}
