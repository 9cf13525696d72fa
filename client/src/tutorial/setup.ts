import { type CreateMatchOptions, getScenario } from '@entanglement/shared';
import { MatchConnection, type MatchSnapshot } from '../net/match-connection.ts';

/** The scenario the tutorial plays, and the seat the learner takes (the one the crisis entraps). */
export const TUTORIAL_SCENARIO = 'tutorial-1950';
export const TUTORIAL_SEAT = 'china';

/**
 * Two hours a phase: a learner reads at their own speed and no timer ends a
 * step in one sitting, yet a tutorial left open is not kept for days (a
 * deserted match lives twice its longest phase, docs/server.md).
 */
const LONGEST = 2 * 3600;

/**
 * The match the tutorial creates: the scenario's required seats only (the
 * learner's and one bot), the quick pace (three phases a round) and every
 * phase two hours long, so only the learner's Done ends one.
 */
export function tutorialOptions(nickname: string): CreateMatchOptions {
  const scenario = getScenario(TUTORIAL_SCENARIO);
  return {
    scenario: scenario.id,
    nickname,
    rounds: scenario.rounds.default,
    pace: 'quick',
    seats: [...scenario.seats.required],
    timers: {
      news: LONGEST,
      diplomacy: LONGEST,
      responses: LONGEST,
      calls: LONGEST,
      resolution: LONGEST,
    },
    preset: 'standard',
    botLevel: 'normal',
  };
}

/** Resolves with the first snapshot that `ready` accepts; rejects on a refusal or a closed connection. */
function until(
  connection: MatchConnection,
  ready: (s: MatchSnapshot) => boolean,
  refusedType: string,
): Promise<MatchSnapshot> {
  const before = connection.current.lastError;
  return new Promise((resolve, reject) => {
    let stop: (() => void) | null = null;
    let settled = false;
    const finish = (fn: () => void) => {
      settled = true;
      fn();
      stop?.();
    };
    stop = connection.subscribe((s) => {
      if (settled) return;
      if (ready(s)) return finish(() => resolve(s));
      if (s.lastError && s.lastError !== before && s.lastError.type === refusedType)
        return finish(() => reject(new Error(s.lastError!.reason)));
      if (s.status === 'closed')
        return finish(() => reject(new Error(s.closedReason ?? 'The connection closed.')));
    });
    if (settled) stop();
  });
}

/**
 * Creates the tutorial match and starts it: the learner becomes its host,
 * takes China's seat and starts at once, so bots play every other seat.
 */
export async function startTutorial(nickname: string): Promise<MatchConnection> {
  const connection = await MatchConnection.create(tutorialOptions(nickname));
  await until(connection, (s) => s.lobby !== null, 'claimSeat');
  connection.claimSeat(TUTORIAL_SEAT);
  await until(connection, (s) => s.seat === TUTORIAL_SEAT, 'claimSeat');
  connection.host({ action: 'start' });
  await until(connection, (s) => s.lobby !== null && s.lobby.stage !== 'lobby', 'host');
  return connection;
}
