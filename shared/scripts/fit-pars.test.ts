import { expect, test } from 'vitest';
import { spread } from './fit-pars.ts';

test('fitted thresholds are made distinct inside p10–p90 and never out of order', () => {
  // All three quartiles equal with one step of room: two distinct stars, in order.
  expect(spread([5, 5, 5], 4, 5)).toEqual([4, 4, 5]);
  expect(spread([4, 4, 4], 4, 6)).toEqual([4, 5, 6]);
  expect(spread([3, 3, 3], 3, 3)).toEqual([3, 3, 3]);
  // A quartile rounded outside the range is brought inside it.
  expect(spread([2, 4, 9], 3, 8)).toEqual([3, 4, 8]);
  // No whole number between p10 and p90: the quartiles as they are.
  expect(spread([3, 3, 3], 4, 3)).toEqual([3, 3, 3]);
  for (const [qs, lo, hi] of [
    [[0, 0, 1], 0, 1],
    [[7, 7, 7], 6, 7],
    [[2, 3, 3], 2, 3],
  ] as const) {
    const t = spread([...qs], lo, hi);
    for (let i = 1; i < t.length; i++) expect(t[i]).toBeGreaterThanOrEqual(t[i - 1]!);
    for (const x of t) expect(x >= lo && x <= hi).toBe(true);
  }
});
