import type { MatchState } from '../state.ts';
import { TRACKS } from '../vocabulary.ts';

/** The tracks charted for an actor: the engine's tracks and influence, the sum over regions. */
export const CHARTED_TRACKS = [...TRACKS, 'influence'] as const;
export type ChartedTrack = (typeof CHARTED_TRACKS)[number];
export type ActorTracks = Record<ChartedTrack, number>;

/** Every actor's tracks in `state`: small enough to keep one per phase while replaying. */
export function sampleTracks(state: MatchState): Record<string, ActorTracks> {
  const out: Record<string, ActorTracks> = {};
  for (const id of Object.keys(state.actors)) {
    const a = state.actors[id]!;
    let influence = 0;
    for (const v of Object.values(a.influence)) influence += v;
    out[id] = {
      power: a.power,
      wealth: a.wealth,
      autonomy: a.autonomy,
      reputation: a.reputation,
      security: a.security,
      cohesion: a.cohesion,
      influence,
    };
  }
  return out;
}
