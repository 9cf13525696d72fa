import { describe, expect, it } from 'vitest';
import { allSeatsDone } from './apply.ts';
import { drive } from './testing/drive.ts';

const seats = ['red', 'blue', 'green', 'gold'];

describe('a phase ends early when every seat is done (docs/rules.md §5.1)', () => {
  it.each(['quick', 'full'] as const)(
    'each phase starts with nobody done, Resolution too (%s pace)',
    (pace) => {
      const m = drive({ seats, pace });
      for (let step = 0; step < 8; step++) {
        expect(allSeatsDone(m.state), `${m.state.phase} starts with every seat done`).toBe(false);
        for (const seat of seats) m.seat(seat, { kind: 'done', done: true });
        expect(allSeatsDone(m.state)).toBe(true);
        m.advance();
      }
      expect(m.state.round).toBeGreaterThan(1);
    },
  );
});
