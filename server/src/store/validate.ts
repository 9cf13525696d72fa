import { isTokenHash } from './tokens.ts';
import {
  type AnnotationInput,
  type AwayState,
  CHAT_CHANNELS,
  type ChatEntry,
  type ClockRecord,
  type FinishRecord,
  type HostState,
  type ImportedMatch,
  type ListFinishedOptions,
  MAX_NOTE_LENGTH,
  type MatchRecord,
  type ReflectionInput,
  SEAT_KINDS,
  type SeatRecord,
  StoreError,
} from './types.ts';

/**
 * Checks of what callers hand a store, shared by every implementation so that
 * they refuse the same things with the same 'invalid' errors.
 */

function invalid(message: string): StoreError {
  return new StoreError('invalid', message);
}

export function codeTaken(code: string): StoreError {
  return new StoreError('codeTaken', `The join code ${code} belongs to another live match.`);
}

export function unknownMatch(matchId: string): StoreError {
  return new StoreError('unknownMatch', `No match with id ${matchId}.`);
}

export function duplicateMatch(matchId: string): StoreError {
  return new StoreError('duplicateMatch', `A match with id ${matchId} exists already.`);
}

/**
 * Why a write to a match was refused, from its stored `finished_at` (undefined:
 * no such match): unknown or finished; null if it is live after all.
 */
export function notLive(
  matchId: string,
  row: Record<string, unknown> | undefined | null,
): StoreError | null {
  if (!row) return unknownMatch(matchId);
  if (row.finished_at === null) return null;
  return new StoreError('finished', `Match ${matchId} has finished; it can no longer change.`);
}

/** Why an append of `seq` to a live match was refused, given the last `stored` seq. */
export function seqRefused(matchId: string, what: string, seq: number, stored: number): StoreError {
  if (seq <= stored) {
    return new StoreError(
      'duplicateSeq',
      `Match ${matchId} already has ${what} ${seq} (the last is ${stored}); nothing was written.`,
    );
  }
  return new StoreError(
    'outOfOrderSeq',
    `Match ${matchId} expects ${what} ${stored + 1} next, not ${seq}; nothing was written.`,
  );
}

export function normaliseCode(code: string): string {
  return checkText(typeof code === 'string' ? code.trim().toUpperCase() : code, 'code');
}

export function checkText(value: string, field: string): string {
  if (typeof value !== 'string' || value === '')
    throw invalid(`${field} must be a non-empty string.`);
  return checkNoNul(value, field);
}

/** Refuses the NUL character, which Postgres cannot keep in text: every store refuses it alike. */
function checkNoNul(value: string, field: string): string {
  if (value.includes('\0')) throw invalid(`${field} must not contain a NUL character.`);
  return value;
}

export function checkInt(value: number, field: string, min: number): number {
  if (!Number.isSafeInteger(value) || value < min) {
    throw invalid(`${field} must be a whole number of at least ${min}, not ${value}.`);
  }
  return value;
}

export function checkTime(value: number, field: string): number {
  return checkInt(value, field, 0);
}

export function checkHash(value: string, field: string): void {
  if (typeof value !== 'string' || !isTokenHash(value)) {
    throw invalid(`${field} must be a SHA-256 hash in hex (hashToken), never a token.`);
  }
}

export function toJson(value: unknown, field: string): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (err) {
    throw invalid(`${field} is not JSON: ${(err as Error).message}`);
  }
  if (text === undefined) throw invalid(`${field} is not JSON.`);
  return text;
}

export function checkMatchRecord(record: MatchRecord): void {
  checkText(record.id, 'id');
  normaliseCode(record.code);
  checkText(record.scenarioId, 'scenarioId');
  checkInt(record.rulesVersion, 'rulesVersion', 0);
  checkText(record.seed, 'seed');
  checkHash(record.hostTokenHash, 'hostTokenHash');
  checkTime(record.createdAt, 'createdAt');
}

export function checkChat(entry: ChatEntry): void {
  checkInt(entry.seq, 'seq', 1);
  checkTime(entry.at, 'at');
  checkText(entry.from, 'from');
  if (!CHAT_CHANNELS.includes(entry.channel)) {
    throw invalid(`channel must be one of ${CHAT_CHANNELS.join(', ')}, not ${entry.channel}.`);
  }
  if ((entry.channel === 'public') !== (entry.to === undefined)) {
    throw invalid(
      `A ${entry.channel} message ${entry.to === undefined ? 'needs' : 'has no'} "to".`,
    );
  }
  if (entry.to !== undefined) checkText(entry.to, 'to');
  if (typeof entry.text !== 'string') throw invalid('text must be a string.');
  checkNoNul(entry.text, 'text');
}

export function checkSeat(seat: SeatRecord): void {
  checkText(seat.seat, 'seat');
  if (seat.tokenHash !== null) checkHash(seat.tokenHash, 'tokenHash');
  for (const hash of seat.passHashes ?? []) checkHash(hash, 'passHashes');
  checkText(seat.nickname, 'nickname');
  if (!SEAT_KINDS.includes(seat.kind))
    throw invalid(`kind must be human or bot, not ${seat.kind}.`);
  if (seat.botLevel !== undefined) checkText(seat.botLevel, 'botLevel');
}

export function checkClock(clock: ClockRecord): void {
  checkInt(clock.round, 'round', 0);
  checkText(clock.phase, 'phase');
  if (clock.paused) checkInt(clock.remainingMs, 'remainingMs', 0);
  else checkTime(clock.phaseEndsAt, 'phaseEndsAt');
}

/** Bounds of a stored host state: a match has at most a few dozen people. */
const MAX_MUTES = 500;
/** As many spans as rooms/seat-history.ts keeps. */
const MAX_SEAT_SPANS = 2000;
/** At most as many seats as a match has (CreateMatchSchema: 32). */
const MAX_AWAY_SEATS = 32;

export function checkHostState(state: HostState): void {
  if (typeof state !== 'object' || state === null) throw invalid('hostState must be an object.');
  if (typeof state.seatingLocked !== 'boolean') throw invalid('seatingLocked must be a boolean.');
  for (const field of ['mutedNames', 'mutedPasses'] as const) {
    const list = state[field];
    if (!Array.isArray(list) || list.length > MAX_MUTES)
      throw invalid(`${field} must be a list of at most ${MAX_MUTES}.`);
    for (const item of list)
      if (field === 'mutedPasses') checkHash(item, field);
      else checkText(item, field);
  }
  if (state.extensionsUsed !== undefined) checkInt(state.extensionsUsed, 'extensionsUsed', 0);
  if (state.away !== undefined) checkAwayState(state.away);
  if (state.seatHistory === undefined) return;
  if (!Array.isArray(state.seatHistory) || state.seatHistory.length > MAX_SEAT_SPANS)
    throw invalid(`seatHistory must be a list of at most ${MAX_SEAT_SPANS}.`);
  for (const span of state.seatHistory) {
    checkText(span.seat, 'seatHistory.seat');
    if (span.nickname !== null) checkText(span.nickname, 'seatHistory.nickname');
    for (const at of span.to === null ? [span.from] : [span.from, span.to]) {
      if (typeof at !== 'object' || at === null)
        throw invalid('seatHistory.from must be an object.');
      checkInt(at.round, 'seatHistory.round', 0);
      checkText(at.phase, 'seatHistory.phase');
    }
  }
}

/** The away rule's counts: seat ids, and a whole count per seat (a match has at most 32 seats). */
function checkAwayState(away: AwayState): void {
  if (typeof away !== 'object' || away === null) throw invalid('away must be an object.');
  for (const field of ['away', 'heard'] as const) {
    const list = away[field];
    if (!Array.isArray(list) || list.length > MAX_AWAY_SEATS)
      throw invalid(`away.${field} must be a list of at most ${MAX_AWAY_SEATS} seats.`);
    for (const seat of list) checkText(seat, `away.${field}`);
  }
  if (typeof away.silent !== 'object' || away.silent === null)
    throw invalid('away.silent must be an object.');
  const counts = Object.entries(away.silent);
  if (counts.length > MAX_AWAY_SEATS) throw invalid('away.silent has too many seats.');
  for (const [seat, count] of counts) {
    checkText(seat, 'away.silent');
    checkInt(count, 'away.silent', 0);
  }
}

export function checkFinish(result: FinishRecord): void {
  checkTime(result.finishedAt, 'finishedAt');
  checkInt(result.rounds, 'rounds', 0);
  if (result.winner !== null) checkText(result.winner, 'winner');
  for (const h of result.phaseHashes) {
    checkInt(h.round, 'phaseHashes.round', 0);
    checkText(h.phase, 'phaseHashes.phase');
    checkText(h.hash, 'phaseHashes.hash');
  }
}

const MAX_PAGE = 1000;

export function checkPage(options: ListFinishedOptions): void {
  checkInt(options.limit, 'limit', 1);
  if (options.limit > MAX_PAGE) throw invalid(`limit must be at most ${MAX_PAGE}.`);
  checkInt(options.offset, 'offset', 0);
  if (options.scenario !== undefined) checkText(options.scenario, 'scenario');
  if (options.from !== undefined) checkInt(options.from, 'from', 0);
  if (options.to !== undefined) checkInt(options.to, 'to', 0);
}

function checkNoteText(text: string, field: string): void {
  checkText(typeof text === 'string' ? text.trim() : text, field);
  if (text.length > MAX_NOTE_LENGTH)
    throw invalid(`${field} must be at most ${MAX_NOTE_LENGTH} characters, not ${text.length}.`);
}

export function checkAnnotation(note: AnnotationInput): void {
  checkInt(note.round, 'round', 0);
  checkText(note.phase, 'phase');
  checkNoteText(note.text, 'text');
  checkTime(note.at, 'at');
}

export function checkReflection(r: ReflectionInput): void {
  checkText(r.seat, 'seat');
  checkInt(r.round, 'round', 0);
  checkText(r.phase, 'phase');
  checkText(r.eventType, 'eventType');
  if (r.eventIndex !== undefined) checkInt(r.eventIndex, 'eventIndex', 0);
  if (r.crisis !== undefined) checkText(r.crisis, 'crisis');
  checkNoteText(r.text, 'text');
  checkTime(r.at, 'at');
}

/**
 * A whole imported match: the log numbered 1, 2, 3, … with no gap (a gap
 * would be a lost command); chat in rising order, gaps allowed, because a
 * downloaded file leaves out the private and team lines between public ones.
 */
export function checkImport(m: ImportedMatch): void {
  checkMatchRecord(m.record);
  checkFinish(m.finish);
  m.commands.forEach((c, i) => {
    if (c.seq !== i + 1) throw invalid(`commands must be numbered from 1: ${c.seq} at ${i + 1}.`);
    checkText(c.stateHash, 'stateHash');
    checkTime(c.at, 'at');
  });
  let lastChat = 0;
  m.chat.forEach((c, i) => {
    checkChat(c);
    if (c.seq <= lastChat) throw invalid(`chat must rise: ${c.seq} after ${lastChat} at ${i + 1}.`);
    lastChat = c.seq;
  });
  for (const seat of m.seats) checkSeat({ ...seat, tokenHash: null });
}
