import {
  type ForkOrigin,
  getScenario,
  SCENARIO_IDS,
  type SeatSpan,
  scenarioHash,
} from '@entanglement/shared';
import {
  type Annotation,
  type ChatEntry,
  type ClockRecord,
  type CommandEntry,
  type FinishedSummary,
  type FinishRecord,
  type HostState,
  type ListFinishedOptions,
  MATCH_FILE_FORMAT,
  MATCH_FILE_VERSION,
  type MatchFile,
  type MatchFileOptions,
  type MatchRecord,
  type PhaseHash,
  type PublicSeat,
  type Reflection,
  type ReflectionInput,
  type SeatRecord,
  type StoredMatch,
} from './types.ts';
import { normaliseCode, toJson } from './validate.ts';

/**
 * The row builders and readers every SQL store shares (SQLite, Postgres):
 * the tables have the same columns, so a record becomes the same statement
 * parameters and a row reads back the same way. A row's integers may come as
 * numbers (SQLite) or strings (Postgres BIGINT), hence `Number(...)` throughout.
 */

export type Row = Record<string, unknown>;

/** The columns `toMatch` reads. */
export const MATCH_COLUMNS = `id, code, scenario_id, settings, rules_version, seed, host_token_hash,
  created_at, finished_at, winner, rounds, room_settings, public, share_hash, host_state, label`;

export function toMatch(r: Row): StoredMatch {
  return {
    id: String(r.id),
    code: String(r.code),
    scenarioId: String(r.scenario_id),
    settings: JSON.parse(String(r.settings)),
    rulesVersion: Number(r.rules_version),
    seed: String(r.seed),
    hostTokenHash: String(r.host_token_hash),
    createdAt: Number(r.created_at),
    finishedAt: r.finished_at === null ? null : Number(r.finished_at),
    winner: r.winner === null ? null : String(r.winner),
    rounds: r.rounds === null ? null : Number(r.rounds),
    isPublic: r.public === true || Number(r.public) === 1,
    shareHash: r.share_hash === null || r.share_hash === undefined ? null : String(r.share_hash),
    ...(r.label === null || r.label === undefined ? {} : { label: String(r.label) }),
    ...(r.room_settings === null || r.room_settings === undefined
      ? {}
      : { roomSettings: JSON.parse(String(r.room_settings)) }),
    ...(r.host_state === null || r.host_state === undefined
      ? {}
      : { hostState: JSON.parse(String(r.host_state)) as HostState }),
  };
}

export function toAnnotation(r: Row): Annotation {
  return {
    id: Number(r.id),
    round: Number(r.round),
    phase: String(r.phase),
    text: String(r.text),
    at: Number(r.at),
  };
}

export function toReflection(r: Row): Reflection {
  const reflection: Reflection = {
    id: Number(r.id),
    seat: String(r.seat),
    round: Number(r.round),
    phase: String(r.phase),
    eventType: String(r.event_type),
    text: String(r.text),
    at: Number(r.at),
  };
  if (r.event_index !== null) reflection.eventIndex = Number(r.event_index);
  if (r.crisis !== null) reflection.crisis = String(r.crisis);
  return reflection;
}

export function toChat(r: Row): ChatEntry {
  const entry: ChatEntry = {
    seq: Number(r.seq),
    from: String(r.sender),
    channel: String(r.channel) as ChatEntry['channel'],
    text: String(r.text),
    at: Number(r.at),
  };
  if (r.recipient !== null) entry.to = String(r.recipient);
  return entry;
}

export function toPublicSeat(r: Row): PublicSeat {
  const seat: PublicSeat = {
    seat: String(r.seat),
    nickname: String(r.nickname),
    kind: String(r.kind) as PublicSeat['kind'],
  };
  if (r.bot_level !== null) seat.botLevel = String(r.bot_level);
  return seat;
}

export function toSeat(r: Row): SeatRecord {
  const seat: SeatRecord = {
    ...toPublicSeat(r),
    tokenHash: r.token_hash === null ? null : String(r.token_hash),
  };
  const passes = r.pass_hashes === null || r.pass_hashes === undefined ? '' : String(r.pass_hashes);
  if (passes !== '') seat.passHashes = passes.split(' ');
  return seat;
}

export function toCommandEntry(r: Row): CommandEntry {
  return {
    seq: Number(r.seq),
    command: JSON.parse(String(r.command)),
    stateHash: String(r.state_hash),
    at: Number(r.at),
  };
}

export function toPhaseHash(r: Row): PhaseHash {
  return { round: Number(r.round), phase: String(r.phase), hash: String(r.hash) };
}

/** A clocks row; `paused` is 1/0 in SQLite and a boolean in Postgres. */
export function toClock(r: Row): ClockRecord {
  const at = { round: Number(r.round), phase: String(r.phase) };
  return Number(r.paused) === 1
    ? { ...at, paused: true, remainingMs: Number(r.remaining_ms) }
    : { ...at, paused: false, phaseEndsAt: Number(r.phase_ends_at) };
}

/** A finished match's row (MATCH_COLUMNS) and its public seats, as the archive lists it. */
export function toSummary(r: Row, seats: PublicSeat[]): FinishedSummary {
  return {
    id: String(r.id),
    scenarioId: String(r.scenario_id),
    rulesVersion: Number(r.rules_version),
    createdAt: Number(r.created_at),
    finishedAt: Number(r.finished_at),
    winner: r.winner === null ? null : String(r.winner),
    rounds: Number(r.rounds),
    seats,
    ...seatHistoryOf(r),
    ...forkOf(r),
    ...(r.label === null || r.label === undefined ? {} : { label: String(r.label) }),
  };
}

/** A fork's origin, kept with its room settings, when the match is one. */
function forkOf(r: Row): { fork?: ForkOrigin } {
  if (r.room_settings === null || r.room_settings === undefined) return {};
  const fork = (JSON.parse(String(r.room_settings)) as { fork?: ForkOrigin }).fork;
  return fork ? { fork } : {};
}

/** The seat history kept with a match's host state, when it has one. */
function seatHistoryOf(r: Row): { seatHistory?: SeatSpan[] } {
  if (r.host_state === null || r.host_state === undefined) return {};
  const spans = (JSON.parse(String(r.host_state)) as HostState).seatHistory;
  return spans?.length ? { seatHistory: spans } : {};
}

/** What a finished match's file is made of, as read from the store. */
export interface MatchFileParts {
  match: StoredMatch;
  seats: PublicSeat[];
  log: CommandEntry[];
  chat: ChatEntry[];
  phaseHashes: PhaseHash[];
}

/**
 * The match file, built field by field: nothing that is not listed here (the
 * host token hash, the seats' token hashes) can reach it.
 */
export function buildMatchFile(parts: MatchFileParts, options: MatchFileOptions): MatchFile {
  const { match: m, chat } = parts;
  const room = m.roomSettings as
    | { scenarioHash?: unknown; scenario?: unknown; fork?: unknown }
    | undefined;
  const scenarioHash = room?.scenarioHash;
  const scenario = playedContent(m.scenarioId, scenarioHash, room?.scenario);
  return {
    format: MATCH_FILE_FORMAT,
    version: MATCH_FILE_VERSION,
    id: m.id,
    scenarioId: m.scenarioId,
    ...(typeof scenarioHash === 'string' ? { scenarioHash } : {}),
    ...(scenario !== undefined ? { scenario } : {}),
    rulesVersion: m.rulesVersion,
    seed: m.seed,
    settings: m.settings,
    seats: parts.seats,
    commands: parts.log.map((e) => e.command),
    commandTimes: parts.log.map((e) => e.at),
    chat: options.chat === 'public' ? chat.filter((c) => c.channel === 'public') : chat,
    phaseHashes: parts.phaseHashes,
    createdAt: m.createdAt,
    finishedAt: m.finishedAt!,
    winner: m.winner,
    rounds: m.rounds ?? 0,
    ...(m.hostState?.seatHistory?.length ? { seatHistory: m.hostState.seatHistory } : {}),
    ...(room?.fork !== undefined ? { fork: room.fork as ForkOrigin } : {}),
  };
}

/**
 * The scenario content a match was played on, for its file: the content an
 * imported file brought (kept with the match), else the shipped scenario when
 * it is still the content the match recorded the hash of. A match whose
 * scenario was edited since gets none, and its replay is refused as
 * `scenarioChanged` rather than differing rounds later.
 */
function playedContent(scenarioId: string, hash: unknown, kept: unknown): unknown {
  if (kept !== undefined) return kept;
  if (typeof hash !== 'string' || !SCENARIO_IDS.includes(scenarioId)) return undefined;
  const shipped = getScenario(scenarioId);
  return scenarioHash(shipped) === hash ? shipped : undefined;
}

/** A match record as the matches table's statement parameters. */
export function matchRow(record: MatchRecord) {
  return {
    id: record.id,
    code: normaliseCode(record.code),
    scenario: record.scenarioId,
    settings: toJson(record.settings, 'settings'),
    rules: record.rulesVersion,
    seed: record.seed,
    host: record.hostTokenHash,
    at: record.createdAt,
    room: record.roomSettings === undefined ? null : toJson(record.roomSettings, 'roomSettings'),
  };
}

/** A finished match brought in whole (an import) as the matches table's statement parameters. */
export function finishedRow(record: MatchRecord, finish: FinishRecord) {
  return {
    ...matchRow(record),
    finishedAt: finish.finishedAt,
    winner: finish.winner,
    rounds: finish.rounds,
  };
}

/** The result of a match as the parameters of the statement that archives it. */
export function finishRow(matchId: string, result: FinishRecord) {
  return { id: matchId, at: result.finishedAt, winner: result.winner, rounds: result.rounds };
}

/** The archive's filter as statement parameters (null: no bound). */
export function finishedFilter(options: ListFinishedOptions) {
  return {
    scenario: options.scenario ?? null,
    from: options.from ?? null,
    to: options.to ?? null,
    publicOnly: options.publicOnly ? 1 : 0,
    label: options.label ?? null,
    // JSON: one parameter in either database.
    ids: options.ids === undefined ? null : JSON.stringify(options.ids),
  };
}

/** A chat line as the chat table's statement parameters. */
export function chatRow(matchId: string, entry: ChatEntry) {
  return {
    id: matchId,
    seq: entry.seq,
    sender: entry.from,
    channel: entry.channel,
    recipient: entry.to ?? null,
    text: entry.text,
    at: entry.at,
  };
}

/** A command as the commands table's statement parameters. */
export function commandRow(
  matchId: string,
  seq: number,
  command: unknown,
  hash: string,
  at: number,
) {
  return { id: matchId, seq, command: toJson(command, 'command'), hash, at };
}

/** A seat as the seats table's statement parameters. */
export function seatRow(matchId: string, seat: SeatRecord) {
  return {
    id: matchId,
    seat: seat.seat,
    token: seat.tokenHash,
    nickname: seat.nickname,
    kind: seat.kind,
    level: seat.botLevel ?? null,
    passes: seat.passHashes && seat.passHashes.length > 0 ? seat.passHashes.join(' ') : null,
  };
}

/** A clock as the clocks table's statement parameters (`paused` as 1/0). */
export function clockRow(matchId: string, clock: ClockRecord) {
  return {
    id: matchId,
    round: clock.round,
    phase: clock.phase,
    paused: clock.paused ? 1 : 0,
    ends: clock.paused ? null : clock.phaseEndsAt,
    left: clock.paused ? clock.remainingMs : null,
  };
}

/** A reflection as the reflections table's statement parameters. */
export function reflectionRow(matchId: string, r: ReflectionInput) {
  return {
    id: matchId,
    seat: r.seat,
    round: r.round,
    phase: r.phase,
    type: r.eventType,
    index: r.eventIndex ?? null,
    crisis: r.crisis ?? null,
    text: r.text,
    at: r.at,
  };
}
