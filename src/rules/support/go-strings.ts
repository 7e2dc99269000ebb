/**
 * Go's notion of white space (unicode.IsSpace), which strings.TrimSpace strips and upstream's
 * "leading or trailing whitespace" checks use. JavaScript's trim() differs at the edges: it strips
 * U+FEFF, which Go keeps, and keeps U+0085, which Go strips.
 */
const GO_SPACE = '\\t\\n\\v\\f\\r \\u0085\\u00a0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const PADDED = new RegExp(`^[${GO_SPACE}]|[${GO_SPACE}]$`);

/** True when strings.TrimSpace would change `text`: it starts or ends with white space. */
export function isPaddedWithSpace(text: string): boolean {
  return PADDED.test(text);
}
