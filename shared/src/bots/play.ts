import { applyCommand } from '../apply.ts';
import type { Command, SeatCommand } from '../commands/schema.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent } from '../events/types.ts';
import { type RngHolder, seedToState } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { playRandomPhase } from './random.ts';

export interface PlayedGame {
  state: MatchState;
  /** Every accepted command, in order: the match's log. */
  log: Command[];
  events: EngineEvent[];
}

export interface DriveOptions {
  keepEvents?: boolean;
  onStep?: (state: MatchState, cmd: Command) => void;
  /** Called before each command is applied, with the state it meets (read it, never change it). */
  beforeStep?: (state: MatchState, cmd: Command) => void;
  /** Called with every seat command the engine refused. */
  onRefused?: (cmd: SeatCommand, error: string) => void;
}

/**
 * Plays a whole match: in every phase that takes decisions `playPhase` plays
 * the seats through `tryRun` (applies a command if legal and says whether
 * it did), then the phase advances as a timer would. Briefing and results
 * need no decisions. The bots' generator is seeded from `botSeed`.
 */
export function driveGame(
  scenario: Scenario,
  settings: SettingsInput,
  seed: string,
  botSeed: string,
  options: DriveOptions,
  playPhase: (state: MatchState, rng: RngHolder, tryRun: (cmd: Command) => boolean) => void,
): PlayedGame {
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  return driveFrom(scenario, created.state, botSeed, options, playPhase, created.events);
}

/**
 * Plays a match on from `state` (changed in place) to its end, as
 * driveGame does from the start: a fork's bots playing the rest of it.
 */
export function driveFrom(
  scenario: Scenario,
  state: MatchState,
  botSeed: string,
  options: DriveOptions,
  playPhase: (state: MatchState, rng: RngHolder, tryRun: (cmd: Command) => boolean) => void,
  initialEvents: readonly EngineEvent[] = [],
): PlayedGame {
  const log: Command[] = [];
  const events: EngineEvent[] = options.keepEvents ? [...initialEvents] : [];
  const rng = { rng: seedToState(`bots:${botSeed}`) };
  const tryRun = (cmd: Command): boolean => {
    options.beforeStep?.(state, cmd);
    const result = applyCommand(scenario, state, cmd);
    if (!result.ok) {
      if ('seat' in cmd) options.onRefused?.(cmd, result.error);
      return false;
    }
    log.push(cmd);
    if (options.keepEvents) events.push(...result.events);
    options.onStep?.(state, cmd);
    return true;
  };
  let guard = 0;
  while (state.phase !== 'ended') {
    if (++guard > 1000) throw new Error('The match did not end');
    if (state.phase !== 'news' && state.phase !== 'resolution') playPhase(state, rng, tryRun);
    const advance = { kind: 'advance', round: state.round, phase: state.phase } as const;
    if (!tryRun(advance))
      throw new Error(`The driver's command was refused: ${JSON.stringify(advance)}`);
  }
  return { state, log, events };
}

/**
 * Plays a whole match with the random-legal policy for every seat, advancing
 * each phase once every seat is done. Deterministic in (scenario, settings,
 * seed, botSeed).
 */
export function playRandomGame(
  scenario: Scenario,
  settings: SettingsInput,
  seed: string,
  botSeed = seed,
  options: DriveOptions = {},
): PlayedGame {
  return driveGame(scenario, settings, seed, botSeed, options, (state, rng, tryRun) => {
    for (const seat of state.seats) playRandomPhase(scenario, state, seat, rng, tryRun);
  });
}
