/**
 * A score as people read it: at most one decimal, never "-0" and never the
 * float noise of a sum ("-0.2999999999999998" is "-0.3").
 */
export function oneDecimal(n: number): string {
  const r = Math.round(n * 10) / 10;
  return Object.is(r, -0) || r === 0 ? '0' : String(r);
}

/** A margin with its sign: "+1.5", "-0.3", "0". */
export function signedOneDecimal(n: number): string {
  const s = oneDecimal(n);
  return s !== '0' && !s.startsWith('-') ? `+${s}` : s;
}
