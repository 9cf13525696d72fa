import { describe, expect, test } from 'vitest';
import { recordRandomMatch } from './recorded.ts';
import { openReplay } from './replay.ts';
import { CHARTED_TRACKS, TRACKS_CSV_HEADER, trackSeries, tracksCsv } from './tracks.ts';

const replay = openReplay(recordRandomMatch('main', { rounds: 4 }, 'tracks-test'));

describe('trackSeries', () => {
  const series = trackSeries(replay);

  test('one point for the start and one per round played', () => {
    expect(series.rounds).toEqual([0, 1, 2, 3, 4]);
    expect(series.tension).toHaveLength(5);
    expect(series.seats).toEqual(replay.stateAtStep(0).seats);
    expect(series.actors.slice(0, series.seats.length)).toEqual(series.seats);
  });

  test('each point is the state at the end of its round', () => {
    const final = replay.finalState();
    expect(series.tension.at(-1)).toBe(final.tension);
    for (const actor of series.actors) {
      const a = final.actors[actor]!;
      const influence = Object.values(a.influence).reduce((s, v) => s + v, 0);
      expect(series.series[actor]!.power.at(-1)).toBe(a.power);
      expect(series.series[actor]!.influence.at(-1)).toBe(influence);
    }
    const endOf2 = replay.timeline.filter((e) => e.round === 2).at(-1)!;
    const state = replay.stateAt(endOf2.index);
    expect(series.tension[2]).toBe(state.tension);
    expect(series.series.usa!.wealth[2]).toBe(state.actors.usa!.wealth);
  });

  test('tracksCsv: a header and one row per point and actor, CRLF', () => {
    const csv = tracksCsv(series);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toBe(TRACKS_CSV_HEADER.join(','));
    expect(lines[0]).toBe(`round,actor,seated,${CHARTED_TRACKS.join(',')},tension`);
    expect(lines).toHaveLength(1 + series.rounds.length * series.actors.length);
    const usaEnd = lines.find((l) => l.startsWith('4,usa,'))!.split(',');
    expect(usaEnd[2]).toBe('yes');
    expect(Number(usaEnd[3])).toBe(series.series.usa!.power[4]);
  });
});
