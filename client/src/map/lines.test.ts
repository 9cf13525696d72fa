import { describe, expect, it } from 'vitest';
import { arc, dashes, length, midpoint } from './lines.ts';

describe('tie lines', () => {
  it('bows a curve between its endpoints, to the other side when reversed', () => {
    const curve = arc([0, 0], [100, 0]);
    expect(curve[0]).toEqual([0, 0]);
    expect(curve.at(-1)).toEqual([100, 0]);
    expect(Math.abs(midpoint(curve)[1])).toBeGreaterThan(5);
    const back = arc([100, 0], [0, 0]);
    expect(back[12]![1]).toBeCloseTo(-curve[12]![1]);
  });

  it('cuts a line into dashes of the asked length', () => {
    const parts = dashes(
      [
        [0, 0],
        [100, 0],
      ],
      10,
      5,
    );
    expect(parts).toHaveLength(7);
    for (const part of parts) expect(length(part)).toBeCloseTo(10);
    expect(parts[1]![0]).toEqual([15, 0]);
  });

  it('follows corners', () => {
    const parts = dashes(
      [
        [0, 0],
        [6, 0],
        [6, 6],
      ],
      8,
      2,
    );
    expect(parts[0]).toEqual([
      [0, 0],
      [6, 0],
      [6, 2],
    ]);
  });
});
