import type {
  AwayRule,
  BotLevel,
  ForkOrigin,
  LobbyMessage,
  MatchStage,
  MatchState,
  PersonInfo,
  PhaseTimers,
  Scenario,
  SeatSpan,
  TimerMessage,
} from '@entanglement/shared';
import type { PhaseClock } from './phase-clock.ts';
import type { Seating } from './seating.ts';

/** What the `lobby` message is made of. */
export interface LobbyParts {
  code: string;
  stage: MatchStage;
  scenario: Scenario;
  match: MatchState;
  timers: PhaseTimers;
  botLevel: BotLevel;
  seating: Seating;
  bots: ReadonlySet<string>;
  /** People's seats with nobody connected, played by a stand-in bot meanwhile. */
  away: ReadonlySet<string>;
  awayRule: AwayRule;
  isMuted: (person: string) => boolean;
  hostSession: string | null;
  endedBy: 'host' | null;
  seatHistory: SeatSpan[];
  fork?: ForkOrigin | undefined;
}

/** Who is where: every seat in play with its people (or bot), the spectators, the host. */
export function lobbyMessage(p: LobbyParts): LobbyMessage {
  const people = (seat: string | null): PersonInfo[] =>
    p.seating.holders(seat).map((person) => ({ ...person, muted: p.isMuted(person.id) }));
  return {
    code: p.code,
    stage: p.stage,
    scenario: p.scenario.id,
    rounds: p.match.settings.rounds,
    pace: p.match.settings.pace,
    timers: p.timers,
    botLevel: p.botLevel,
    seats: p.match.seats.map((seat) => ({
      seat,
      name: p.scenario.actors.find((a) => a.id === seat)?.name ?? seat,
      people: people(seat),
      bot: p.bots.has(seat),
      away: p.away.has(seat),
    })),
    awayRule: p.awayRule,
    spectators: people(null),
    host: p.hostSession ? p.seating.nickname(p.hostSession) : null,
    seatingLocked: p.seating.locked,
    endedBy: p.endedBy,
    seatHistory: p.seatHistory,
    ...(p.fork ? { fork: p.fork } : {}),
  };
}

/** The phase and the time left in it (0 outside play). */
export function timerMessage(
  match: MatchState,
  stage: MatchStage,
  clock: PhaseClock,
  extensions: { left: number; capSeconds: number },
  now = Date.now(),
): TimerMessage {
  const remainingMs = stage === 'playing' ? clock.remainingMs : 0;
  const counting = stage === 'playing' && clock.running && !clock.paused;
  return {
    round: match.round,
    phase: match.phase,
    remainingMs,
    paused: clock.paused,
    endsAt: counting ? now + remainingMs : null,
    extensionsLeft: extensions.left,
    extensionCapSeconds: extensions.capSeconds,
  };
}
