/**
 * Whole numbers written as text, read as Go's strconv.ParseInt(text, 10, bits) reads them (and
 * strconv.Atoi on a 64-bit platform): an optional sign, decimal digits only, within the signed
 * range of `bits`. Label values for Gt/Lt, index lists and numeric annotations go through it.
 */
export function parseGoInteger(text: string, bits: 32 | 64): bigint | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = BigInt(text);
  const limit = 2n ** BigInt(bits - 1);
  return value >= -limit && value < limit ? value : undefined;
}
