import { applyCommand } from '../apply.ts';
import { type Command, closesPhase } from '../commands/schema.ts';
import { getScenario } from '../content/index.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent } from '../events/types.ts';
import { cloneState, scenarioHash, stateHash } from '../hash.ts';
import { RULES_VERSION } from '../rules.ts';
import { unsupportedRulesVersion } from '../rules-version.ts';
import { parseScenario } from '../scenario/load.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { type SeatView, viewFor } from '../view.ts';
import type { Phase } from '../vocabulary.ts';
import { ReplayError } from './errors.ts';
import { type ActorTracks, sampleTracks } from './sample.ts';

/** The state hash stored at the end of a phase (the archive's `phaseHashes`). */
export interface StoredPhaseHash {
  round: number;
  phase: string;
  hash: string;
}

/** What a replay is built from: the engine's part of a match file. */
export interface ReplayInput {
  scenarioId: string;
  /** `scenarioHash` of the content it was played on (files from before it was recorded have none). */
  scenarioHash?: string | undefined;
  /**
   * The scenario content the match was played on, as the file embeds it
   * (unvalidated JSON): replayed on instead of the shipped scenario, so a
   * later edit of the shipped data does not change an old file's replay.
   */
  scenario?: unknown;
  rulesVersion: number;
  seed: string;
  /** The settings given to `createMatch`. */
  settings: unknown;
  /** The command log, in order. */
  log: readonly Command[];
  /** `stateHash` after each phase's closing `advance`, in the order played. */
  phaseHashes: readonly StoredPhaseHash[];
}

export interface ReplayOptions {
  /** A snapshot of the state is kept at the start of every this many phases (default 2). */
  checkpointEvery?: number;
  /** Also compute `stateHash` after every command (what a store's log keeps); default false. */
  stepHashes?: boolean;
}

/**
 * One phase as the players lived it. The moment shown for the entry is the
 * end of the phase, just before its closing `advance`: the last state the
 * players saw in it (its `round` and `phase` are the entry's). The last entry
 * is the state the match ended in (phase 'ended', or the phase a host cut
 * short) and has no closing advance and no stored hash.
 */
export interface TimelineEntry {
  index: number;
  round: number;
  phase: Phase;
  /** Commands applied when the phase began (`state.step`). */
  startStep: number;
  /** Commands applied at the moment shown (before the closing advance). */
  endStep: number;
  /** The stored hash checked after the closing advance; null for the last entry. */
  hash: string | null;
  /** Global tension at the moment shown. */
  tension: number;
}

/** An engine event with where it happened on the timeline. */
export interface ReplayEvent {
  /** The timeline entry where it is first seen: `startStep <= step <= endStep`. */
  entry: number;
  /** Commands applied once the event had happened (0: created with the match). */
  step: number;
  event: EngineEvent;
}

export interface Replay {
  readonly scenario: Scenario;
  readonly timeline: readonly TimelineEntry[];
  /** Every event of the match in order, including private ones (the match is over). */
  readonly events: readonly ReplayEvent[];
  /** The log's length: `stateAtStep` accepts 0 to this. */
  readonly steps: number;
  /** `stateHash` after each command (index 0: after command 1), when asked for. */
  readonly stepHashes: readonly string[] | null;
  /** The state at timeline entry `index` (a fresh copy the caller may keep). */
  stateAt(index: number): MatchState;
  /** What `seat` (null: the view from above, a spectator's) could see at entry `index`. */
  viewAt(index: number, seat: string | null): SeatView;
  /** The state after the first `step` commands of the log. */
  stateAtStep(step: number): MatchState;
  /** The events first seen at entry `index` (those of its steps). */
  eventsAt(index: number): ReplayEvent[];
  /** Every actor's tracks at entry `index` (recorded while building: no seek). */
  tracksAt(index: number): Record<string, ActorTracks>;
  /** The state the match ended in. */
  finalState(): MatchState;
}

/**
 * Replays a match through the engine and checks it against its stored phase
 * hashes, hash for hash, under the rules version the file names (every
 * version from OLDEST_RULES_VERSION to RULES_VERSION). Throws a `ReplayError`
 * naming the first problem: a rules version this engine does not play, an unknown scenario or one whose
 * content is not the one the match was played on, settings the
 * engine refuses, a command it refuses, or a phase whose hash differs.
 * Snapshots taken on the way make a later seek to any moment cheap.
 */
export function openReplay(input: ReplayInput, options: ReplayOptions = {}): Replay {
  const versionError = unsupportedRulesVersion(input.rulesVersion);
  if (versionError) {
    const v = input.rulesVersion;
    const code =
      !Number.isInteger(v) || v < 1
        ? 'rulesVersion'
        : v > RULES_VERSION
          ? 'rulesVersionNewer'
          : 'rulesVersionRetired';
    throw new ReplayError(
      code,
      `This match was played under ${versionError} It cannot be replayed exactly, so it is refused.`,
    );
  }
  const scenario = scenarioOf(input);
  let created: ReturnType<typeof createMatch>;
  try {
    created = createMatch(
      scenario,
      input.settings as SettingsInput,
      input.seed,
      input.rulesVersion,
    );
  } catch (err) {
    // Settings of the wrong shape may throw rather than be refused: the same answer either way.
    created = { ok: false, error: (err as Error).message };
  }
  if (!created.ok)
    throw new ReplayError('settings', `The match settings are refused: ${created.error}`);
  return build(scenario, created.state, created.events, input, options);
}

/**
 * The content to replay on: the file's own when it embeds it (validated and
 * checked against its recorded hash), else the shipped scenario, which must
 * then be the content the match was played on.
 */
function scenarioOf(input: ReplayInput): Scenario {
  if (input.scenario !== undefined) {
    const parsed = parseScenario(input.scenario, "the match file's scenario");
    if (!parsed.ok) throw new ReplayError('scenario', parsed.message);
    const embedded = parsed.scenario;
    if (embedded.id !== input.scenarioId) {
      throw new ReplayError(
        'scenario',
        `The file's scenario content is "${embedded.id}", not "${input.scenarioId}" as it says.`,
      );
    }
    const hash = scenarioHash(embedded);
    if (input.scenarioHash !== undefined && input.scenarioHash !== hash) {
      throw new ReplayError(
        'scenarioChanged',
        `The file's scenario content (hash ${hash}) is not the content it says the match was ` +
          `played on (hash ${input.scenarioHash}): the file was altered, so it is refused.`,
      );
    }
    return embedded;
  }
  let scenario: Scenario;
  try {
    scenario = getScenario(input.scenarioId);
  } catch (err) {
    throw new ReplayError('scenario', (err as Error).message);
  }
  if (input.scenarioHash !== undefined && input.scenarioHash !== scenarioHash(scenario)) {
    throw new ReplayError(
      'scenarioChanged',
      `This match was played on other content of the scenario "${input.scenarioId}" (content ` +
        `hash ${input.scenarioHash}; this engine's is ${scenarioHash(scenario)}) and the file ` +
        'does not carry that content: its replay would differ, so it is refused.',
    );
  }
  return scenario;
}

interface Checkpoint {
  step: number;
  state: MatchState;
}

function build(
  scenario: Scenario,
  state: MatchState,
  initialEvents: EngineEvent[],
  input: ReplayInput,
  options: ReplayOptions,
): Replay {
  const every = Math.max(1, Math.floor(options.checkpointEvery ?? 2));
  const checkpoints: Checkpoint[] = [{ step: 0, state: cloneState(state) }];
  const timeline: TimelineEntry[] = [];
  const samples: Record<string, ActorTracks>[] = [];
  const pending: { step: number; event: EngineEvent }[] = initialEvents.map((event) => ({
    step: 0,
    event,
  }));
  const stepHashes: string[] | null = options.stepHashes ? [] : null;
  let startStep = 0;

  // Closes the phase the state is in: records it as the next timeline entry.
  const closeEntry = (hash: string | null) => {
    timeline.push({
      index: timeline.length,
      round: state.round,
      phase: state.phase,
      startStep,
      endStep: state.step,
      hash,
      tension: state.tension,
    });
    samples.push(sampleTracks(state));
  };

  input.log.forEach((command, i) => {
    const seq = i + 1;
    const { round, phase } = state;
    const isAdvance = closesPhase(command);
    let stored: StoredPhaseHash | undefined;
    if (isAdvance) {
      stored = input.phaseHashes[timeline.length];
      if (!stored) {
        throw new ReplayError(
          'phaseCount',
          `Round ${round}, phase ${phase} ends (command ${seq}) but no phase hash is stored for ` +
            `it: the file has ${input.phaseHashes.length} phase hashes.`,
          { round, phase, command: seq },
        );
      }
      closeEntry(stored.hash);
    }
    let result: ReturnType<typeof applyCommand>;
    try {
      result = applyCommand(scenario, state, command);
    } catch (err) {
      result = { ok: false, error: (err as Error).message };
    }
    if (!result.ok) {
      throw new ReplayError(
        'refused',
        `Command ${seq} (round ${round}, phase ${phase}) is refused by the engine: ${result.error}`,
        { round, phase, command: seq },
      );
    }
    for (const event of result.events) pending.push({ step: seq, event });
    if (stepHashes) stepHashes.push(stateHash(state));
    if (stored) {
      const hash = stepHashes ? stepHashes.at(-1)! : stateHash(state);
      if (stored.round !== round || stored.phase !== phase || stored.hash !== hash) {
        throw new ReplayError(
          'hashMismatch',
          `The replay differs from the file at the end of round ${round}, phase ${phase} ` +
            `(command ${seq}): the file says round ${stored.round}, phase ${stored.phase}, hash ` +
            `${stored.hash}; the engine gives ${hash}. The file was altered or is corrupt.`,
          { round, phase, command: seq },
        );
      }
      startStep = state.step;
      if (timeline.length % every === 0)
        checkpoints.push({ step: state.step, state: cloneState(state) });
    }
  });
  if (input.phaseHashes.length !== timeline.length) {
    const extra = input.phaseHashes[timeline.length]!;
    throw new ReplayError(
      'phaseCount',
      `The file stores ${input.phaseHashes.length} phase hashes but its log ends only ` +
        `${timeline.length} phases; round ${extra.round}, phase ${extra.phase} was never played.`,
      { round: extra.round, phase: extra.phase },
    );
  }
  closeEntry(null);
  const final = cloneState(state);
  const events = placeEvents(timeline, pending);
  const steps = input.log.length;

  const stateAtStep = (step: number): MatchState => {
    if (!Number.isInteger(step) || step < 0 || step > steps)
      throw new RangeError(`step must be a whole number from 0 to ${steps}, not ${step}.`);
    if (step === steps) return cloneState(final);
    let from = checkpoints[0]!;
    for (const c of checkpoints) if (c.step <= step) from = c;
    const s = cloneState(from.state);
    // Every command here was accepted while building, so it is accepted again.
    for (let k = from.step; k < step; k++) applyCommand(scenario, s, input.log[k]!);
    return s;
  };
  const entry = (index: number): TimelineEntry => {
    const e = timeline[index];
    if (!e) {
      throw new RangeError(
        `index must be a whole number from 0 to ${timeline.length - 1}, not ${index}.`,
      );
    }
    return e;
  };

  return {
    scenario,
    timeline,
    events,
    steps,
    stepHashes,
    stateAt: (index) => stateAtStep(entry(index).endStep),
    viewAt: (index, seat) => viewFor(stateAtStep(entry(index).endStep), seat),
    stateAtStep,
    eventsAt: (index) => {
      entry(index);
      return events.filter((e) => e.entry === index);
    },
    tracksAt: (index) => {
      entry(index);
      return samples[index]!;
    },
    finalState: () => cloneState(final),
  };
}

/**
 * Gives each event the timeline entry where the players first saw it: the one
 * whose steps include the command that caused it (a phase's closing advance
 * belongs to the next entry, whose state it made). This is the round's account
 * of that moment; stamps alone would not do, as the last round's resolution is
 * played out within the advance that ends the match.
 */
function placeEvents(
  timeline: readonly TimelineEntry[],
  pending: readonly { step: number; event: EngineEvent }[],
): ReplayEvent[] {
  let entry = 0;
  return pending.map(({ step, event }) => {
    while (timeline[entry]!.endStep < step) entry++;
    return { entry, step, event };
  });
}
