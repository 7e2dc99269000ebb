/**
 * IP address syntax as the API server reads the legacy IP fields (hostAliases[].ip, DNS nameservers):
 * k8s.io/utils/net ParseIPSloppy, Go's parser before 1.17, which also takes IPv4 parts with leading
 * zeros ("010.0.0.1"). IsValidIPForLegacyField (1.33+) keeps that unless the alpha
 * StrictIPCIDRValidation gate is on. No allocation beyond a split, no regular expression per call.
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
export function isLegacyIpAddress(text: string): boolean {
  return text.includes(':') ? isIPv6(text) : isIPv4From(text, 0);
}
