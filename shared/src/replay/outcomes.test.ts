import { describe, expect, test } from 'vitest';
import { debrief } from './debrief.ts';
import { planFork } from './fork.ts';
import { actualOutcome, playOnOnce, summariseOutcomes } from './outcomes.ts';
import { recordRandomMatch } from './recorded.ts';
import { openReplay } from './replay.ts';

const recorded = recordRandomMatch('main', { rounds: 4 }, 'outcomes');
const replay = openReplay(recorded);

describe('bots play on from a fork point', () => {
  test('what really happened, counted from the start, is what the debrief counts', () => {
    const actual = actualOutcome(replay, 0);
    const told = debrief(replay);
    for (const a of told.actors) {
      expect(actual.seats[a.actor]).toMatchObject({
        entrapped: a.entrapments.length,
        abandoned: a.abandonments.by.length,
        abandonedBy: a.abandonments.of.length,
      });
    }
    // One point per round, the last the state the match ended in.
    expect(actual.tracks.length).toBe(replay.finalState().round);
    expect(actual.tracks.at(-1)).toEqual(replay.tracksAt(replay.timeline.length - 1));
  });

  test('a run is deterministic in its bot seed and plays to the end; the summary counts every run', () => {
    const planned = planFork(replay, recorded.log, { entry: 3, reseed: null });
    if (!planned.ok) throw new Error(planned.error);
    const { state } = planned.plan;
    const a = playOnOnce(replay.scenario, state, 'easy', 'seed-a');
    expect(playOnOnce(replay.scenario, state, 'easy', 'seed-a')).toEqual(a);
    expect(a.winner).not.toBeNull();
    expect(a.tracks.length).toBe(replay.finalState().round - state.round + 1);
    const b = playOnOnce(replay.scenario, state, 'easy', 'seed-b');
    const summary = summariseOutcomes([a, b]);
    expect(summary.runs).toBe(2);
    expect(Object.values(summary.wins).reduce((x, y) => x + y, 0)).toBe(2);
    const seat = state.seats[0]!;
    const counts = [a, b].map((r) => r.seats[seat]!.entrapped).sort();
    expect(summary.seats[seat]!.entrapped).toMatchObject({ min: counts[0], max: counts[1] });
    expect(summary.tracks[seat]!.power.length).toBe(a.tracks.length);
  });
});
