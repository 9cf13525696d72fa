import { applyCommand } from '../apply.ts';
import type { Command } from '../commands/schema.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent } from '../events/types.ts';
import { seedToState } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { randomCandidates } from './random.ts';

export interface PlayedGame {
  state: MatchState;
  /** Every accepted command, in order: the match's log. */
  log: Command[];
  events: EngineEvent[];
}

/** Most commands a seat issues in one phase before the driver moves on (a guard, not a rule). */
const MAX_COMMANDS_PER_PHASE = 12;

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
    for (const seat of deciding ? state.seats : []) {
      for (let i = 0; i < MAX_COMMANDS_PER_PHASE; i++) {
        const accepted = randomCandidates(scenario, state, seat, rng).find(tryRun);
        if (!accepted || accepted.kind === 'done') break;
      }
    }
    run({ kind: 'advance', round: state.round, phase: state.phase });
  }
  return { state, log, events };
}
