import { describe, expect, it } from 'vitest';
import { createMatch } from './create.ts';
import { ctxOf } from './ctx.ts';
import { FIXTURE } from './testing/fixture.ts';
import {
  autonomyCap,
  bondLevel,
  lendingShareCount,
  partnerCounts,
  partnersAtLeast,
  tieLevel,
  treatyCount,
} from './ties.ts';
import { ALLIANCE, DIALOGUE, NONE, PARTNERSHIP, STRATEGIC } from './vocabulary.ts';

const ctx = ctxOf(FIXTURE);
const fresh = () => {
  const r = createMatch(FIXTURE, { seats: ['red', 'blue', 'green', 'gold'] }, 'ties');
  if (!r.ok) throw new Error(r.error);
  return r.state;
};

describe('tie levels (docs/rules.md §4, §4.2)', () => {
  it.each([
    ['own strategic partnership', 'red', 'green', STRATEGIC],
    ['own treaty', 'blue', 'isle', ALLIANCE],
    ['alliance bloc sets the level', 'blue', 'allies', ALLIANCE],
    ['paper alliance sets the level', 'green', 'buffer', ALLIANCE],
    ['coordination bloc lifts dialogue to partnership', 'red', 'gold', PARTNERSHIP],
    ['no tie at all', 'gold', 'isle', NONE],
    ['own dialogue', 'red', 'buffer', DIALOGUE],
  ])('%s: %s–%s', (_label, a, b, level) => {
    const state = fresh();
    expect(tieLevel(ctx, state, a, b)).toBe(level);
    expect(tieLevel(ctx, state, b, a)).toBe(level);
  });

  it.each([
    ['a NATO-style bloc binds both ways', 'blue', 'allies', ALLIANCE],
    ['', 'allies', 'blue', ALLIANCE],
    ['a paper alliance binds only its leader', 'green', 'buffer', ALLIANCE],
    ['', 'buffer', 'green', DIALOGUE],
    ['a coordination bloc never binds', 'red', 'gold', DIALOGUE],
  ])('%s (%s behind %s)', (_label, from, to, level) => {
    expect(bondLevel(ctx, fresh(), from, to)).toBe(level);
  });

  it('counts treaties with an institution once, and caps Autonomy by them', () => {
    const state = fresh();
    expect(treatyCount(ctx, state, 'blue')).toBe(2); // isle + NATO
    expect(autonomyCap(ctx, state, 'blue')).toBe(8);
    expect(treatyCount(ctx, state, 'red')).toBe(0);
    expect(state.actors.blue!.autonomy).toBeLessThanOrEqual(8);
  });

  it('splits what a lender lends among its partners at that level, a bloc counting once', () => {
    const state = fresh();
    expect(lendingShareCount(ctx, state, 'blue', ALLIANCE)).toBe(2);
    expect(lendingShareCount(ctx, state, 'red', STRATEGIC)).toBe(1);
  });
});

describe('partnerCounts', () => {
  it('agrees with partnersAtLeast for every actor and level', () => {
    const state = fresh();
    for (const level of [DIALOGUE, PARTNERSHIP, STRATEGIC, ALLIANCE]) {
      const counts = partnerCounts(ctx, state, level);
      for (const id of ctx.actorIds)
        expect(counts[id], `${id} at ${level}`).toBe(partnersAtLeast(ctx, state, id, level).length);
    }
  });
});
