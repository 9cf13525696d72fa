import {
  applyCommand,
  type Command,
  closesPhase,
  createMatch,
  type MatchState,
  type Scenario,
  stateHash,
} from '@entanglement/shared';
import type { CommandEntry, PhaseHash } from '../store/types.ts';

type SettingsInput = Parameters<typeof createMatch>[1];

/**
 * Rebuilds a match from its stored log through the engine: every command
 * must be accepted and give the stored step and state hash, or this throws
 * naming the first command that differs. Also returns the state hash at the
 * end of every phase played (what the archive keeps).
 */
export function replayLog(
  scenario: Scenario,
  settings: SettingsInput,
  seed: string,
  log: readonly CommandEntry[],
  rulesVersion?: number,
): { match: MatchState; phaseHashes: PhaseHash[] } {
  const created = createMatch(scenario, settings, seed, rulesVersion);
  if (!created.ok) throw new Error(created.error);
  const match = created.state;
  const phaseHashes: PhaseHash[] = [];
  for (const entry of log) {
    const { round, phase } = match;
    const command = entry.command as Command;
    const result = applyCommand(scenario, match, command);
    if (!result.ok) throw new Error(`command ${entry.seq} is refused on replay: ${result.error}`);
    const hash = stateHash(match);
    if (match.step !== entry.seq || hash !== entry.stateHash)
      throw new Error(`the replay differs from the stored log at command ${entry.seq}`);
    if (closesPhase(command)) phaseHashes.push({ round, phase, hash });
  }
  return { match, phaseHashes };
}

/**
 * The match this process's own log gives, after the engine threw half-way
 * through a command: the log replayed without hashing each step (a long
 * match replays in milliseconds, not seconds), checked against the step and
 * hash recorded for its last command. Throws if they differ.
 */
export function rebuildMatch(
  scenario: Scenario,
  settings: SettingsInput,
  seed: string,
  log: readonly CommandEntry[],
  rulesVersion?: number,
): MatchState {
  const created = createMatch(scenario, settings, seed, rulesVersion);
  if (!created.ok) throw new Error(created.error);
  const match = created.state;
  for (const entry of log) {
    const result = applyCommand(scenario, match, entry.command as Command);
    if (!result.ok) throw new Error(`command ${entry.seq} is refused on replay: ${result.error}`);
  }
  const last = log.at(-1);
  if (last && (match.step !== last.seq || stateHash(match) !== last.stateHash))
    throw new Error(`the replay differs from the log at its last command (${last.seq})`);
  return match;
}
