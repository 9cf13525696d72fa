import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { canonicalJson } from './hash.ts';

/** The definition canonicalJson must keep: JSON with object keys sorted, undefined members left out. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  test('equals the plain definition on any JSON-like value', () => {
    const values = fc.anything({
      withNullPrototype: false,
      withObjectString: false,
      values: [
        fc.double(),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constant(-0),
      ],
    });
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  test('sorts keys whatever order they were written in, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined, é: 'x\n' })).toBe(
      '{"a":[true,null,null],"b":1,"é":"x\\n"}',
    );
  });
});
