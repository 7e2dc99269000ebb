/**
 * IP address syntax as the API server reads the legacy IP fields (hostAliases[].ip, DNS nameservers):
 * k8s.io/utils/net ParseIPSloppy, Go's parser before 1.17, which also takes IPv4 parts with leading
 * zeros ("010.0.0.1"). IsValidIPForLegacyField (apimachinery validation/ip.go) keeps that unless
 * StrictIPCIDRValidation is on (alpha 1.33, on by default from 1.36, KEP-4858): then an address
 * netip.ParseAddr refuses (leading zeros) or an IPv4-mapped IPv6 address is refused too. No
 * regular expression per call.
 */

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

function hexValue(code: number): number {
  if (code >= 48 && code <= 57) return code - 48;
  if (code >= 97 && code <= 102) return code - 87;
  if (code >= 65 && code <= 70) return code - 55;
  return -1;
}

/** Four dot-separated decimal parts of at most 255 each (leading zeros allowed), from `start`. */
function isIPv4From(text: string, start: number): boolean {
  let i = start;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 46) return false;
      i++;
    }
    let value = 0;
    const first = i;
    while (i < text.length && isDigit(text.charCodeAt(i))) {
      value = value * 10 + (text.charCodeAt(i) - 48);
      if (value > 255) return false;
      i++;
    }
    if (i === first) return false;
  }
  return i === text.length;
}

/** Hex groups of at most 0xffff separated by ":", one "::" for at least one zero group, an IPv4 tail allowed. */
function isIPv6(text: string): boolean {
  let groups = 0;
  let ellipsis = false;
  let i = 0;
  if (text.startsWith('::')) {
    ellipsis = true;
    i = 2;
    if (i === text.length) return true;
  }
  while (i < text.length) {
    const first = i;
    let value = 0;
    while (i < text.length && hexValue(text.charCodeAt(i)) >= 0) {
      value = value * 16 + hexValue(text.charCodeAt(i));
      if (value > 0xffffff) return false;
      i++;
    }
    if (i === first) return false;
    if (text.charCodeAt(i) === 46) {
      // An embedded IPv4 address ends the text and fills two groups.
      if ((!ellipsis && groups !== 6) || groups + 2 > 8) return false;
      if (!isIPv4From(text, first)) return false;
      groups += 2;
      break;
    }
    if (value > 0xffff) return false;
    groups++;
    if (i === text.length) break;
    if (text.charCodeAt(i) !== 58 || i + 1 === text.length) return false;
    i++;
    if (text.charCodeAt(i) === 58) {
      if (ellipsis) return false;
      ellipsis = true;
      i++;
      if (i === text.length) break;
    }
    if (groups >= 8) return false;
  }
  return ellipsis ? groups < 8 : groups === 8;
}

/** True when the API server's legacy IP parser (ParseIPSloppy) accepts `text` as an IPv4 or IPv6 address. */
function isLegacyIpAddress(text: string): boolean {
  return text.includes(':') ? isIPv6(text) : isIPv4From(text, 0);
}

/** StrictIPCIDRValidation on by default. */
export const STRICT_IP_VALIDATION_SINCE = 36;

/** The 16-bit groups of a valid IPv6 address, "::" expanded and an embedded IPv4 tail as two groups. */
function ipv6Groups(text: string): number[] {
  const parse = (part: string): number[] =>
    part === ''
      ? []
      : part.split(':').flatMap((piece) => {
          if (!piece.includes('.')) return [parseInt(piece, 16)];
          const [a, b, c, d] = piece.split('.').map(Number);
          return [a * 256 + b, c * 256 + d];
        });
  const ellipsis = text.indexOf('::');
  if (ellipsis < 0) return parse(text);
  const left = parse(text.slice(0, ellipsis));
  const right = parse(text.slice(ellipsis + 2));
  return [...left, ...new Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/** What netip.ParseAddr refuses in text ParseIPSloppy accepts: an IPv4 part with a leading zero, an IPv6 group of more than 4 digits. */
function hasSloppyDigits(text: string): boolean {
  const ipv4Start = text.lastIndexOf(':') + 1;
  const hasIPv4 = text.includes('.');
  if (
    hasIPv4 &&
    text
      .slice(ipv4Start)
      .split('.')
      .some((part) => part.length > 1 && part.startsWith('0'))
  )
    return true;
  if (!text.includes(':')) return false;
  return text
    .slice(0, hasIPv4 ? ipv4Start : text.length)
    .split(':')
    .some((group) => group.length > 4);
}

/**
 * Why IsValidIPForLegacyField refuses `text`, in the API server's words; undefined when it accepts
 * it. `strict`: StrictIPCIDRValidation is on.
 */
export function legacyIpProblem(text: string, strict: boolean): string | undefined {
  if (!isLegacyIpAddress(text)) return 'must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)';
  if (!strict) return undefined;
  if (hasSloppyDigits(text)) return 'must not have leading 0s';
  if (text.includes(':')) {
    const groups = ipv6Groups(text);
    if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff)
      return 'must not be an IPv4-mapped IPv6 address';
  }
  return undefined;
}
