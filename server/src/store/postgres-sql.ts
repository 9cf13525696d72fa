import type { Pool, PoolClient } from 'pg';
import { NOTICE_TARGET_COLUMNS } from './notice-targets.ts';
import { chatRow, MATCH_COLUMNS, type Row } from './rows.ts';
import type { FinishRecord, ImportedMatch } from './types.ts';
import { toJson } from './validate.ts';

/**
 * Every SQL statement of the Postgres store, written with `:name` parameters
 * (as the SQLite store's are, so that the row builders in `rows.ts` feed both)
 * and compiled once to Postgres's `$1, $2, …`. Each runs as a named prepared
 * statement: parsed once per connection.
 */

export interface Statement {
  name: string;
  text: string;
  /** The parameter name behind each `$n`. */
  params: string[];
}

/** Anything that runs a query: the pool, or one client inside a transaction. */
export type Db = Pick<Pool, 'query'> | PoolClient;

/** Compiles `:name` parameters (not `::type` casts) to `$n`, the same name the same number. */
function compile(name: string, sql: string): Statement {
  const params: string[] = [];
  const text = sql.replace(/(?<![:\w]):([a-zA-Z_]\w*)/g, (_, param: string) => {
    if (!params.includes(param)) params.push(param);
    return `$${params.indexOf(param) + 1}`;
  });
  return { name: `entanglement_${name}`, text, params };
}

/** Runs a statement with named values; a missing value is an error, never a silent NULL. */
export async function run(
  db: Db,
  st: Statement,
  values: Record<string, unknown> = {},
): Promise<{ rows: Row[]; rowCount: number }> {
  const ordered = st.params.map((p) => {
    if (!(p in values)) throw new Error(`${st.name}: no value for :${p}`);
    return values[p];
  });
  const result = await db.query<Row>({ name: st.name, text: st.text, values: ordered });
  return { rows: result.rows, rowCount: result.rowCount ?? 0 };
}

/** The match, locked against a concurrent finish while the statement writes to it. */
const LIVE = `live AS (SELECT id FROM matches WHERE id = :id AND finished_at IS NULL FOR SHARE)`;
/** Finished matches, optionally of one scenario and finished in [:from, :to) (null: no bound). */
const FINISHED_FILTER = `finished_at IS NOT NULL
  AND (:scenario::text IS NULL OR scenario_id = :scenario::text)
  AND (:from::bigint IS NULL OR finished_at >= :from::bigint)
  AND (:to::bigint IS NULL OR finished_at < :to::bigint)
  AND (:publicOnly::int = 0 OR public)
  AND (:label::text IS NULL OR label = :label::text)
  AND (:ids::text IS NULL OR id IN (SELECT json_array_elements_text(:ids::json)))`;
const SEAT_COLUMNS = 'seat, token_hash, nickname, kind, bot_level, pass_hashes';

const SQL = {
  insertMatch: `INSERT INTO matches (id, code, scenario_id, settings, rules_version, seed,
    host_token_hash, created_at, room_settings)
    VALUES (:id, :code, :scenario, :settings, :rules, :seed, :host, :at, :room)`,
  match: `SELECT ${MATCH_COLUMNS} FROM matches WHERE id = :id`,
  live: `SELECT ${MATCH_COLUMNS} FROM matches WHERE finished_at IS NULL ORDER BY created_at, id`,
  setCode: 'UPDATE matches SET code = :code WHERE id = :id AND finished_at IS NULL',
  liveByCode: 'SELECT id FROM matches WHERE code = :code AND finished_at IS NULL',
  // One statement: it writes only when the match is live and :seq is the next
  // step. Two racing writers of one seq both see the same max; the primary key
  // refuses the second.
  appendCommand: `WITH ${LIVE}
    INSERT INTO commands (match_id, seq, command, state_hash, at)
    SELECT live.id, :seq::int, :command::text, :hash::text, :at::bigint FROM live
    WHERE :seq::int = 1 + (SELECT coalesce(max(seq), 0) FROM commands WHERE match_id = :id)`,
  lastCommand: 'SELECT coalesce(max(seq), 0) AS n FROM commands WHERE match_id = :id',
  log: 'SELECT seq, command, state_hash, at FROM commands WHERE match_id = :id ORDER BY seq',
  appendChat: `WITH ${LIVE}
    INSERT INTO chat (match_id, seq, sender, channel, recipient, text, at)
    SELECT live.id, :seq::int, :sender::text, :channel::text, :recipient::text, :text::text,
      :at::bigint FROM live
    WHERE :seq::int = 1 + (SELECT coalesce(max(seq), 0) FROM chat WHERE match_id = :id)`,
  lastChat: 'SELECT coalesce(max(seq), 0) AS n FROM chat WHERE match_id = :id',
  chat: `SELECT seq, sender, channel, recipient, text, at FROM chat
    WHERE match_id = :id ORDER BY seq`,
  upsertSeat: `WITH ${LIVE}
    INSERT INTO seats (match_id, ${SEAT_COLUMNS})
    SELECT live.id, :seat::text, :token::text, :nickname::text, :kind::text, :level::text,
      :passes::text FROM live
    ON CONFLICT (match_id, seat) DO UPDATE SET token_hash = excluded.token_hash,
      pass_hashes = excluded.pass_hashes,
      nickname = excluded.nickname, kind = excluded.kind, bot_level = excluded.bot_level`,
  seats: `SELECT ${SEAT_COLUMNS} FROM seats WHERE match_id = :id ORDER BY ord`,
  seatsOf: `SELECT match_id, ${SEAT_COLUMNS} FROM seats
    WHERE match_id = ANY (:ids::text[]) ORDER BY ord`,
  saveClock: `WITH ${LIVE}
    INSERT INTO clocks (match_id, round, phase, paused, phase_ends_at, remaining_ms)
    SELECT live.id, :round::int, :phase::text, :paused::smallint, :ends::bigint, :left::bigint
    FROM live
    ON CONFLICT (match_id) DO UPDATE SET round = excluded.round, phase = excluded.phase,
      paused = excluded.paused, phase_ends_at = excluded.phase_ends_at,
      remaining_ms = excluded.remaining_ms`,
  clock: `SELECT round, phase, paused, phase_ends_at, remaining_ms FROM clocks
    WHERE match_id = :id`,
  deleteClock: 'DELETE FROM clocks WHERE match_id = :id',
  finish: `UPDATE matches SET finished_at = :at, winner = :winner, rounds = :rounds
    WHERE id = :id AND finished_at IS NULL`,
  lockMatch: 'SELECT finished_at FROM matches WHERE id = :id FOR UPDATE',
  insertPhaseHashes: `INSERT INTO phase_hashes (match_id, idx, round, phase, hash)
    SELECT :id, t.n - 1, t.round, t.phase, t.hash
    FROM unnest(:rounds::int[], :phases::text[], :hashes::text[])
      WITH ORDINALITY AS t (round, phase, hash, n)`,
  phaseHashes: 'SELECT round, phase, hash FROM phase_hashes WHERE match_id = :id ORDER BY idx',
  deleteMatch: 'DELETE FROM matches WHERE id = :id',
  deleteFinished: 'DELETE FROM matches WHERE id = :id AND finished_at IS NOT NULL',
  setLabel: 'UPDATE matches SET label = :label::text WHERE id = :id AND finished_at IS NOT NULL',
  setPublic:
    'UPDATE matches SET public = :public::boolean WHERE id = :id AND finished_at IS NOT NULL',
  saveHostState:
    'UPDATE matches SET host_state = :state::text WHERE id = :id AND finished_at IS NULL',
  setShareHash:
    'UPDATE matches SET share_hash = :hash::text WHERE id = :id AND finished_at IS NOT NULL',
  insertFinished: `INSERT INTO matches (id, code, scenario_id, settings, rules_version, seed,
    host_token_hash, created_at, room_settings, finished_at, winner, rounds)
    VALUES (:id, :code, :scenario, :settings, :rules, :seed, :host, :at, :room, :finishedAt,
      :winner, :rounds)`,
  insertCommands: `INSERT INTO commands (match_id, seq, command, state_hash, at)
    SELECT :id, * FROM unnest(:seqs::int[], :commands::text[], :hashes::text[], :ats::bigint[])`,
  insertChats: `INSERT INTO chat (match_id, seq, sender, channel, recipient, text, at)
    SELECT :id, * FROM unnest(:seqs::int[], :senders::text[], :channels::text[],
      :recipients::text[], :texts::text[], :ats::bigint[])`,
  insertSeats: `INSERT INTO seats (match_id, seat, token_hash, nickname, kind, bot_level)
    SELECT :id, t.seat, NULL, t.nickname, t.kind, t.level
    FROM unnest(:seats::text[], :nicknames::text[], :kinds::text[], :levels::text[])
      WITH ORDINALITY AS t (seat, nickname, kind, level, n) ORDER BY t.n`,
  insertAnnotation: `INSERT INTO annotations (match_id, round, phase, text, at)
    VALUES (:id, :round, :phase, :text, :at) RETURNING id`,
  annotations: `SELECT id, round, phase, text, at FROM annotations
    WHERE match_id = :id ORDER BY id`,
  deleteAnnotation: 'DELETE FROM annotations WHERE match_id = :id AND id = :note',
  insertReflection: `INSERT INTO reflections (match_id, seat, round, phase, event_type,
    event_index, crisis, text, at)
    VALUES (:id, :seat, :round, :phase, :type, :index, :crisis, :text, :at) RETURNING id`,
  reflections: `SELECT id, seat, round, phase, event_type, event_index, crisis, text, at
    FROM reflections WHERE match_id = :id ORDER BY id`,
  addNoticeTarget: `WITH ${LIVE}
    INSERT INTO notice_targets (match_id, ${NOTICE_TARGET_COLUMNS}, created_at)
    SELECT live.id, :seat::text, :pass::text, :channel::text, :address::text, :p256dh::text,
      :auth::text, :language::text, :zone::text, :at::bigint FROM live
    WHERE (SELECT count(*) FROM notice_targets
      WHERE match_id = :id AND seat = :seat::text AND address <> :address::text) < :max::int
    ON CONFLICT (match_id, address) DO UPDATE SET seat = excluded.seat,
      pass_hash = excluded.pass_hash, channel = excluded.channel, p256dh = excluded.p256dh,
      auth = excluded.auth, language = excluded.language, time_zone = excluded.time_zone`,
  countNoticeTargets: `SELECT count(*)::int AS n FROM notice_targets
    WHERE match_id = :id AND seat = :seat::text`,
  noticeTargets: `SELECT ${NOTICE_TARGET_COLUMNS} FROM notice_targets
    WHERE match_id = :id ORDER BY created_at, address`,
  removeNoticeTargets: `DELETE FROM notice_targets WHERE match_id = :id
    AND (:pass::text IS NULL OR pass_hash = :pass::text)
    AND (:address::text IS NULL OR address = :address::text)`,
  countFinished: `SELECT count(*) AS n FROM matches WHERE ${FINISHED_FILTER}`,
  finished: `SELECT ${MATCH_COLUMNS} FROM matches WHERE ${FINISHED_FILTER}
    ORDER BY finished_at DESC, id DESC LIMIT :limit::int OFFSET :offset::int`,
} as const;

export const Q = Object.fromEntries(
  Object.entries(SQL).map(([name, sql]) => [name, compile(name, sql)]),
) as Record<keyof typeof SQL, Statement>;

/** Phase hashes as the columns `insertPhaseHashes` unnests (their order is their index). */
export function phaseHashColumns(result: FinishRecord) {
  return {
    rounds: result.phaseHashes.map((h) => h.round),
    phases: result.phaseHashes.map((h) => h.phase),
    hashes: result.phaseHashes.map((h) => h.hash),
  };
}

/** An imported match's log, seats and chat as the columns of one bulk insert each. */
export function importColumns(m: ImportedMatch) {
  const id = m.record.id;
  const chat = m.chat.map((c) => chatRow(id, c));
  return {
    commands: {
      id,
      seqs: m.commands.map((c) => c.seq),
      commands: m.commands.map((c) => toJson(c.command, 'command')),
      hashes: m.commands.map((c) => c.stateHash),
      ats: m.commands.map((c) => c.at),
    },
    seats: {
      id,
      seats: m.seats.map((s) => s.seat),
      nicknames: m.seats.map((s) => s.nickname),
      kinds: m.seats.map((s) => s.kind),
      levels: m.seats.map((s) => s.botLevel ?? null),
    },
    chat: {
      id,
      seqs: chat.map((c) => c.seq),
      senders: chat.map((c) => c.sender),
      channels: chat.map((c) => c.channel),
      recipients: chat.map((c) => c.recipient),
      texts: chat.map((c) => c.text),
      ats: chat.map((c) => c.at),
    },
    phaseHashes: { id, ...phaseHashColumns(m.finish) },
  };
}
