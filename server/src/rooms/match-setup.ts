import { ErrorCode, ServerError } from '@colyseus/core';
import {
  type AwayRule,
  AwayRuleSchema,
  type BotLevel,
  CreateMatchSchema,
  createMatch,
  DEFAULT_TIMERS,
  defaultAwayRule,
  type ForkOrigin,
  getScenario,
  type MatchState,
  type PhaseTimers,
  type Scenario,
  scenarioHash,
  unsupportedRulesVersion,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import type { CommandEntry, MatchRecord, PhaseHash } from '../store/types.ts';
import type { SettingsInput } from './match-play.ts';
import { replayLog } from './replay-log.ts';
import type { RestorePlan } from './restore.ts';

/** What a room's match starts from: a new match, or one rebuilt from the store. */
export interface MatchSetup {
  scenario: Scenario;
  settings: SettingsInput;
  seed: string;
  match: MatchState;
  botLevel: BotLevel;
  timers: PhaseTimers;
  /** The away rule (rooms/away-seats.ts). */
  away: AwayRule;
  /** The state hash at the end of every phase already played (none for a new match). */
  phaseHashes: PhaseHash[];
  /** The stored commands `match` was replayed from (none for a new match). */
  log: CommandEntry[];
  /** Where a fork came from (none for other matches). */
  fork?: ForkOrigin;
}

/**
 * The room's own settings, which the engine does not know
 * (`MatchRecord.roomSettings`), and the content hash of the scenario the
 * match was created on, which its match file carries (none for matches
 * stored before it was kept).
 */
export interface RoomSettings {
  timers?: Partial<PhaseTimers>;
  botLevel?: BotLevel;
  /** Absent in matches stored before the rule: the default for their timers. */
  away?: AwayRule;
  scenarioHash?: string;
  /** A rematch's: the finished match it follows (its lobby waits days for its people). */
  rematchOf?: string;
  /** A fork's origin, named in its match file and archive entry. */
  fork?: ForkOrigin;
}

/** Colyseus's code for an error in onCreate, as the matchmaker gave every refusal before. */
function refused(reason: string): ServerError {
  return new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, reason);
}

/**
 * A new match from the creator's options; throws naming the first option
 * refused, as a ServerError: a refusal, which Colyseus answers without
 * logging a stack trace.
 */
export function newMatchSetup(options: unknown): MatchSetup {
  const parsed = CreateMatchSchema.safeParse(options);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw refused(`Cannot create the match: ${issue.path.join('.')}: ${issue.message}`);
  }
  const { scenario: scenarioId, rounds, pace, seats, timers, preset, botLevel, away } = parsed.data;
  let scenario: Scenario;
  try {
    scenario = getScenario(scenarioId);
  } catch (error) {
    throw refused(`Cannot create the match: ${(error as Error).message}`);
  }
  const settings = { rounds, pace, seats, preset };
  const seed = nanoid();
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw refused(created.error);
  return {
    scenario,
    settings,
    seed,
    match: created.state,
    phaseHashes: [],
    log: [],
    ...roomDefaults({ botLevel, timers, away }),
  };
}

/**
 * The match a restarted server rebuilds: the stored log replayed through the
 * engine (every step must give the stored hash, or this throws), run with
 * the room settings it was created with.
 */
export function restoredSetup({ record, log }: RestorePlan): MatchSetup {
  // A match started before an upgrade goes on under the rules it started with.
  const versionProblem = unsupportedRulesVersion(record.rulesVersion);
  if (versionProblem) throw new Error(versionProblem);
  const scenario = getScenario(record.scenarioId);
  const room = (record.roomSettings ?? {}) as RoomSettings;
  if (room.scenarioHash !== undefined && room.scenarioHash !== scenarioHash(scenario))
    throw new Error(`its scenario "${record.scenarioId}" has other content than it was created on`);
  const settings = record.settings as SettingsInput;
  const replayed = replayLog(scenario, settings, record.seed, log, record.rulesVersion);
  return {
    scenario,
    settings,
    seed: record.seed,
    ...replayed,
    log,
    ...(room.fork ? { fork: room.fork } : {}),
    ...roomDefaults(room),
  };
}

/** The match as stored at its creation: what `restoredSetup` rebuilds it from. */
export function matchRecord(
  setup: MatchSetup,
  id: string,
  code: string,
  hostTokenHash: string,
  more: { createdAt?: number; rematchOf?: string } = {},
): MatchRecord {
  const { createdAt = Date.now(), rematchOf } = more;
  const roomSettings: RoomSettings = {
    timers: setup.timers,
    botLevel: setup.botLevel,
    away: setup.away,
    scenarioHash: scenarioHash(setup.scenario),
    ...(rematchOf ? { rematchOf } : {}),
    ...(setup.fork ? { fork: setup.fork } : {}),
  };
  return {
    id,
    code,
    scenarioId: setup.scenario.id,
    settings: setup.settings,
    rulesVersion: setup.match.rulesVersion,
    seed: setup.seed,
    hostTokenHash,
    createdAt,
    roomSettings,
  };
}

/** Whether the stored match is a rematch (its lobby waits days for its people). */
export function isRematch(record: MatchRecord): boolean {
  return typeof (record.roomSettings as RoomSettings | undefined)?.rematchOf === 'string';
}

/** Settings left out (by the creator, or by a server older than the setting) take the defaults. */
export function roomDefaults(room: RoomSettings): Pick<MatchSetup, 'botLevel' | 'timers' | 'away'> {
  const timers = { ...DEFAULT_TIMERS, ...room.timers };
  const away = AwayRuleSchema.safeParse(room.away).data ?? defaultAwayRule(timers);
  return { botLevel: room.botLevel ?? 'normal', timers, away };
}
