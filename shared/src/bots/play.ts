import { applyCommand } from '../apply.ts';
import type { Command } from '../commands/schema.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent } from '../events/types.ts';
import { seedToState } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { playRandomPhase } from './random.ts';

export interface PlayedGame {
  state: MatchState;
  /** Every accepted command, in order: the match's log. */
  log: Command[];
  events: EngineEvent[];
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
  options: { keepEvents?: boolean; onStep?: (state: MatchState, cmd: Command) => void } = {},
): PlayedGame {
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const log: Command[] = [];
  const events: EngineEvent[] = options.keepEvents ? [...created.events] : [];
  const rng = { rng: seedToState(`bots:${botSeed}`) };
  const tryRun = (cmd: Command): boolean => {
    const result = applyCommand(scenario, state, cmd);
    if (!result.ok) return false;
    log.push(cmd);
    if (options.keepEvents) events.push(...result.events);
    options.onStep?.(state, cmd);
    return true;
  };
  const run = (cmd: Command) => {
    if (!tryRun(cmd)) throw new Error(`The driver's command was refused: ${JSON.stringify(cmd)}`);
  };
  let guard = 0;
  while (state.phase !== 'ended') {
    if (++guard > 1000) throw new Error('The match did not end');
    // Briefing and results need no decisions: the driver moves on as a timer would.
    const deciding = state.phase !== 'news' && state.phase !== 'resolution';
    for (const seat of deciding ? state.seats : [])
      playRandomPhase(scenario, state, seat, rng, tryRun);
    run({ kind: 'advance', round: state.round, phase: state.phase });
  }
  return { state, log, events };
}
