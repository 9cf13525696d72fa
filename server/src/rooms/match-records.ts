import { type MatchState, type Scenario, scoreMatch, stateHash } from '@entanglement/shared';
import type { ClockRecord, FinishRecord, PhaseHash, SeatRecord } from '../store/types.ts';
import type { PhaseClock } from './phase-clock.ts';
import type { Seating } from './seating.ts';

/**
 * Who plays `seat` now as the store keeps it: its passes' hashes, the
 * nicknames of its people (the last ones known when nobody holds it) or
 * "Bot". Null when there is nothing to store yet (an empty seat in the lobby).
 */
export function seatRecord(
  seat: string,
  bot: boolean,
  seating: Seating,
  lastNames: Map<string, string>,
  botLevel?: string,
): SeatRecord | null {
  const names = seating.holders(seat).map((p) => p.nickname);
  const nickname = bot ? 'Bot' : names.length > 0 ? names.join(' & ') : lastNames.get(seat);
  if (nickname === undefined) return null;
  lastNames.set(seat, nickname);
  return {
    seat,
    tokenHash: null,
    passHashes: bot ? [] : seating.passHashes(seat),
    nickname,
    kind: bot ? 'bot' : 'human',
    ...(bot && botLevel ? { botLevel } : {}),
  };
}

/** The phase clock as stored: when a running phase ends, or the time left of a paused one. */
export function clockRecord(match: MatchState, clock: PhaseClock, now = Date.now()): ClockRecord {
  const { round, phase } = match;
  const left = clock.remainingMs;
  return clock.paused
    ? { round, phase, paused: true, remainingMs: left }
    : { round, phase, paused: false, phaseEndsAt: now + left };
}

/**
 * The result as archived: the winner is the seat `scoreMatch` ranks first,
 * none when the host ended the match before the engine did (then the state
 * hash where it stopped is added to the phase hashes).
 */
export function finishRecord(
  scenario: Scenario,
  match: MatchState,
  phaseHashes: readonly PhaseHash[],
  now = Date.now(),
): FinishRecord {
  const ended = match.phase === 'ended';
  const hashes = [...phaseHashes];
  if (!ended) hashes.push({ round: match.round, phase: match.phase, hash: stateHash(match) });
  return {
    finishedAt: now,
    winner: ended ? (scoreMatch(scenario, match)[0]?.seat ?? null) : null,
    rounds: Math.min(match.round, match.settings.rounds),
    phaseHashes: hashes,
  };
}
