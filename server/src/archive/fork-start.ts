import {
  applyCommand,
  type Command,
  closesPhase,
  type ForkChange,
  type ForkOrigin,
  getScenario,
  type MatchState,
  openReplay,
  planFork,
  ReplayError,
  scenarioHash,
  stateHash,
} from '@entanglement/shared';
import type { MatchFile, PhaseHash } from '../store/types.ts';

/**
 * What a fork's room starts from, computed in the archive's worker thread
 * from the finished match the server holds (never from a client's log): the
 * original's settings and seed, the fork's log so far with the state hash
 * after every command (as the store keeps them), the phase hashes of the
 * phases it closed, the state it reached, and where it came from.
 */
export interface ForkStart {
  scenarioId: string;
  rulesVersion: number;
  seed: string;
  settings: unknown;
  log: { command: Command; stateHash: string }[];
  phaseHashes: PhaseHash[];
  state: MatchState;
  origin: ForkOrigin;
}

export type ForkStartResult =
  | { ok: true; start: ForkStart }
  | { ok: false; status: 409 | 422; error: string };

/**
 * The fork of finished match `file` at `request`: the file is replayed
 * against its stored hashes (refused if it does not replay), then the fork
 * planned (refused when the engine refuses a changed decision) and its log
 * hashed step by step. A match played on scenario content other than the
 * shipped one is refused: the live fork, and its restore after a restart,
 * run on the shipped scenario.
 */
export function forkStart(
  file: MatchFile,
  request: { entry: number; reseed: string | null; change?: ForkChange | undefined },
): ForkStartResult {
  const shipped = getScenario(file.scenarioId);
  if (file.scenarioHash !== undefined && file.scenarioHash !== scenarioHash(shipped))
    return {
      ok: false,
      status: 409,
      error: `This match was played on other content of the scenario "${file.scenarioId}" than this server plays: it cannot be forked here.`,
    };
  const log = file.commands as Command[];
  let replay: ReturnType<typeof openReplay>;
  try {
    replay = openReplay({ ...file, log }, { stepHashes: true });
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    return { ok: false, status: 409, error: err.message };
  }
  const planned = planFork(replay, log, request);
  if (!planned.ok) return { ok: false, status: 422, error: planned.error };
  const { plan } = planned;
  const entry = replay.timeline[plan.origin.entry]!;
  // The original's commands before the phase keep the hashes the replay computed; the rest are new.
  const kept = replay.stepHashes!.slice(0, entry.startStep);
  const state = replay.stateAtStep(entry.startStep);
  const hashes = [...kept];
  for (const command of plan.commands.slice(entry.startStep)) {
    applyCommand(replay.scenario, state, command);
    hashes.push(stateHash(state));
  }
  const phaseHashes: PhaseHash[] = file.phaseHashes.slice(0, entry.index);
  // A phase the fork closed itself would come after the moment: there is none before it starts.
  if (plan.commands.slice(entry.startStep).some(closesPhase))
    throw new Error('a fork closes no phase before it goes live');
  return {
    ok: true,
    start: {
      scenarioId: file.scenarioId,
      rulesVersion: file.rulesVersion,
      seed: file.seed,
      settings: file.settings,
      log: plan.commands.map((command, i) => ({ command, stateHash: hashes[i]! })),
      phaseHashes,
      state: plan.state,
      origin: { from: file.id, ...plan.origin },
    },
  };
}
