/** Reads `--name value` pairs from the command line (the scripts take a handful of flags). */
export function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  const value = i >= 0 ? process.argv[i + 1] : undefined;
  return value ?? fallback;
}

export function intFlag(name: string, fallback: number): number {
  const n = Number.parseInt(flag(name, String(fallback)), 10);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a non-negative integer`);
  return n;
}

/** The q-quantile (0–1) of the values, interpolating between neighbours. */
export function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const i = q * (s.length - 1);
  const lo = Math.floor(i);
  return lo + 1 < s.length ? s[lo]! + (i - lo) * (s[lo + 1]! - s[lo]!) : s[lo]!;
}

export function median(values: number[]): number {
  return quantile(values, 0.5);
}
