import { parseArgs } from 'node:util';

type Spec = Readonly<Record<string, string | number>>;
type Args<S extends Spec> = { [K in keyof S]: S[K] extends number ? number : string };

/**
 * A script's `--name value` flags, read with `util.parseArgs` from their
 * defaults: an unknown flag, a missing value or a stray word is an error
 * that names it, and a flag whose default is a number must be a whole
 * number ≥ 0 (a flag taking fractions keeps a string default).
 */
export function readArgs<S extends Spec>(spec: S, argv = process.argv.slice(2)): Args<S> {
  const options = Object.fromEntries(
    Object.entries(spec).map(([name, fallback]) => [
      name,
      { type: 'string' as const, default: String(fallback) },
    ]),
  );
  const { values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false });
  const out: Record<string, string | number> = {};
  for (const [name, fallback] of Object.entries(spec)) {
    const text = String(values[name]);
    if (typeof fallback === 'string') {
      out[name] = text;
      continue;
    }
    const n = Number(text);
    if (text.trim() === '' || !Number.isInteger(n) || n < 0)
      throw new Error(`--${name} must be a whole number ≥ 0`);
    out[name] = n;
  }
  return out as Args<S>;
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
