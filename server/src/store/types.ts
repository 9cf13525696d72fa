/**
 * The match store: where the authoritative server keeps what it must not
 * lose. A match is its scenario, settings, rules version, seed and ordered
 * command log (docs/architecture.md); the store keeps exactly that, plus the
 * seats, chat, phase clock and, once it ends, the archive entry.
 *
 * Every method is asynchronous so that a networked store (Postgres) can
 * implement the same interface; `storeContract` in `contract.ts` is the
 * behaviour every implementation must pass.
 *
 * Conventions:
 * - times are milliseconds since the epoch (`Date.now()`), chosen by the caller;
 * - commands, settings and chat are JSON: the store serialises what it is given
 *   and hands back parsed JSON typed `unknown` (parse it with the shared zod
 *   schemas, as at any other boundary);
 * - tokens never reach the store: only their SHA-256 hashes (`hashToken` in
 *   `tokens.ts`), and a value that does not look like one is refused;
 * - a failure the caller may expect is a `StoreError` with a `code`.
 */

/** A match as created: everything needed to rebuild its first state. */
export interface MatchRecord {
  id: string;
  /** The join code (6 characters); unique among live matches. */
  code: string;
  scenarioId: string;
  /** The settings given to `createMatch` (JSON). */
  settings: unknown;
  /** `RULES_VERSION` of the engine the log was written for. */
  rulesVersion: number;
  /** The generator's seed: secret until the match has finished. */
  seed: string;
  /** SHA-256 (hex) of the host token. */
  hostTokenHash: string;
  createdAt: number;
  /**
   * The room's own settings (JSON; the phase timers), which the engine does
   * not know: kept so that a restarted server runs the match as it was set up.
   */
  roomSettings?: unknown;
}

/** A match as stored: live while `finishedAt` is null. */
export interface StoredMatch extends MatchRecord {
  finishedAt: number | null;
  winner: string | null;
  rounds: number | null;
  /** The host made the finished match public: listed and readable by anyone. */
  isPublic?: boolean;
  /** The host's label of the finished match (a class, a period), or none. */
  label?: string | null;
  /** SHA-256 (hex) of the key of the per-match link the host shares; null: none. */
  shareHash?: string | null;
  /** The host's standing decisions about people (seating lock, mutes), as last saved; absent: none. */
  hostState?: HostState;
}

/**
 * What the host decided about people that must outlast a restart: whether
 * seating is locked, and who is muted (by nickname key and by pass hash;
 * session ids do not survive a restart).
 */
export interface HostState {
  seatingLocked: boolean;
  /** Muted nicknames, trimmed and lower-cased (chat.ts `nameKey`). */
  mutedNames: string[];
  /** SHA-256 (hex) of each muted person's pass. */
  mutedPasses: string[];
  /** Phase extensions the host has given (EXTENSIONS.perMatch at most); absent in older rows: 0. */
  extensionsUsed?: number;
  /** Who held each seat when since the start (rooms/seat-history.ts); absent: nothing yet. */
  seatHistory?: SeatSpan[];
  /** The away rule's counts (rooms/away-seats.ts); absent: nobody away or silent yet. */
  away?: AwayState;
}

/** What the away rule counts, kept across a restart (rooms/away-seats.ts). */
export interface AwayState {
  /** Seats a bot plays until one of their people takes them back. */
  away: string[];
  /** Deciding phases in a row each people's seat sent nothing in (absent: none). */
  silent: Record<string, number>;
  /** Seats whose people sent something in the phase under way. */
  heard: string[];
}

/** One accepted command. `seq` is the engine's `state.step` after it: 1, 2, 3, … */
export interface CommandEntry {
  seq: number;
  command: unknown;
  /** `stateHash(state)` after the command. */
  stateHash: string;
  at: number;
}

/** public: everyone; team: the people sharing seat `to`; private: between `from` and seat `to`. One vocabulary with the protocol. */
import type { ChatChannel, ForkOrigin, SeatSpan } from '@entanglement/shared';

export { CHAT_CHANNELS } from '@entanglement/shared';

/** One chat message. `seq` counts the match's messages: 1, 2, 3, … */
export interface ChatEntry {
  seq: number;
  /** Who wrote it: a seat id, or the host. */
  from: string;
  channel: ChatChannel;
  /** The seat addressed (team and private channels); absent for public. */
  to?: string;
  /** Plain text, stored and returned as given (never HTML). */
  text: string;
  at: number;
}

export const SEAT_KINDS = ['human', 'bot'] as const;
type SeatKind = (typeof SEAT_KINDS)[number];

export interface SeatRecord {
  seat: string;
  /**
   * SHA-256 (hex) of the seat's one shared token, as servers before personal
   * passes stored it (such a seat restores as one pass); null now.
   */
  tokenHash: string | null;
  /** SHA-256 (hex) of each personal pass valid for the seat (docs/security.md); none for a bot. */
  passHashes?: string[];
  /** The name shown for the seat (for a team, however the room joins its names). */
  nickname: string;
  kind: SeatKind;
  /** The bot's strength, when `kind` is 'bot'. */
  botLevel?: string;
}

/**
 * The phase clock of a live match, saved whenever it changes. A running clock
 * is kept as the wall-clock time its phase ends; a paused one as the time left.
 * `round` and `phase` say which phase it was counting, so that after a restart
 * the server can tell whether it still applies to the state the log rebuilds.
 */
export type ClockRecord = { round: number; phase: string } & (
  | { paused: false; phaseEndsAt: number }
  | { paused: true; remainingMs: number }
);

export interface PhaseHash {
  round: number;
  phase: string;
  hash: string;
}

export interface FinishRecord {
  finishedAt: number;
  /** The winning seat, or null (no winner, or ended by the host). */
  winner: string | null;
  /** Rounds played. */
  rounds: number;
  /** The state hash at the end of every phase, in the order played. */
  phaseHashes: PhaseHash[];
}

/** A finished match in the archive's list. */
export interface FinishedSummary {
  id: string;
  scenarioId: string;
  rulesVersion: number;
  createdAt: number;
  finishedAt: number;
  winner: string | null;
  rounds: number;
  seats: PublicSeat[];
  /** Who held each seat when (none for matches stored before it was kept). */
  seatHistory?: SeatSpan[];
  /** A fork's origin (docs/replays.md, "Forks"). */
  fork?: ForkOrigin;
  /** The host's label (a class, a period), when it has one. */
  label?: string;
}

export interface FinishedPage {
  /** How many finished matches match the filter (for paging). */
  total: number;
  /** Newest first. */
  matches: FinishedSummary[];
}

export interface ListFinishedOptions {
  /** 1 to 1000. */
  limit: number;
  /** 0 or more. */
  offset: number;
  /** Only matches of this scenario. */
  scenario?: string;
  /** Only matches finished at or after this time (ms since the epoch). */
  from?: number;
  /** Only matches finished before this time (ms since the epoch). */
  to?: number;
  /** Only matches their hosts made public. */
  publicOnly?: boolean;
  /** Only these matches (a browser's own). */
  ids?: readonly string[];
  /** Only matches with this label. */
  label?: string;
}

/** A seat as anyone may see it: never a token or its hash. */
export interface PublicSeat {
  seat: string;
  nickname: string;
  kind: SeatKind;
  botLevel?: string;
}

import { MATCH_FILE_FORMAT, MATCH_FILE_VERSION } from '@entanglement/shared';

/** One definition, shared with the engine's `MatchFileSchema` (what an import must look like). */
export { MATCH_FILE_FORMAT, MATCH_FILE_VERSION };

/** A finished match as one JSON document: for replays, export and the archive API. */
export interface MatchFile {
  format: typeof MATCH_FILE_FORMAT;
  version: typeof MATCH_FILE_VERSION;
  id: string;
  scenarioId: string;
  rulesVersion: number;
  seed: string;
  settings: unknown;
  /** `scenarioHash` of the content the match was played on (none for matches stored before it was kept). */
  scenarioHash?: string;
  /**
   * The scenario content the match was played on, so its replay never
   * depends on the shipped data staying the same (docs/replays.md).
   */
  scenario?: unknown;
  seats: PublicSeat[];
  /** The command log in order: fold it over `createMatch(scenario, settings, seed)`. */
  commands: unknown[];
  /** When each command was applied (ms since the epoch): places chat lines on the timeline. */
  commandTimes?: number[];
  chat: ChatEntry[];
  phaseHashes: PhaseHash[];
  createdAt: number;
  finishedAt: number;
  winner: string | null;
  rounds: number;
  /** Who held each seat when (none for matches stored before it was kept). */
  seatHistory?: SeatSpan[];
  /** A fork's origin: the match and moment it was forked from (docs/replays.md, "Forks"). */
  fork?: ForkOrigin;
}

export interface MatchFileOptions {
  /** 'public' leaves out team and private messages. Default 'all'. */
  chat?: 'all' | 'public';
}

/** A teacher's note pinned to a moment of a finished match. */
export interface AnnotationInput {
  round: number;
  phase: string;
  /** Plain text, 1 to `MAX_NOTE_LENGTH` characters. */
  text: string;
  at: number;
}
export interface Annotation extends AnnotationInput {
  /** Chosen by the store; unique in the store. */
  id: number;
}

/**
 * A player's one-line answer to a reflection prompt: why the seat honoured,
 * hedged or abandoned a call, or how it was entrapped. It points at the event
 * by round, phase and type (and, when the writer knows it, the event's index
 * in the replay's events and its crisis).
 */
export interface ReflectionInput {
  seat: string;
  round: number;
  phase: string;
  /** The engine event type answered ('callHonoured', 'callHedged', 'abandonment', 'entrapment'…). */
  eventType: string;
  /** The event's index in `openReplay(...).events`, when known. */
  eventIndex?: number;
  /** The crisis uid the event belongs to, when it does. */
  crisis?: string;
  /** Plain text, 1 to `MAX_NOTE_LENGTH` characters. */
  text: string;
  at: number;
}
export interface Reflection extends ReflectionInput {
  id: number;
}

/** The longest annotation or reflection text the store keeps (one bound with the API's schemas). */
export { MAX_NOTE_LENGTH } from '@entanglement/shared';

/**
 * A finished match brought in from a match file (after its replay was
 * checked): stored in one step as if it had been played here.
 */
export interface ImportedMatch {
  /** Its new id and host token hash; `code` is kept but never claimed (the match is finished). */
  record: MatchRecord;
  /** With the state hash after each command (from the replay). */
  commands: CommandEntry[];
  seats: PublicSeat[];
  chat: ChatEntry[];
  finish: FinishRecord;
}

const STORE_ERROR_CODES = [
  /** No match with that id. */
  'unknownMatch',
  /** A match with that id exists already. */
  'duplicateMatch',
  /** The match has finished: its log, seats, chat and clock are closed. */
  'finished',
  /** Another live match holds the join code. */
  'codeTaken',
  /** This seq is stored already (a command or message written twice). */
  'duplicateSeq',
  /** This seq is not the next one (a gap in the log). */
  'outOfOrderSeq',
  /** An argument the store refuses (a malformed hash, a value that is not JSON…). */
  'invalid',
] as const;
export type StoreErrorCode = (typeof STORE_ERROR_CODES)[number];

/** A refusal the caller may expect and handle; nothing was written. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;
  constructor(code: StoreErrorCode, message: string) {
    super(message);
    this.code = code;
  }
}

/**
 * Where a seat of a live match asked to be told (docs/server.md,
 * "Notifications"): one browser's push subscription or one e-mail address.
 * It holds the hash of the pass that registered it (so that pass alone may
 * remove it), never the pass.
 */
export interface NoticeTarget {
  seat: string;
  passHash: string;
  channel: 'push' | 'email';
  /** The push endpoint, or the e-mail address: one target per match and address. */
  address: string;
  /** The browser's P-256 public key and auth secret (base64url); null for e-mail. */
  p256dh: string | null;
  auth: string | null;
  language: string;
  timeZone: string;
}

/** Which of a match's targets to remove: those a pass registered, one address, or both. */
export interface NoticeTargetFilter {
  passHash?: string;
  address?: string;
}

/** What the store keeps of notice targets; they go with their match (deleted with it). */
export interface NoticeTargetStore {
  /**
   * Registers `target` for the live match (or renews the one at its address),
   * unless its seat already has `maxPerSeat` others: then 'full'. Answers how
   * many targets the seat has now. 'unknownMatch', 'finished', 'invalid'.
   */
  addNoticeTarget(
    matchId: string,
    target: NoticeTarget,
    maxPerSeat: number,
  ): Promise<number | 'full'>;
  /** The match's targets, in the order registered. */
  listNoticeTargets(matchId: string): Promise<NoticeTarget[]>;
  /** Removes the match's targets the filter keeps (an empty filter: all); answers how many. */
  removeNoticeTargets(matchId: string, filter: NoticeTargetFilter): Promise<number>;
}

export interface MatchStore extends NoticeTargetStore {
  /**
   * Records a new live match and claims its join code, in one step.
   * Refuses ('duplicateMatch', 'codeTaken') without writing anything.
   */
  createMatch(record: MatchRecord): Promise<void>;
  /** The match (live or finished), or null. */
  getMatch(matchId: string): Promise<StoredMatch | null>;
  /** Makes a finished match public or private again; false if no finished match has that id. */
  setPublic(matchId: string, isPublic: boolean): Promise<boolean>;
  /** Labels a finished match (null removes the label); false if no finished match has that id. */
  setLabel(matchId: string, label: string | null): Promise<boolean>;
  /** Sets (or with null clears) the hash of a finished match's share-link key; false if none. */
  setShareHash(matchId: string, hash: string | null): Promise<boolean>;
  /** Deletes a finished match with its log, chat, notes and reflections; false if none. */
  deleteFinished(matchId: string): Promise<boolean>;
  /**
   * Gives the live match `matchId` the join code `code` (its old one is
   * released). Refuses with 'codeTaken' if another live match holds it.
   * Codes are compared case-insensitively and stored upper-case.
   */
  claimCode(code: string, matchId: string): Promise<void>;
  /** The id of the live match holding `code`, or null. */
  findLiveByCode(code: string): Promise<string | null>;

  /**
   * Appends the command that takes the match to step `seq` (the first is 1).
   * Resolves only once the command is committed: it survives the process being
   * killed from then on. Refuses with 'duplicateSeq' or 'outOfOrderSeq' unless
   * `seq` is exactly one more than the last stored, and with 'unknownMatch' or
   * 'finished'; a refusal writes nothing.
   */
  appendCommand(
    matchId: string,
    seq: number,
    command: unknown,
    stateHash: string,
    at: number,
  ): Promise<void>;
  /** The match's commands in order (empty for an unknown match). */
  loadLog(matchId: string): Promise<CommandEntry[]>;

  /** Appends a chat message; `seq` follows the same rules as `appendCommand`. */
  appendChat(matchId: string, entry: ChatEntry): Promise<void>;
  /** The match's chat in order. */
  loadChat(matchId: string): Promise<ChatEntry[]>;

  /** Creates or replaces a seat of a live match. */
  upsertSeat(matchId: string, seat: SeatRecord): Promise<void>;
  /** The match's seats, in the order they were first stored. */
  listSeats(matchId: string): Promise<SeatRecord[]>;

  /** Saves the live match's host state (replacing the last one); 'unknownMatch', 'finished', 'invalid'. */
  saveHostState(matchId: string, state: HostState): Promise<void>;

  /** Saves the live match's phase clock (replacing the last one). */
  saveClock(matchId: string, clock: ClockRecord): Promise<void>;
  /** The last saved clock, or null. */
  loadClock(matchId: string): Promise<ClockRecord | null>;

  /** Every live match, oldest first: what to bring back after a restart. */
  listLive(): Promise<StoredMatch[]>;
  /**
   * Archives the match: records the result and the phase hashes, drops its
   * clock and releases its join code, in one step. 'finished' if it already was.
   */
  finish(matchId: string, result: FinishRecord): Promise<void>;
  /**
   * Deletes a live match and everything stored for it (a lobby that was
   * abandoned before it started). 'finished' for an archived match.
   */
  discard(matchId: string): Promise<void>;
  /** Finished matches, newest first. */
  listFinished(options: ListFinishedOptions): Promise<FinishedPage>;
  /**
   * The match file of a finished match, or null for an unknown or live one
   * (a live match's seed is secret). It holds no token and no token hash.
   */
  getMatchFile(matchId: string, options?: MatchFileOptions): Promise<MatchFile | null>;

  /**
   * Stores a finished match brought in from a match file, with its log,
   * seats (no tokens: nobody can take them), chat and phase hashes, in one
   * step. 'duplicateMatch' if the id is taken; nothing is written on refusal.
   */
  importFinished(match: ImportedMatch): Promise<void>;

  /** Pins a note to a moment of a match; 'unknownMatch', 'invalid'. */
  addAnnotation(matchId: string, note: AnnotationInput): Promise<Annotation>;
  /** The match's notes in the order written. */
  listAnnotations(matchId: string): Promise<Annotation[]>;
  /** Deletes a note of the match; false if it has none with that id. */
  deleteAnnotation(matchId: string, id: number): Promise<boolean>;

  /** Keeps a player's reflection (live or finished match); 'unknownMatch', 'invalid'. */
  addReflection(matchId: string, reflection: ReflectionInput): Promise<Reflection>;
  /** The match's reflections in the order written. */
  listReflections(matchId: string): Promise<Reflection[]>;

  /** Closes the store; later calls fail. */
  close(): Promise<void>;
}
