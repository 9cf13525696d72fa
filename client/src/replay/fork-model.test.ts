import { openReplay, recordRandomMatch } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { editedDecisions, seatDecisions } from './fork-model.ts';

const recorded = recordRandomMatch('main', { rounds: 4 }, 'fork-model');
const replay = openReplay(recorded);
const at = replay.timeline.find((e) =>
  recorded.log.slice(e.startStep, e.endStep).some((c) => c.kind === 'answer'),
)!;
const answer = recorded.log.slice(at.startStep, at.endStep).find((c) => c.kind === 'answer')!;
const seat = 'seat' in answer ? answer.seat : '';

describe('the host’s edit of one seat’s decisions', () => {
  it('lists the seat’s commands of that phase, in order', () => {
    const mine = seatDecisions(replay, recorded.log, at.index, seat);
    expect(mine.length).toBeGreaterThan(0);
    expect(mine.every((c) => c.seat === seat && c.round === at.round)).toBe(true);
    expect(seatDecisions(replay, recorded.log, 999, seat)).toEqual([]);
  });

  it('is no change until something changes; an answer given otherwise and a dropped command are', () => {
    const mine = seatDecisions(replay, recorded.log, at.index, seat);
    const keepAll = mine.map(() => ({ keep: true }));
    expect(editedDecisions(mine, keepAll)).toBeNull();
    const i = mine.findIndex((c) => c.kind === 'answer');
    const edits = mine.map((_, k) =>
      k === i
        ? { keep: true, answer: { kind: 'abandon' as const, power: 3, wealth: 0 } }
        : { keep: true },
    );
    const changed = editedDecisions(mine, edits)!;
    // Power is what an honour commits: an abandonment commits none.
    expect(changed[i]).toMatchObject({ kind: 'answer', answer: { kind: 'abandon', power: 0 } });
    expect(changed.length).toBe(mine.length);
    const dropped = editedDecisions(
      mine,
      mine.map((_, k) => ({ keep: k !== 0 })),
    )!;
    expect(dropped).toEqual(mine.slice(1));
  });
});
