import type { Replay } from './replay.ts';
import { type ActorTracks, CHARTED_TRACKS, type ChartedTrack, sampleTracks } from './sample.ts';

export { type ActorTracks, CHARTED_TRACKS, type ChartedTrack } from './sample.ts';

/**
 * The tracks over the rounds, for charts: point 0 is the match as created,
 * point r the end of round r (the last moment of its last phase played).
 */
export interface TrackSeries {
  /** 0, 1, …, the last round played. */
  rounds: number[];
  /** Global tension at each point. */
  tension: number[];
  /** Seated actors first (in seat order), then the others, as in the state. */
  actors: string[];
  seats: string[];
  /** Actor id → track → one value per point. */
  series: Record<string, Record<ChartedTrack, number[]>>;
}

export function trackSeries(replay: Replay): TrackSeries {
  const start = replay.stateAtStep(0);
  const points: { round: number; tension: number; tracks: Record<string, ActorTracks> }[] = [
    { round: 0, tension: start.tension, tracks: sampleTracks(start) },
  ];
  // The last entry of each round is its end; rounds come in order on the timeline.
  for (const entry of replay.timeline) {
    const point = {
      round: entry.round,
      tension: entry.tension,
      tracks: replay.tracksAt(entry.index),
    };
    if (points.at(-1)!.round === entry.round) points[points.length - 1] = point;
    else points.push(point);
  }
  const seats = [...start.seats];
  const actors = [...seats, ...Object.keys(start.actors).filter((id) => !seats.includes(id))];
  const series: TrackSeries['series'] = {};
  for (const id of actors) {
    const byTrack = {} as Record<ChartedTrack, number[]>;
    for (const track of CHARTED_TRACKS) byTrack[track] = points.map((p) => p.tracks[id]![track]);
    series[id] = byTrack;
  }
  return {
    rounds: points.map((p) => p.round),
    tension: points.map((p) => p.tension),
    actors,
    seats,
    series,
  };
}

/** The CSV header of `tracksCsv`. */
export const TRACKS_CSV_HEADER = [
  'round',
  'actor',
  'seated',
  ...CHARTED_TRACKS,
  'tension',
] as const;

/**
 * One row per point and actor (round 0 is the start), RFC 4180: a header row,
 * CRLF line ends, fields quoted when they hold a comma, quote or line break.
 */
export function tracksCsv(series: TrackSeries): string {
  const rows: (string | number)[][] = [[...TRACKS_CSV_HEADER]];
  series.rounds.forEach((round, i) => {
    for (const actor of series.actors) {
      const values = CHARTED_TRACKS.map((t) => series.series[actor]![t][i]!);
      const seated = series.seats.includes(actor) ? 'yes' : 'no';
      rows.push([round, actor, seated, ...values, series.tension[i]!]);
    }
  });
  return `${rows.map((r) => r.map(csvField).join(',')).join('\r\n')}\r\n`;
}

function csvField(value: string | number): string {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}
