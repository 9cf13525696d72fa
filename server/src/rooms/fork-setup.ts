import { type BotLevel, getScenario, type PhaseTimers, stateHash } from '@entanglement/shared';
import type { ForkStart } from '../archive/fork-start.ts';
import type { SettingsInput } from './match-play.ts';
import { type MatchSetup, roomDefaults } from './match-setup.ts';

/** A fork's room: its start (computed by the archive's worker) and the host's lobby settings. */
export interface ForkLaunch {
  start: ForkStart;
  timers?: Partial<PhaseTimers> | undefined;
  botLevel?: BotLevel | undefined;
}

/**
 * The match a fork's room starts from: the state the worker reached, with
 * the fork's log so far (stored before anyone joins, so a restart replays
 * it like any match's) and the original's phase hashes up to the moment.
 * Throws if the state is not the one its log's last hash names.
 */
export function forkSetup({ start, timers, botLevel }: ForkLaunch): MatchSetup {
  const scenario = getScenario(start.scenarioId);
  const at = Date.now();
  const log = start.log.map((entry, i) => ({ seq: i + 1, ...entry, at }));
  const last = log.at(-1);
  if (start.state.step !== log.length || (last && stateHash(start.state) !== last.stateHash))
    throw new Error('the fork state is not the one its log gives');
  return {
    scenario,
    settings: start.settings as SettingsInput,
    seed: start.seed,
    match: start.state,
    phaseHashes: start.phaseHashes,
    log,
    fork: start.origin,
    ...roomDefaults({ timers, botLevel }),
  };
}
