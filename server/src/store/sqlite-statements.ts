import type { DatabaseSync } from 'node:sqlite';
import { NOTICE_TARGET_COLUMNS } from './notice-targets.ts';
import { MATCH_COLUMNS } from './rows.ts';

/** Every SQL statement of the SQLite store, prepared once per connection (row readers: rows.ts). */

/** Finished matches, optionally of one scenario and finished in [:from, :to) (null: no bound). */
const FINISHED_FILTER = `finished_at IS NOT NULL
  AND (:scenario IS NULL OR scenario_id = :scenario)
  AND (:from IS NULL OR finished_at >= :from)
  AND (:to IS NULL OR finished_at < :to)
  AND (:publicOnly = 0 OR public = 1)
  AND (:label IS NULL OR label = :label)
  AND (:ids IS NULL OR id IN (SELECT value FROM json_each(:ids)))`;
const LIVE = 'EXISTS (SELECT 1 FROM matches WHERE id = :id AND finished_at IS NULL)';

export function prepareAll(db: DatabaseSync) {
  const s = (sql: string) => db.prepare(sql);
  return {
    insertMatch: s(`INSERT INTO matches (id, code, scenario_id, settings, rules_version, seed,
      host_token_hash, created_at, room_settings)
      VALUES (:id, :code, :scenario, :settings, :rules, :seed, :host, :at, :room)`),
    match: s(`SELECT ${MATCH_COLUMNS} FROM matches WHERE id = :id`),
    live: s(
      `SELECT ${MATCH_COLUMNS} FROM matches WHERE finished_at IS NULL ORDER BY created_at, id`,
    ),
    setCode: s('UPDATE matches SET code = :code WHERE id = :id AND finished_at IS NULL'),
    liveByCode: s('SELECT id FROM matches WHERE code = :code AND finished_at IS NULL'),
    appendCommand: s(`INSERT INTO commands (match_id, seq, command, state_hash, at)
      SELECT :id, :seq, :command, :hash, :at WHERE ${LIVE}
        AND :seq = 1 + (SELECT coalesce(max(seq), 0) FROM commands WHERE match_id = :id)`),
    lastCommand: s('SELECT coalesce(max(seq), 0) AS n FROM commands WHERE match_id = :id'),
    log: s('SELECT seq, command, state_hash, at FROM commands WHERE match_id = :id ORDER BY seq'),
    appendChat: s(`INSERT INTO chat (match_id, seq, sender, channel, recipient, text, at)
      SELECT :id, :seq, :sender, :channel, :recipient, :text, :at WHERE ${LIVE}
        AND :seq = 1 + (SELECT coalesce(max(seq), 0) FROM chat WHERE match_id = :id)`),
    lastChat: s('SELECT coalesce(max(seq), 0) AS n FROM chat WHERE match_id = :id'),
    chat: s(`SELECT seq, sender, channel, recipient, text, at FROM chat
      WHERE match_id = :id ORDER BY seq`),
    upsertSeat: s(`INSERT INTO seats (match_id, seat, token_hash, nickname, kind, bot_level,
        pass_hashes)
      SELECT :id, :seat, :token, :nickname, :kind, :level, :passes WHERE ${LIVE}
      ON CONFLICT (match_id, seat) DO UPDATE SET token_hash = excluded.token_hash,
        pass_hashes = excluded.pass_hashes,
        nickname = excluded.nickname, kind = excluded.kind, bot_level = excluded.bot_level`),
    seats: s(`SELECT seat, token_hash, nickname, kind, bot_level, pass_hashes FROM seats
      WHERE match_id = :id ORDER BY rowid`),
    saveClock: s(`INSERT INTO clocks (match_id, round, phase, paused, phase_ends_at, remaining_ms)
      SELECT :id, :round, :phase, :paused, :ends, :left WHERE ${LIVE}
      ON CONFLICT (match_id) DO UPDATE SET round = excluded.round, phase = excluded.phase,
        paused = excluded.paused, phase_ends_at = excluded.phase_ends_at,
        remaining_ms = excluded.remaining_ms`),
    clock: s(`SELECT round, phase, paused, phase_ends_at, remaining_ms FROM clocks
      WHERE match_id = :id`),
    deleteClock: s('DELETE FROM clocks WHERE match_id = :id'),
    finish: s(`UPDATE matches SET finished_at = :at, winner = :winner, rounds = :rounds
      WHERE id = :id AND finished_at IS NULL`),
    insertPhaseHash: s(`INSERT INTO phase_hashes (match_id, idx, round, phase, hash)
      VALUES (:id, :idx, :round, :phase, :hash)`),
    phaseHashes: s('SELECT round, phase, hash FROM phase_hashes WHERE match_id = :id ORDER BY idx'),
    deleteMatch: s('DELETE FROM matches WHERE id = :id'),
    deleteFinished: s('DELETE FROM matches WHERE id = :id AND finished_at IS NOT NULL'),
    setPublic: s('UPDATE matches SET public = :public WHERE id = :id AND finished_at IS NOT NULL'),
    setLabel: s('UPDATE matches SET label = :label WHERE id = :id AND finished_at IS NOT NULL'),
    saveHostState: s(
      'UPDATE matches SET host_state = :state WHERE id = :id AND finished_at IS NULL',
    ),
    setShareHash: s(
      'UPDATE matches SET share_hash = :hash WHERE id = :id AND finished_at IS NOT NULL',
    ),
    insertFinished: s(`INSERT INTO matches (id, code, scenario_id, settings, rules_version, seed,
      host_token_hash, created_at, room_settings, finished_at, winner, rounds)
      VALUES (:id, :code, :scenario, :settings, :rules, :seed, :host, :at, :room, :finishedAt,
        :winner, :rounds)`),
    insertCommand: s(`INSERT INTO commands (match_id, seq, command, state_hash, at)
      VALUES (:id, :seq, :command, :hash, :at)`),
    insertChat: s(`INSERT INTO chat (match_id, seq, sender, channel, recipient, text, at)
      VALUES (:id, :seq, :sender, :channel, :recipient, :text, :at)`),
    insertSeat: s(`INSERT INTO seats (match_id, seat, token_hash, nickname, kind, bot_level,
        pass_hashes)
      VALUES (:id, :seat, :token, :nickname, :kind, :level, :passes)`),
    insertAnnotation: s(`INSERT INTO annotations (match_id, round, phase, text, at)
      VALUES (:id, :round, :phase, :text, :at) RETURNING id`),
    annotations: s(`SELECT id, round, phase, text, at FROM annotations
      WHERE match_id = :id ORDER BY id`),
    deleteAnnotation: s('DELETE FROM annotations WHERE match_id = :id AND id = :note'),
    insertReflection: s(`INSERT INTO reflections (match_id, seat, round, phase, event_type,
      event_index, crisis, text, at)
      VALUES (:id, :seat, :round, :phase, :type, :index, :crisis, :text, :at) RETURNING id`),
    reflections: s(`SELECT id, seat, round, phase, event_type, event_index, crisis, text, at
      FROM reflections WHERE match_id = :id ORDER BY id`),
    addNoticeTarget: s(`INSERT INTO notice_targets (match_id, ${NOTICE_TARGET_COLUMNS}, created_at)
      SELECT :id, :seat, :pass, :channel, :address, :p256dh, :auth, :language, :zone, :at
      WHERE ${LIVE} AND (SELECT count(*) FROM notice_targets
        WHERE match_id = :id AND seat = :seat AND address <> :address) < :max
      ON CONFLICT (match_id, address) DO UPDATE SET seat = excluded.seat,
        pass_hash = excluded.pass_hash, channel = excluded.channel, p256dh = excluded.p256dh,
        auth = excluded.auth, language = excluded.language, time_zone = excluded.time_zone`),
    countNoticeTargets: s(`SELECT count(*) AS n FROM notice_targets
      WHERE match_id = :id AND seat = :seat`),
    noticeTargets: s(`SELECT ${NOTICE_TARGET_COLUMNS} FROM notice_targets
      WHERE match_id = :id ORDER BY rowid`),
    removeNoticeTargets: s(`DELETE FROM notice_targets WHERE match_id = :id
      AND (:pass IS NULL OR pass_hash = :pass) AND (:address IS NULL OR address = :address)`),
    countFinished: s(`SELECT count(*) AS n FROM matches WHERE ${FINISHED_FILTER}`),
    finished: s(`SELECT ${MATCH_COLUMNS} FROM matches WHERE ${FINISHED_FILTER}
      ORDER BY finished_at DESC, id DESC LIMIT :limit OFFSET :offset`),
  };
}
