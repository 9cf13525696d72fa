import type { LiveStanding, MatchStage, MatchState } from '@entanglement/shared';
import { tokenMatches } from '../store/tokens.ts';
import type { PhaseClock } from './phase-clock.ts';
import type { Seating } from './seating.ts';

/** What a room knows that "My matches" asks about. */
export interface StandingFacts {
  id: string;
  match: MatchState;
  stage: MatchStage;
  clock: PhaseClock;
  seating: Seating;
  hostTokenHash: string;
  code: string;
}

/**
 * Where the match stands for whoever holds `token` (the host token or a pass
 * valid now), or null when it opens nothing here: an unknown, revoked or
 * other match's credential learns nothing, not even that the match exists.
 */
export function standingFor(
  facts: StandingFacts,
  token: string,
  now = Date.now(),
): LiveStanding | null {
  if (facts.stage === 'ended') return null;
  const host = tokenMatches(token, facts.hostTokenHash);
  const seat = facts.seating.seatOfPass(token);
  if (!host && seat === null) return null;
  const { match, stage, clock } = facts;
  const playing = stage === 'playing';
  const notDone = match.seats.filter((s) => !match.drafts[s]?.done);
  const counting = playing && clock.running && !clock.paused;
  return {
    id: facts.id,
    scenario: match.scenarioId,
    stage,
    round: match.round,
    rounds: match.settings.rounds,
    phase: match.phase,
    endsAt: counting ? now + clock.remainingMs : null,
    paused: playing && clock.paused,
    role: host ? 'host' : 'player',
    seat,
    waitingOnMe: playing && seat !== null && notDone.includes(seat),
    seatsNotDone: playing ? notDone.length : 0,
    code: facts.code,
  };
}
