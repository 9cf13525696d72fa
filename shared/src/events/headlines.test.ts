import { describe, expect, it } from 'vitest';
import { playRandomGame } from '../bots/play.ts';
import { FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { ALLIANCE } from '../vocabulary.ts';
import { HEADLINE_KINDS, roundHeadlines } from './headlines.ts';
import type { EngineEvent } from './types.ts';

const scenario = FIXTURE_WITH_DECK;
const event = (partial: Partial<EngineEvent>): EngineEvent => ({
  type: 'roundStarted',
  round: 2,
  phase: 'resolution',
  actors: [],
  ...partial,
});

describe('roundHeadlines', () => {
  const games = Array.from(
    { length: 12 },
    (_, i) =>
      playRandomGame(scenario, { seats: ['red', 'blue', 'green', 'gold'] }, `head-${i}`, `h${i}`, {
        keepEvents: true,
      }).events,
  );

  it('gives one headline for each entrapment, abandonment, treaty made or broken and war of a round', () => {
    let seen = 0;
    for (const events of games) {
      const rounds = new Set(events.map((e) => e.round));
      for (const round of rounds) {
        const mine = events.filter((e) => e.round === round);
        const headlines = roundHeadlines(scenario, mine);
        const countOf = (...types: EngineEvent['type'][]) =>
          mine.filter((e) => types.includes(e.type)).length;
        const kinds = (k: string) => headlines.filter((h) => h.kind === k).length;
        expect(kinds('entrapment')).toBe(countOf('entrapment'));
        expect(kinds('abandonment')).toBe(countOf('abandonment'));
        expect(kinds('treatyMade')).toBe(
          countOf('blocJoined') +
            mine.filter((e) => e.type === 'tieRaised' && (e.amounts?.to ?? 0) >= ALLIANCE).length,
        );
        expect(kinds('treatyBroken')).toBe(countOf('noticeGiven', 'treatyEnded', 'blocLeft'));
        expect(kinds('war')).toBe(countOf('crisisWon', 'crisisHeld', 'stalemate', 'greatPowerWar'));
        for (const h of headlines) expect(h.text).not.toMatch(/undefined|NaN|\[object/);
        // In the projector's order: entrapments first, wars last.
        const order = headlines.map((h) => HEADLINE_KINDS.indexOf(h.kind));
        expect(order).toEqual([...order].sort((x, y) => x - y));
        seen += headlines.length;
      }
    }
    expect(seen).toBeGreaterThan(20);
  });

  it('names the entrapped, the abandoner and the crisis card', () => {
    const [entrapped, abandoned] = roundHeadlines(scenario, [
      event({ type: 'abandonment', actors: ['blue', 'red'], card: 'frontier-war' }),
      event({ type: 'entrapment', actors: ['red', 'green'], card: 'frontier-war' }),
    ]);
    const card = scenario.cards.find((c) => c.id === 'frontier-war')!.title;
    expect(entrapped).toMatchObject({ kind: 'entrapment', actors: ['red', 'green'] });
    expect(entrapped!.text).toBe(`Red is dragged into ${card} by its tie with Green.`);
    expect(abandoned!.text).toBe(`Blue abandons its treaty ally Red in ${card}.`);
  });

  it('leaves out ties raised below a treaty and everything that is not news', () => {
    const headlines = roundHeadlines(scenario, [
      event({ type: 'tieRaised', actors: ['red', 'blue'], amounts: { from: 2, to: ALLIANCE - 1 } }),
      event({ type: 'income', actors: ['red'], amounts: { income: 3, wealth: 5 } }),
      event({ type: 'tieRaised', actors: ['red', 'gold'], amounts: { from: 3, to: ALLIANCE } }),
    ]);
    expect(headlines.map((h) => h.text)).toEqual(['Red and Gold sign a treaty of alliance.']);
  });

  it('agrees its verbs with a plural actor', () => {
    const plural = {
      ...scenario,
      actors: scenario.actors.map((a) => (a.id === 'blue' ? { ...a, name: 'Western allies' } : a)),
    };
    const [h] = roundHeadlines(plural, [
      event({ type: 'entrapment', actors: ['blue', 'red'], card: 'frontier-war' }),
    ]);
    expect(h!.text).toMatch(/^Western allies are dragged into .* by their tie with Red\.$/);
  });
});
