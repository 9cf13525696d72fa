import { describe, expect, test } from 'vitest';
import { scoreMatch } from '../scoring.ts';
import { debrief } from './debrief.ts';
import { recordRandomMatch } from './recorded.ts';
import { openReplay } from './replay.ts';

// A few seeds so that entrapments, abandonments and treaties all occur somewhere.
const replays = ['debrief-a', 'debrief-b', 'debrief-c'].map((seed) =>
  openReplay(recordRandomMatch('main', { rounds: 6 }, seed)),
);

describe('debrief', () => {
  test('counts agree with the engine stats of the final state', () => {
    for (const replay of replays) {
      const final = replay.finalState();
      const d = debrief(replay);
      expect(d.actors.map((a) => a.actor)).toEqual(final.seats);
      for (const a of d.actors) {
        const stats = final.actors[a.actor]!.stats;
        expect(a.calls).toEqual({
          honoured: stats.honoured,
          hedged: stats.hedged,
          abandoned: stats.abandoned,
        });
        expect(a.commitments.offersSent).toBe(stats.offersSent);
        expect(a.commitments.offersAccepted).toBe(stats.offersAccepted);
        expect(a.commitments.treatiesFormed).toBe(stats.newTreaties);
        expect(a.commitments.kept).toBe(stats.treatyHonoured);
        expect(a.entrapments).toHaveLength(stats.entrapped);
        expect(a.abandonments.of).toHaveLength(stats.abandonedBy);
      }
      const scores = scoreMatch(replay.scenario, final);
      for (const a of d.actors) expect(a.score).toEqual(scores.find((s) => s.seat === a.actor));
    }
  });

  test('each entrapment and abandonment names its crisis card and links to the timeline', () => {
    const moments = replays.flatMap((r) =>
      debrief(r).actors.flatMap((a) => [...a.entrapments, ...a.abandonments.by]),
    );
    expect(moments.length).toBeGreaterThan(0);
    for (const m of moments) {
      expect(m.card?.title).toMatch(/\S/);
      expect(m.card?.debrief).toMatch(/\S/);
    }
    const replay = replays[0]!;
    for (const m of debrief(replay).actors.flatMap((a) => a.entrapments)) {
      expect(replay.events[m.event]!.event.type).toBe('entrapment');
      expect(replay.timeline[m.entry]!.round).toBe(m.round);
    }
  });

  test('concepts shown carry the debrief texts of the cards involved', () => {
    const d = debrief(replays[0]!);
    expect(d.concepts.length).toBeGreaterThan(0);
    for (const c of d.concepts) {
      expect(c.events).toBeGreaterThan(0);
      for (const card of c.cards) {
        const def = replays[0]!.scenario.cards.find((x) => x.id === card.id)!;
        expect(card.debrief).toBe(def.debrief);
      }
    }
    const entrapment = d.concepts.find((c) => c.concept === 'entrapment');
    if (entrapment) expect(entrapment.cards.length).toBeGreaterThan(0);
  });
});
