import type pg from 'pg';
import { redactUrl } from '../redact-url.ts';
import {
  checkNoticeTarget,
  noticeFilterRow,
  noticeTargetRow,
  toNoticeTarget,
} from './notice-targets.ts';
import {
  createPool,
  endPool,
  errorText,
  isUniqueViolation,
  type PoolOptions,
  transaction,
} from './postgres-pool.ts';
import { migratePostgres } from './postgres-schema.ts';
import {
  type Db,
  importColumns,
  phaseHashColumns,
  Q,
  run,
  type Statement,
} from './postgres-sql.ts';
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
  PublicSeat,
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

export type PostgresStoreOptions = PoolOptions;

/**
 * Connects to Postgres and brings its schema up to date (migrations run on
 * start). Rejects with a one-line error naming the server (never its
 * password) when it cannot connect or the schema is from a newer server.
 */
export async function openPostgresStore(
  options: PostgresStoreOptions,
): Promise<PostgresMatchStore> {
  const where = `Postgres at ${redactUrl(options.url)}`;
  const pool = createPool(options, where);
  try {
    const version = await migratePostgres(pool);
    return new PostgresMatchStore(pool, where, version);
  } catch (err) {
    await endPool(pool).catch(() => undefined);
    throw new Error(`Cannot use ${where}: ${errorText(err)}`);
  }
}

/**
 * The `MatchStore` in Postgres (`pg`), with the same behaviour as the SQLite
 * store (`storeContract`); several server processes may share one database.
 * A write that must be atomic is one statement or one transaction; a read of
 * several tables sees one snapshot (REPEATABLE READ).
 */
export class PostgresMatchStore implements MatchStore {
  /** "Postgres at postgres://user@host:port/db", for messages (no password). */
  readonly where: string;
  readonly schemaVersion: number;
  private readonly pool: pg.Pool;
  private closed = false;

  constructor(pool: pg.Pool, where: string, schemaVersion: number) {
    this.pool = pool;
    this.where = where;
    this.schemaVersion = schemaVersion;
  }

  async createMatch(record: MatchRecord): Promise<void> {
    checkMatchRecord(record);
    try {
      await run(this.pool, Q.insertMatch, matchRow(record));
    } catch (err) {
      if (isUniqueViolation(err, 'matches_pkey')) throw duplicateMatch(record.id);
      if (isUniqueViolation(err)) throw codeTaken(normaliseCode(record.code));
      throw err;
    }
  }

  async getMatch(matchId: string): Promise<StoredMatch | null> {
    const { rows } = await run(this.pool, Q.match, { id: matchId });
    return rows[0] ? toMatch(rows[0]) : null;
  }

  async claimCode(code: string, matchId: string): Promise<void> {
    const normal = normaliseCode(code);
    try {
      // The partial unique index on live codes makes this atomic across processes:
      // of two claims of one code, the second waits for the first and is refused.
      if ((await run(this.pool, Q.setCode, { id: matchId, code: normal })).rowCount === 1) return;
    } catch (err) {
      if (isUniqueViolation(err)) throw codeTaken(normal);
      throw err;
    }
    await this.requireLive(this.pool, matchId);
  }

  async findLiveByCode(code: string): Promise<string | null> {
    const { rows } = await run(this.pool, Q.liveByCode, { code: code.trim().toUpperCase() });
    return rows[0] ? String(rows[0].id) : null;
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
    await this.append(matchId, seq, 'command', () => run(this.pool, Q.appendCommand, values));
  }

  async loadLog(matchId: string): Promise<CommandEntry[]> {
    return (await run(this.pool, Q.log, { id: matchId })).rows.map(toCommandEntry);
  }

  async appendChat(matchId: string, entry: ChatEntry): Promise<void> {
    checkChat(entry);
    const values = chatRow(matchId, entry);
    await this.append(matchId, entry.seq, 'chat message', () =>
      run(this.pool, Q.appendChat, values),
    );
  }

  async loadChat(matchId: string): Promise<ChatEntry[]> {
    return (await run(this.pool, Q.chat, { id: matchId })).rows.map(toChat);
  }

  async upsertSeat(matchId: string, seat: SeatRecord): Promise<void> {
    checkSeat(seat);
    if ((await run(this.pool, Q.upsertSeat, seatRow(matchId, seat))).rowCount === 1) return;
    await this.requireLive(this.pool, matchId);
  }

  async listSeats(matchId: string): Promise<SeatRecord[]> {
    return (await run(this.pool, Q.seats, { id: matchId })).rows.map(toSeat);
  }

  async saveHostState(matchId: string, state: HostState): Promise<void> {
    checkHostState(state);
    const values = { id: matchId, state: JSON.stringify(state) };
    if ((await run(this.pool, Q.saveHostState, values)).rowCount === 1) return;
    await this.requireLive(this.pool, matchId);
  }

  async saveClock(matchId: string, clock: ClockRecord): Promise<void> {
    checkClock(clock);
    if ((await run(this.pool, Q.saveClock, clockRow(matchId, clock))).rowCount === 1) return;
    await this.requireLive(this.pool, matchId);
  }

  async loadClock(matchId: string): Promise<ClockRecord | null> {
    const { rows } = await run(this.pool, Q.clock, { id: matchId });
    return rows[0] ? toClock(rows[0]) : null;
  }

  async listLive(): Promise<StoredMatch[]> {
    return (await run(this.pool, Q.live)).rows.map(toMatch);
  }

  async finish(matchId: string, result: FinishRecord): Promise<void> {
    checkFinish(result);
    await transaction(this.pool, async (db) => {
      const done = await run(db, Q.finish, finishRow(matchId, result));
      if (done.rowCount !== 1) await this.requireLive(db, matchId);
      await run(db, Q.insertPhaseHashes, { id: matchId, ...phaseHashColumns(result) });
      await run(db, Q.deleteClock, { id: matchId });
    });
  }

  async discard(matchId: string): Promise<void> {
    await transaction(this.pool, async (db) => {
      const refusal = notLive(matchId, (await run(db, Q.lockMatch, { id: matchId })).rows[0]);
      if (refusal) throw refusal;
      await run(db, Q.deleteMatch, { id: matchId });
    });
  }

  async addNoticeTarget(
    matchId: string,
    target: NoticeTarget,
    maxPerSeat: number,
  ): Promise<number | 'full'> {
    checkNoticeTarget(target);
    const row = noticeTargetRow(matchId, target, maxPerSeat, Date.now());
    if ((await run(this.pool, Q.addNoticeTarget, row)).rowCount === 0) {
      await this.requireLive(this.pool, matchId);
      return 'full';
    }
    const { rows } = await run(this.pool, Q.countNoticeTargets, { id: matchId, seat: target.seat });
    return Number(rows[0]!.n);
  }

  async listNoticeTargets(matchId: string): Promise<NoticeTarget[]> {
    return (await run(this.pool, Q.noticeTargets, { id: matchId })).rows.map(toNoticeTarget);
  }

  async removeNoticeTargets(matchId: string, filter: NoticeTargetFilter): Promise<number> {
    return (await run(this.pool, Q.removeNoticeTargets, noticeFilterRow(matchId, filter))).rowCount;
  }

  async setPublic(matchId: string, isPublic: boolean): Promise<boolean> {
    return (await run(this.pool, Q.setPublic, { id: matchId, public: isPublic })).rowCount === 1;
  }

  async setLabel(matchId: string, label: string | null): Promise<boolean> {
    return (await run(this.pool, Q.setLabel, { id: matchId, label })).rowCount === 1;
  }

  async setShareHash(matchId: string, hash: string | null): Promise<boolean> {
    if (hash !== null) checkHash(hash, 'shareHash');
    return (await run(this.pool, Q.setShareHash, { id: matchId, hash })).rowCount === 1;
  }

  async deleteFinished(matchId: string): Promise<boolean> {
    return (await run(this.pool, Q.deleteFinished, { id: matchId })).rowCount === 1;
  }

  async listFinished(options: ListFinishedOptions): Promise<FinishedPage> {
    checkPage(options);
    const filter = finishedFilter(options);
    return this.snapshot(async (db) => {
      const total = Number((await run(db, Q.countFinished, filter)).rows[0]!.n);
      const page = { ...filter, limit: options.limit, offset: options.offset };
      const { rows } = await run(db, Q.finished, page);
      const seats = new Map<string, PublicSeat[]>(rows.map((r) => [String(r.id), []]));
      const seatRows = await run(db, Q.seatsOf, { ids: [...seats.keys()] });
      for (const s of seatRows.rows) seats.get(String(s.match_id))!.push(toPublicSeat(s));
      return { total, matches: rows.map((r) => toSummary(r, seats.get(String(r.id))!)) };
    });
  }

  async getMatchFile(matchId: string, options: MatchFileOptions = {}): Promise<MatchFile | null> {
    return this.snapshot(async (db) => {
      const row = (await run(db, Q.match, { id: matchId })).rows[0];
      if (!row || row.finished_at === null) return null;
      const id = { id: matchId };
      const parts = {
        match: toMatch(row),
        seats: (await run(db, Q.seats, id)).rows.map(toPublicSeat),
        log: (await run(db, Q.log, id)).rows.map(toCommandEntry),
        chat: (await run(db, Q.chat, id)).rows.map(toChat),
        phaseHashes: (await run(db, Q.phaseHashes, id)).rows.map(toPhaseHash),
      };
      return buildMatchFile(parts, options);
    });
  }

  async importFinished(m: ImportedMatch): Promise<void> {
    checkImport(m);
    const columns = importColumns(m);
    await transaction(this.pool, async (db) => {
      try {
        await run(db, Q.insertFinished, finishedRow(m.record, m.finish));
      } catch (err) {
        if (isUniqueViolation(err)) throw duplicateMatch(m.record.id);
        throw err;
      }
      await run(db, Q.insertCommands, columns.commands);
      await run(db, Q.insertSeats, columns.seats);
      await run(db, Q.insertChats, columns.chat);
      await run(db, Q.insertPhaseHashes, columns.phaseHashes);
    });
  }

  async addAnnotation(matchId: string, note: AnnotationInput): Promise<Annotation> {
    checkAnnotation(note);
    const { rows } = await this.insertFor(matchId, Q.insertAnnotation, { id: matchId, ...note });
    return toAnnotation({ ...note, id: rows[0]!.id });
  }

  async listAnnotations(matchId: string): Promise<Annotation[]> {
    return (await run(this.pool, Q.annotations, { id: matchId })).rows.map(toAnnotation);
  }

  async deleteAnnotation(matchId: string, id: number): Promise<boolean> {
    if (!Number.isSafeInteger(id)) return false;
    return (await run(this.pool, Q.deleteAnnotation, { id: matchId, note: id })).rowCount === 1;
  }

  async addReflection(matchId: string, r: ReflectionInput): Promise<Reflection> {
    checkReflection(r);
    const { rows } = await this.insertFor(matchId, Q.insertReflection, reflectionRow(matchId, r));
    return { ...r, id: Number(rows[0]!.id) };
  }

  async listReflections(matchId: string): Promise<Reflection[]> {
    return (await run(this.pool, Q.reflections, { id: matchId })).rows.map(toReflection);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await endPool(this.pool);
  }

  /**
   * Runs one append statement; when it wrote nothing, or a racing writer of
   * the same seq got there first, throws why (unknown, finished, duplicate, gap).
   */
  private async append(
    matchId: string,
    seq: number,
    what: string,
    write: () => Promise<{ rowCount: number }>,
  ): Promise<void> {
    try {
      if ((await write()).rowCount === 1) return;
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
    await this.requireLive(this.pool, matchId);
    const last = what === 'command' ? Q.lastCommand : Q.lastChat;
    const stored = Number((await run(this.pool, last, { id: matchId })).rows[0]!.n);
    throw seqRefused(matchId, what, seq, stored);
  }

  /** Inserts a row that belongs to a match (live or finished); 'unknownMatch' if there is none. */
  private async insertFor(matchId: string, st: Statement, values: Record<string, unknown>) {
    try {
      return await run(this.pool, st, values);
    } catch (err) {
      // The foreign key on match_id: no such match (SQLSTATE 23503).
      if ((err as { code?: string }).code === '23503') throw unknownMatch(matchId);
      throw err;
    }
  }

  /** Throws the reason a write to `matchId` was refused: unknown or finished. */
  private async requireLive(db: Db, matchId: string): Promise<void> {
    const refusal = notLive(matchId, (await run(db, Q.match, { id: matchId })).rows[0]);
    if (refusal) throw refusal;
  }

  /** Runs `fn`'s reads against one snapshot of the database. */
  private snapshot<T>(fn: (db: pg.PoolClient) => Promise<T>): Promise<T> {
    return transaction(this.pool, fn, 'BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
  }
}
