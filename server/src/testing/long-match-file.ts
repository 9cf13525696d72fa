import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  RULES_VERSION,
  type SettingsInput,
  stateHash,
} from '@entanglement/shared';
import type { MatchFile } from '../store/types.ts';

/**
 * A match file of `toggles` legal commands (a seat marking itself done and
 * not done in the first phase, over and over: about 66 bytes each, as in
 * the 4.6 MB attack of issue 13), then the advance that ends that phase.
 * Every command is applied by the engine here, so the file replays exactly.
 */
export function longMatchFile(
  scenarioId: string,
  settings: SettingsInput,
  toggles: number,
): MatchFile {
  const scenario = getScenario(scenarioId);
  const seed = 'long-file';
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const seat = state.seats[0]!;
  const commands: Command[] = [];
  const apply = (command: Command) => {
    const result = applyCommand(scenario, state, command);
    if (!result.ok) throw new Error(`not legal: ${result.error}`);
    commands.push(command);
  };
  for (let i = 0; i < toggles; i++)
    apply({ kind: 'done', seat, round: state.round, phase: state.phase, done: i % 2 === 0 });
  const ended = { round: state.round, phase: state.phase };
  apply({ kind: 'advance', ...ended });
  return {
    format: 'entanglement-match',
    version: 1,
    id: 'long-file',
    scenarioId,
    rulesVersion: RULES_VERSION,
    seed,
    settings,
    seats: state.seats.map((s) => ({ seat: s, nickname: 'Bot', kind: 'bot' as const })),
    commands,
    chat: [],
    phaseHashes: [{ ...ended, hash: stateHash(state) }],
    createdAt: 1,
    finishedAt: 2,
    winner: null,
    rounds: 1,
  } as MatchFile;
}
