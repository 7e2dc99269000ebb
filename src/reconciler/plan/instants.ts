/** Instants as the controller prints them. */

/** RFC 3339 in UTC as Go prints it (RFC3339Nano): fractional seconds only when there are any, without trailing zeros. */
export function formatInstant(ms: number): string {
  const iso = new Date(ms).toISOString();
  if (iso.endsWith('.000Z')) return `${iso.slice(0, -5)}Z`;
  return iso.replace(/0*Z$/, 'Z');
}
