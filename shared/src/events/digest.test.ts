import { describe, expect, it } from 'vitest';
import { playRandomGame } from '../bots/play.ts';
import { getScenario } from '../content/index.ts';
import { describeEvent } from './describe.ts';
import { accountPart, groupAccount, seatDigest } from './digest.ts';

const scenario = getScenario('main');
const game = playRandomGame(scenario, { rounds: 4, pace: 'full' }, 'digest-1', 'digest-1', {
  keepEvents: true,
});
const rounds = [...new Set(game.events.map((e) => e.round))];

describe('the round account grouped by crisis, ties, economy and the world', () => {
  it.each(rounds)(
    'round %i: every event is shown once, the ties a crisis freezes in one line',
    (round) => {
      const events = game.events.filter((e) => e.round === round);
      const groups = groupAccount(scenario, events);
      const frozenCrises = new Set(
        events.filter((e) => e.type === 'tieFrozen').map((e) => e.crisis),
      );
      const shown = groups.flatMap((g) => g.lines);
      expect(shown.length).toBe(
        events.filter((e) => e.type !== 'tieFrozen').length + frozenCrises.size,
      );
      for (const e of events.filter((x) => x.type !== 'tieFrozen'))
        expect(shown.map((l) => l.text)).toContain(describeEvent(scenario, e));
      // Crises first, then ties, economy and the world; each part once.
      const parts = groups.map((g) => g.part);
      expect(parts).toEqual([...parts].sort((a, b) => order(a) - order(b)));
      expect(groups.filter((g) => g.part !== 'crisis').map((g) => g.part)).toEqual([
        ...new Set(groups.filter((g) => g.part !== 'crisis').map((g) => g.part)),
      ]);
      for (const g of groups)
        for (const l of g.lines)
          expect(
            l.type === 'tieFrozen' ? g.part : accountPart(events.find((e) => e.type === l.type)!),
          ).toBe(g.part);
    },
  );

  it('says how many ties a crisis froze, by pair', () => {
    const round = rounds.find(
      (r) => game.events.filter((e) => e.round === r && e.type === 'tieFrozen').length > 1,
    );
    expect(round).toBeDefined();
    const events = game.events.filter((e) => e.round === round);
    const line = groupAccount(scenario, events)
      .flatMap((g) => g.lines)
      .find((l) => l.type === 'tieFrozen')!;
    expect(line.text).toMatch(/^\d+ ties are frozen while this crisis is live: .+–.+\.$/);
  });
});

describe('what happened to you', () => {
  it('shows at most the limit, only events that name the seat, the weightiest kept', () => {
    for (const round of rounds)
      for (const seat of game.state.seats) {
        const events = game.events.filter((e) => e.round === round);
        const digest = seatDigest(scenario, events, seat, 3);
        expect(digest.lines.length).toBeLessThanOrEqual(3);
        const mine = events
          .filter((e) => e.actors.includes(seat))
          .map((e) => describeEvent(scenario, e));
        for (const line of digest.lines) expect(mine).toContain(line);
        // An entrapment or abandonment of the seat is never left out for a smaller event.
        const grave = events.filter(
          (e) => (e.type === 'entrapment' || e.type === 'abandonment') && e.actors.includes(seat),
        );
        if (grave.length > 0 && grave.length <= 3)
          for (const e of grave) expect(digest.lines).toContain(describeEvent(scenario, e));
      }
  });

  it('counts an answer to a call as the answering seat’s, not the caller’s', () => {
    const hedges = game.events.filter((x) => x.type === 'callHedged' && x.actors.length > 1);
    expect(hedges.length).toBeGreaterThan(0);
    for (const e of hedges) {
      const caller = e.actors[1]!;
      const round = game.events.filter((x) => x.round === e.round);
      expect(seatDigest(scenario, round, caller, 50).lines).not.toContain(
        describeEvent(scenario, e),
      );
      expect(seatDigest(scenario, round, e.actors[0]!, 50).lines).toContain(
        describeEvent(scenario, e),
      );
    }
  });

  it('leaves out the seat’s routine: offers sent and ties frozen are in the full account only', () => {
    const seat = game.state.seats[0]!;
    const events = game.events.filter(
      (e) => e.actors.includes(seat) && (e.type === 'offerSent' || e.type === 'tieFrozen'),
    );
    expect(events.length).toBeGreaterThan(0);
    expect(seatDigest(scenario, events, seat).lines).toEqual([]);
  });
});

function order(part: string): number {
  return ['crisis', 'ties', 'economy', 'world'].indexOf(part);
}
