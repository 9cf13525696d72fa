import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import { migrate, rollback } from './sqlite-schema.ts';
import {
  prepareAll,
  toAnnotation,
  toChat,
  toMatch,
  toPublicSeat,
  toReflection,
} from './sqlite-statements.ts';
import {
  type Annotation,
  type AnnotationInput,
  type ChatEntry,
  type ClockRecord,
  type CommandEntry,
  type FinishedPage,
  type FinishRecord,
  type ImportedMatch,
  type ListFinishedOptions,
  MATCH_FILE_FORMAT,
  MATCH_FILE_VERSION,
  type MatchFile,
  type MatchFileOptions,
  type MatchRecord,
  type MatchStore,
  type PhaseHash,
  type Reflection,
  type ReflectionInput,
  type SeatRecord,
  type StoredMatch,
  StoreError,
} from './types.ts';
import {
  checkAnnotation,
  checkChat,
  checkClock,
  checkFinish,
  checkImport,
  checkInt,
  checkMatchRecord,
  checkPage,
  checkReflection,
  checkSeat,
  checkText,
  checkTime,
  codeTaken,
  normaliseCode,
  toJson,
} from './validate.ts';

export const DEFAULT_DB_FILE = 'entanglement.sqlite';

export interface SqliteStoreOptions {
  /** The directory of the database; created if missing. */
  dataDir: string;
  /** The database's file name inside `dataDir`. */
  fileName?: string;
  /**
   * SQLite's `synchronous` setting. NORMAL (the default) in WAL mode makes a
   * commit a write to the WAL file without an fsync: once a commit returns,
   * the operating system holds it, so it survives the process being killed
   * (`kill -9`, a crash, an out-of-memory kill); only a power loss or kernel
   * crash can lose the last commits, and never corrupts the database. FULL
   * fsyncs the WAL on every commit, which only power loss needs and which
   * costs a disk flush per command (docs/server.md, "Durability").
   */
  synchronous?: 'NORMAL' | 'FULL';
}

/** Opens (creating and migrating as needed) the match store under `dataDir`. */
export function openSqliteStore(options: SqliteStoreOptions): SqliteMatchStore {
  return new SqliteMatchStore(options);
}

/** The `MatchStore` in one SQLite file (`node:sqlite`), one connection per process. */
export class SqliteMatchStore implements MatchStore {
  readonly file: string;
  private readonly db: DatabaseSync;
  private readonly q: ReturnType<typeof prepareAll>;
  private closed = false;

  constructor(options: SqliteStoreOptions) {
    mkdirSync(options.dataDir, { recursive: true });
    this.file = join(options.dataDir, options.fileName ?? DEFAULT_DB_FILE);
    this.db = new DatabaseSync(this.file, { enableForeignKeyConstraints: true });
    try {
      // Wait up to 5 s for another connection's write lock instead of failing at once.
      this.db.exec('PRAGMA busy_timeout = 5000');
      const mode = this.db.prepare('PRAGMA journal_mode = WAL').get() as { journal_mode: string };
      if (mode.journal_mode !== 'wal') {
        throw new Error(`${this.file}: SQLite refused WAL mode (got ${mode.journal_mode}).`);
      }
      this.db.exec(`PRAGMA synchronous = ${options.synchronous === 'FULL' ? 'FULL' : 'NORMAL'}`);
      migrate(this.db, this.file);
      this.q = prepareAll(this.db);
    } catch (err) {
      this.db.close();
      throw err;
    }
  }

  async createMatch(record: MatchRecord): Promise<void> {
    checkMatchRecord(record);
    const code = normaliseCode(record.code);
    try {
      this.q.insertMatch.run(matchRow(record));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      if (this.q.match.get({ id: record.id })) {
        throw new StoreError('duplicateMatch', `A match with id ${record.id} exists already.`);
      }
      throw codeTaken(code);
    }
  }

  async getMatch(matchId: string): Promise<StoredMatch | null> {
    const row = this.q.match.get({ id: matchId });
    return row ? toMatch(row) : null;
  }

  async claimCode(code: string, matchId: string): Promise<void> {
    const normal = normaliseCode(code);
    try {
      if (this.q.setCode.run({ id: matchId, code: normal }).changes === 1) return;
    } catch (err) {
      if (isUniqueViolation(err)) throw codeTaken(normal);
      throw err;
    }
    this.requireLive(matchId);
  }

  async findLiveByCode(code: string): Promise<string | null> {
    const row = this.q.liveByCode.get({ code: code.trim().toUpperCase() });
    return row ? String(row.id) : null;
  }

  async appendCommand(
    matchId: string,
    seq: number,
    command: unknown,
    stateHash: string,
    at: number,
  ): Promise<void> {
    checkInt(seq, 'seq', 1);
    checkTime(at, 'at');
    const values = {
      id: matchId,
      seq,
      command: toJson(command, 'command'),
      hash: checkText(stateHash, 'stateHash'),
      at,
    };
    // One statement, so one implicit transaction: it writes only when the match
    // is live and `seq` is the next step, and it is committed when run() returns.
    if (this.q.appendCommand.run(values).changes === 1) return;
    this.refuseSeq(matchId, seq, this.q.lastCommand, 'command');
  }

  async loadLog(matchId: string): Promise<CommandEntry[]> {
    return this.q.log.all({ id: matchId }).map(toCommandEntry);
  }

  async appendChat(matchId: string, entry: ChatEntry): Promise<void> {
    checkChat(entry);
    if (this.q.appendChat.run(chatRow(matchId, entry)).changes === 1) return;
    this.refuseSeq(matchId, entry.seq, this.q.lastChat, 'chat message');
  }

  async loadChat(matchId: string): Promise<ChatEntry[]> {
    return this.q.chat.all({ id: matchId }).map(toChat);
  }

  async upsertSeat(matchId: string, seat: SeatRecord): Promise<void> {
    checkSeat(seat);
    const values = {
      id: matchId,
      seat: seat.seat,
      token: seat.tokenHash,
      nickname: seat.nickname,
      kind: seat.kind,
      level: seat.botLevel ?? null,
    };
    if (this.q.upsertSeat.run(values).changes === 1) return;
    this.requireLive(matchId);
  }

  async listSeats(matchId: string): Promise<SeatRecord[]> {
    return this.q.seats.all({ id: matchId }).map((r) => ({
      ...toPublicSeat(r),
      tokenHash: r.token_hash === null ? null : String(r.token_hash),
    }));
  }

  async saveClock(matchId: string, clock: ClockRecord): Promise<void> {
    checkClock(clock);
    const values = {
      id: matchId,
      round: clock.round,
      phase: clock.phase,
      paused: clock.paused ? 1 : 0,
      ends: clock.paused ? null : clock.phaseEndsAt,
      left: clock.paused ? clock.remainingMs : null,
    };
    if (this.q.saveClock.run(values).changes === 1) return;
    this.requireLive(matchId);
  }

  async loadClock(matchId: string): Promise<ClockRecord | null> {
    const r = this.q.clock.get({ id: matchId });
    if (!r) return null;
    const at = { round: Number(r.round), phase: String(r.phase) };
    return r.paused === 1
      ? { ...at, paused: true, remainingMs: Number(r.remaining_ms) }
      : { ...at, paused: false, phaseEndsAt: Number(r.phase_ends_at) };
  }

  async listLive(): Promise<StoredMatch[]> {
    return this.q.live.all().map(toMatch);
  }

  async finish(matchId: string, result: FinishRecord): Promise<void> {
    checkFinish(result);
    this.transaction(() => {
      const done = {
        id: matchId,
        at: result.finishedAt,
        winner: result.winner,
        rounds: result.rounds,
      };
      if (this.q.finish.run(done).changes !== 1) this.requireLive(matchId);
      result.phaseHashes.forEach((h, idx) => {
        this.q.insertPhaseHash.run({
          id: matchId,
          idx,
          round: h.round,
          phase: h.phase,
          hash: h.hash,
        });
      });
      this.q.deleteClock.run({ id: matchId });
    });
  }

  async discard(matchId: string): Promise<void> {
    this.transaction(() => {
      this.requireLive(matchId);
      this.q.deleteMatch.run({ id: matchId });
    });
  }

  async listFinished(options: ListFinishedOptions): Promise<FinishedPage> {
    checkPage(options);
    const page = { limit: options.limit, offset: options.offset };
    return this.read(() => {
      const filter = {
        scenario: options.scenario ?? null,
        from: options.from ?? null,
        to: options.to ?? null,
      };
      const total = Number(this.q.countFinished.get(filter)!.n);
      const rows = this.q.finished.all({ ...filter, ...page });
      const matches = rows.map((r) => ({
        id: String(r.id),
        scenarioId: String(r.scenario_id),
        rulesVersion: Number(r.rules_version),
        createdAt: Number(r.created_at),
        finishedAt: Number(r.finished_at),
        winner: r.winner === null ? null : String(r.winner),
        rounds: Number(r.rounds),
        seats: this.q.seats.all({ id: String(r.id) }).map(toPublicSeat),
      }));
      return { total, matches };
    });
  }

  async getMatchFile(matchId: string, options: MatchFileOptions = {}): Promise<MatchFile | null> {
    return this.read(() => {
      const row = this.q.match.get({ id: matchId });
      if (!row || row.finished_at === null) return null;
      const m = toMatch(row);
      const chat = this.q.chat.all({ id: matchId }).map(toChat);
      const phaseHashes: PhaseHash[] = this.q.phaseHashes.all({ id: matchId }).map((r) => ({
        round: Number(r.round),
        phase: String(r.phase),
        hash: String(r.hash),
      }));
      // Built field by field: nothing from the row that is not listed here
      // (the host token hash, the seats' token hashes) can reach the file.
      return {
        format: MATCH_FILE_FORMAT,
        version: MATCH_FILE_VERSION,
        id: m.id,
        scenarioId: m.scenarioId,
        rulesVersion: m.rulesVersion,
        seed: m.seed,
        settings: m.settings,
        seats: this.q.seats.all({ id: matchId }).map(toPublicSeat),
        ...commandsAndTimes(this.q.log.all({ id: matchId }).map(toCommandEntry)),
        chat: options.chat === 'public' ? chat.filter((c) => c.channel === 'public') : chat,
        phaseHashes,
        createdAt: m.createdAt,
        finishedAt: m.finishedAt!,
        winner: m.winner,
        rounds: m.rounds ?? 0,
      };
    });
  }

  async importFinished(m: ImportedMatch): Promise<void> {
    checkImport(m);
    const { record, finish } = m;
    this.transaction(() => {
      try {
        this.q.insertFinished.run({
          ...matchRow(record),
          finishedAt: finish.finishedAt,
          winner: finish.winner,
          rounds: finish.rounds,
        });
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw new StoreError('duplicateMatch', `A match with id ${record.id} exists already.`);
      }
      for (const c of m.commands) {
        this.q.insertCommand.run({
          id: record.id,
          seq: c.seq,
          command: toJson(c.command, 'command'),
          hash: c.stateHash,
          at: c.at,
        });
      }
      for (const seat of m.seats) {
        this.q.insertSeat.run({
          id: record.id,
          seat: seat.seat,
          nickname: seat.nickname,
          kind: seat.kind,
          level: seat.botLevel ?? null,
        });
      }
      for (const c of m.chat) this.q.insertChat.run(chatRow(record.id, c));
      finish.phaseHashes.forEach((h, idx) => {
        this.q.insertPhaseHash.run({ id: record.id, idx, ...h });
      });
    });
  }

  async addAnnotation(matchId: string, note: AnnotationInput): Promise<Annotation> {
    checkAnnotation(note);
    this.requireMatch(matchId);
    const row = this.q.insertAnnotation.get({ id: matchId, ...note })!;
    return {
      id: Number(row.id),
      round: note.round,
      phase: note.phase,
      text: note.text,
      at: note.at,
    };
  }

  async listAnnotations(matchId: string): Promise<Annotation[]> {
    return this.q.annotations.all({ id: matchId }).map(toAnnotation);
  }

  async deleteAnnotation(matchId: string, id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return this.q.deleteAnnotation.run({ id: matchId, note: id }).changes === 1;
  }

  async addReflection(matchId: string, r: ReflectionInput): Promise<Reflection> {
    checkReflection(r);
    this.requireMatch(matchId);
    const row = this.q.insertReflection.get({
      id: matchId,
      seat: r.seat,
      round: r.round,
      phase: r.phase,
      type: r.eventType,
      index: r.eventIndex ?? null,
      crisis: r.crisis ?? null,
      text: r.text,
      at: r.at,
    })!;
    return { ...r, id: Number(row.id) };
  }

  async listReflections(matchId: string): Promise<Reflection[]> {
    return this.q.reflections.all({ id: matchId }).map(toReflection);
  }

  /** What the connection runs with, for the server's start-up line and the tests. */
  info(): { file: string; journalMode: string; synchronous: string; schemaVersion: number } {
    const journal = this.db.prepare('PRAGMA journal_mode').get()!;
    const sync = Number(this.db.prepare('PRAGMA synchronous').get()!.synchronous);
    const version = this.db.prepare('SELECT version FROM schema_version').get()!;
    return {
      file: this.file,
      journalMode: String(journal.journal_mode),
      synchronous: ['OFF', 'NORMAL', 'FULL', 'EXTRA'][sync] ?? String(sync),
      schemaVersion: Number(version.version),
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.db.close();
  }

  /** Throws 'unknownMatch' unless the match (live or finished) exists. */
  private requireMatch(matchId: string): void {
    if (!this.q.match.get({ id: matchId }))
      throw new StoreError('unknownMatch', `No match with id ${matchId}.`);
  }

  /** Throws the reason a write to `matchId` was refused: unknown or finished. */
  private requireLive(matchId: string): void {
    const row = this.q.match.get({ id: matchId });
    if (!row) throw new StoreError('unknownMatch', `No match with id ${matchId}.`);
    if (row.finished_at !== null) {
      throw new StoreError('finished', `Match ${matchId} has finished; it can no longer change.`);
    }
  }

  /** After a refused append: says why (unknown, finished, duplicate or out of order). */
  private refuseSeq(matchId: string, seq: number, last: StatementSync, what: string): never {
    this.requireLive(matchId);
    const stored = Number(last.get({ id: matchId })!.n);
    if (seq <= stored) {
      throw new StoreError(
        'duplicateSeq',
        `Match ${matchId} already has ${what} ${seq} (the last is ${stored}); nothing was written.`,
      );
    }
    throw new StoreError(
      'outOfOrderSeq',
      `Match ${matchId} expects ${what} ${stored + 1} next, not ${seq}; nothing was written.`,
    );
  }

  /** Runs `fn` in a write transaction: all of its rows are committed, or none. */
  private transaction<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    try {
      const result = fn();
      this.db.exec('COMMIT');
      return result;
    } catch (err) {
      rollback(this.db);
      throw err;
    }
  }

  /** Runs `fn`'s reads against one snapshot of the database. */
  private read<T>(fn: () => T): T {
    this.db.exec('BEGIN');
    try {
      return fn();
    } finally {
      this.db.exec('COMMIT');
    }
  }
}

/** A UNIQUE or PRIMARY KEY constraint failure (SQLITE_CONSTRAINT_UNIQUE / _PRIMARYKEY). */
function isUniqueViolation(err: unknown): boolean {
  const errcode = (err as { errcode?: number }).errcode;
  return errcode === 2067 || errcode === 1555;
}

/** The log's commands and the time each was applied, in order. */
function commandsAndTimes(entries: CommandEntry[]): {
  commands: unknown[];
  commandTimes: number[];
} {
  return { commands: entries.map((e) => e.command), commandTimes: entries.map((e) => e.at) };
}

function toCommandEntry(r: Record<string, unknown>): CommandEntry {
  return {
    seq: Number(r.seq),
    command: JSON.parse(String(r.command)),
    stateHash: String(r.state_hash),
    at: Number(r.at),
  };
}

/** A match record as the matches table's statement parameters. */
function matchRow(record: MatchRecord) {
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

/** A chat line as the chat table's statement parameters. */
function chatRow(matchId: string, entry: ChatEntry) {
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
