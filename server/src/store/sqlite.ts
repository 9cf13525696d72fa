import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { DatabaseSync, type StatementSync } from 'node:sqlite';
import {
  checkNoticeTarget,
  noticeFilterRow,
  noticeTargetRow,
  toNoticeTarget,
} from './notice-targets.ts';
import {
  buildMatchFile,
  chatRow,
  clockRow,
  commandRow,
  finishedFilter,
  finishedRow,
  finishRow,
  matchRow,
  reflectionRow,
  seatRow,
  toAnnotation,
  toChat,
  toClock,
  toCommandEntry,
  toMatch,
  toPhaseHash,
  toPublicSeat,
  toReflection,
  toSeat,
  toSummary,
} from './rows.ts';
import { migrate, rollback } from './sqlite-schema.ts';
import { prepareAll } from './sqlite-statements.ts';
import type {
  Annotation,
  AnnotationInput,
  ChatEntry,
  ClockRecord,
  CommandEntry,
  FinishedPage,
  FinishRecord,
  HostState,
  ImportedMatch,
  ListFinishedOptions,
  MatchFile,
  MatchFileOptions,
  MatchRecord,
  MatchStore,
  NoticeTarget,
  NoticeTargetFilter,
  Reflection,
  ReflectionInput,
  SeatRecord,
  StoredMatch,
} from './types.ts';
import {
  checkAnnotation,
  checkChat,
  checkClock,
  checkFinish,
  checkHash,
  checkHostState,
  checkImport,
  checkInt,
  checkMatchRecord,
  checkPage,
  checkReflection,
  checkSeat,
  checkText,
  checkTime,
  codeTaken,
  duplicateMatch,
  normaliseCode,
  notLive,
  seqRefused,
  unknownMatch,
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

interface PendingAppend {
  matchId: string;
  seq: number;
  values: ReturnType<typeof commandRow>;
  resolve: () => void;
  reject: (err: unknown) => void;
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
  /** Appends waiting for the next group commit (appendCommand). */
  private readonly pendingAppends: PendingAppend[] = [];

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
      if (this.q.match.get({ id: record.id })) throw duplicateMatch(record.id);
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
    const values = commandRow(matchId, seq, command, checkText(stateHash, 'stateHash'), at);
    // Group commit: the appends of every match that arrive in one turn of the
    // event loop share one transaction (a commit per command was a fifth of
    // a stall's CPU in bench:server). The promise settles after the commit,
    // so an ack still follows the write to the WAL.
    return new Promise((resolve, reject) => {
      this.pendingAppends.push({ matchId, seq, values, resolve, reject });
      if (this.pendingAppends.length === 1) setImmediate(() => this.commitAppends());
    });
  }

  /**
   * Commits every pending append in one transaction. Each insert writes
   * only when its match is live and its `seq` is the next step (appends of
   * one match keep their order inside the batch); one that does not is
   * refused alone. A failed transaction writes none and refuses them all.
   */
  private commitAppends(): void {
    const batch = this.pendingAppends.splice(0);
    if (batch.length === 0) return;
    if (this.closed) {
      for (const a of batch) a.reject(new Error(`${this.file}: the store is closed`));
      return;
    }
    let written: boolean[];
    try {
      written = this.transaction(() =>
        batch.map((a) => this.q.appendCommand.run(a.values).changes === 1),
      );
    } catch (err) {
      for (const a of batch) a.reject(err);
      return;
    }
    for (const [i, a] of batch.entries()) {
      if (written[i]) {
        a.resolve();
        continue;
      }
      try {
        this.refuseSeq(a.matchId, a.seq, this.q.lastCommand, 'command');
      } catch (err) {
        a.reject(err);
      }
    }
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
    if (this.q.upsertSeat.run(seatRow(matchId, seat)).changes === 1) return;
    this.requireLive(matchId);
  }

  async listSeats(matchId: string): Promise<SeatRecord[]> {
    return this.q.seats.all({ id: matchId }).map(toSeat);
  }

  async saveHostState(matchId: string, state: HostState): Promise<void> {
    checkHostState(state);
    const values = { id: matchId, state: JSON.stringify(state) };
    if (this.q.saveHostState.run(values).changes === 1) return;
    this.requireLive(matchId);
  }

  async saveClock(matchId: string, clock: ClockRecord): Promise<void> {
    checkClock(clock);
    if (this.q.saveClock.run(clockRow(matchId, clock)).changes === 1) return;
    this.requireLive(matchId);
  }

  async loadClock(matchId: string): Promise<ClockRecord | null> {
    const r = this.q.clock.get({ id: matchId });
    return r ? toClock(r) : null;
  }

  async listLive(): Promise<StoredMatch[]> {
    return this.q.live.all().map(toMatch);
  }

  async finish(matchId: string, result: FinishRecord): Promise<void> {
    checkFinish(result);
    this.transaction(() => {
      if (this.q.finish.run(finishRow(matchId, result)).changes !== 1) this.requireLive(matchId);
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

  async addNoticeTarget(
    matchId: string,
    target: NoticeTarget,
    maxPerSeat: number,
  ): Promise<number | 'full'> {
    checkNoticeTarget(target);
    const row = noticeTargetRow(matchId, target, maxPerSeat, Date.now());
    if (this.q.addNoticeTarget.run(row).changes === 0) {
      this.requireLive(matchId);
      return 'full';
    }
    return Number(this.q.countNoticeTargets.get({ id: matchId, seat: target.seat })!.n);
  }

  async listNoticeTargets(matchId: string): Promise<NoticeTarget[]> {
    return this.q.noticeTargets.all({ id: matchId }).map(toNoticeTarget);
  }

  async removeNoticeTargets(matchId: string, filter: NoticeTargetFilter): Promise<number> {
    return Number(this.q.removeNoticeTargets.run(noticeFilterRow(matchId, filter)).changes);
  }

  async setPublic(matchId: string, isPublic: boolean): Promise<boolean> {
    return this.q.setPublic.run({ id: matchId, public: isPublic ? 1 : 0 }).changes === 1;
  }

  async setLabel(matchId: string, label: string | null): Promise<boolean> {
    return this.q.setLabel.run({ id: matchId, label }).changes === 1;
  }

  async setShareHash(matchId: string, hash: string | null): Promise<boolean> {
    if (hash !== null) checkHash(hash, 'shareHash');
    return this.q.setShareHash.run({ id: matchId, hash }).changes === 1;
  }

  async deleteFinished(matchId: string): Promise<boolean> {
    return this.q.deleteFinished.run({ id: matchId }).changes === 1;
  }

  async listFinished(options: ListFinishedOptions): Promise<FinishedPage> {
    checkPage(options);
    const page = { limit: options.limit, offset: options.offset };
    return this.read(() => {
      const filter = finishedFilter(options);
      const total = Number(this.q.countFinished.get(filter)!.n);
      const rows = this.q.finished.all({ ...filter, ...page });
      const matches = rows.map((r) =>
        toSummary(r, this.q.seats.all({ id: String(r.id) }).map(toPublicSeat)),
      );
      return { total, matches };
    });
  }

  async getMatchFile(matchId: string, options: MatchFileOptions = {}): Promise<MatchFile | null> {
    return this.read(() => {
      const row = this.q.match.get({ id: matchId });
      if (!row || row.finished_at === null) return null;
      return buildMatchFile(
        {
          match: toMatch(row),
          seats: this.q.seats.all({ id: matchId }).map(toPublicSeat),
          log: this.q.log.all({ id: matchId }).map(toCommandEntry),
          chat: this.q.chat.all({ id: matchId }).map(toChat),
          phaseHashes: this.q.phaseHashes.all({ id: matchId }).map(toPhaseHash),
        },
        options,
      );
    });
  }

  async importFinished(m: ImportedMatch): Promise<void> {
    checkImport(m);
    const { record, finish } = m;
    this.transaction(() => {
      try {
        this.q.insertFinished.run(finishedRow(record, finish));
      } catch (err) {
        if (!isUniqueViolation(err)) throw err;
        throw duplicateMatch(record.id);
      }
      for (const c of m.commands) {
        this.q.insertCommand.run(commandRow(record.id, c.seq, c.command, c.stateHash, c.at));
      }
      for (const seat of m.seats) {
        this.q.insertSeat.run(seatRow(record.id, { ...seat, tokenHash: null }));
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
    return toAnnotation({ ...note, id: row.id });
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
    const row = this.q.insertReflection.get(reflectionRow(matchId, r))!;
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
    this.commitAppends();
    this.closed = true;
    this.db.close();
  }

  /** Throws 'unknownMatch' unless the match (live or finished) exists. */
  private requireMatch(matchId: string): void {
    if (!this.q.match.get({ id: matchId })) throw unknownMatch(matchId);
  }

  /** Throws the reason a write to `matchId` was refused: unknown or finished. */
  private requireLive(matchId: string): void {
    const refusal = notLive(matchId, this.q.match.get({ id: matchId }));
    if (refusal) throw refusal;
  }

  /** After a refused append: says why (unknown, finished, duplicate or out of order). */
  private refuseSeq(matchId: string, seq: number, last: StatementSync, what: string): never {
    this.requireLive(matchId);
    throw seqRefused(matchId, what, seq, Number(last.get({ id: matchId })!.n));
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
