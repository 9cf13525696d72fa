import type { Pool } from 'pg';
import { transaction } from './postgres-pool.ts';

/**
 * The Postgres schema as numbered migrations, applied in order when a store
 * opens (`migrate`). The database records the version it is at in
 * `schema_version` (one row). A migration is never edited once shipped: a
 * change is a new migration. The tables have the same columns as SQLite's
 * (`sqlite-schema.ts`), so the row builders and readers in `rows.ts` serve both.
 * Times are BIGINT milliseconds since the epoch; JSON is TEXT, kept as written.
 */
const PG_MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE matches (
        id              TEXT PRIMARY KEY,
        code            TEXT NOT NULL,
        scenario_id     TEXT NOT NULL,
        settings        TEXT NOT NULL,
        rules_version   INTEGER NOT NULL,
        seed            TEXT NOT NULL,
        host_token_hash TEXT NOT NULL,
        created_at      BIGINT NOT NULL,
        finished_at     BIGINT,
        winner          TEXT,
        rounds          INTEGER,
        room_settings   TEXT
      );
      -- Two live matches never share a join code, whichever process claims it;
      -- finishing releases it.
      CREATE UNIQUE INDEX matches_live_code ON matches (code) WHERE finished_at IS NULL;
      CREATE INDEX matches_finished ON matches (finished_at DESC, id DESC)
        WHERE finished_at IS NOT NULL;
      CREATE INDEX matches_finished_by_scenario ON matches (scenario_id, finished_at DESC, id DESC)
        WHERE finished_at IS NOT NULL;

      CREATE TABLE commands (
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,
        command    TEXT NOT NULL,
        state_hash TEXT NOT NULL,
        at         BIGINT NOT NULL,
        PRIMARY KEY (match_id, seq)
      );

      CREATE TABLE chat (
        match_id  TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        sender    TEXT NOT NULL,
        channel   TEXT NOT NULL CHECK (channel IN ('public', 'team', 'private')),
        recipient TEXT,
        text      TEXT NOT NULL,
        at        BIGINT NOT NULL,
        PRIMARY KEY (match_id, seq)
      );

      CREATE TABLE seats (
        ord        BIGINT GENERATED ALWAYS AS IDENTITY, -- the order seats were first stored
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seat       TEXT NOT NULL,
        token_hash TEXT,
        nickname   TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('human', 'bot')),
        bot_level  TEXT,
        PRIMARY KEY (match_id, seat)
      );

      CREATE TABLE clocks (
        match_id      TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
        round         INTEGER NOT NULL,
        phase         TEXT NOT NULL,
        paused        SMALLINT NOT NULL CHECK (paused IN (0, 1)),
        phase_ends_at BIGINT,
        remaining_ms  BIGINT,
        CHECK ((paused = 0 AND phase_ends_at IS NOT NULL) OR (paused = 1 AND remaining_ms IS NOT NULL))
      );

      CREATE TABLE phase_hashes (
        match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        idx      INTEGER NOT NULL,
        round    INTEGER NOT NULL,
        phase    TEXT NOT NULL,
        hash     TEXT NOT NULL,
        PRIMARY KEY (match_id, idx)
      );

      CREATE TABLE annotations (
        id       BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        round    INTEGER NOT NULL,
        phase    TEXT NOT NULL,
        text     TEXT NOT NULL,
        at       BIGINT NOT NULL
      );
      CREATE INDEX annotations_by_match ON annotations (match_id, id);

      CREATE TABLE reflections (
        id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        match_id    TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seat        TEXT NOT NULL,
        round       INTEGER NOT NULL,
        phase       TEXT NOT NULL,
        event_type  TEXT NOT NULL,
        event_index INTEGER,
        crisis      TEXT,
        text        TEXT NOT NULL,
        at          BIGINT NOT NULL
      );
      CREATE INDEX reflections_by_match ON reflections (match_id, id);
    `,
  },
  {
    version: 2,
    sql: `
      ALTER TABLE seats ADD COLUMN pass_hashes TEXT;
      ALTER TABLE matches ADD COLUMN public BOOLEAN NOT NULL DEFAULT FALSE;
      ALTER TABLE matches ADD COLUMN share_hash TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      -- The host's standing decisions about people (seating lock, mutes by nickname and pass hash), JSON.
      ALTER TABLE matches ADD COLUMN host_state TEXT;
    `,
  },
  {
    version: 4,
    sql: `
      -- Where a seat asked to be told of its match (a browser's push subscription or an e-mail
      -- address); pass_hash is the SHA-256 hex of the pass that registered it, never the pass.
      CREATE TABLE notice_targets (
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        address    TEXT NOT NULL,
        seat       TEXT NOT NULL,
        pass_hash  TEXT NOT NULL,
        channel    TEXT NOT NULL CHECK (channel IN ('push', 'email')),
        p256dh     TEXT,
        auth       TEXT,
        language   TEXT NOT NULL,
        time_zone  TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        PRIMARY KEY (match_id, address)
      );
    `,
  },
  {
    version: 5,
    sql: `
      -- The host's label of a finished match (a class, a period), which the archive filters by.
      ALTER TABLE matches ADD COLUMN label TEXT;
      CREATE INDEX matches_by_label ON matches (label) WHERE label IS NOT NULL;
    `,
  },
];

export const PG_SCHEMA_VERSION = PG_MIGRATIONS.at(-1)!.version;

/** The advisory lock that lets one process at a time migrate (any constant shared by all servers). */
const MIGRATION_LOCK = 7_370_001;

/**
 * Brings the database up to `PG_SCHEMA_VERSION` in one transaction, holding
 * an advisory lock so that servers starting together migrate one after the
 * other (the later ones find nothing to do). Refuses a database written by a
 * newer server rather than guess at its tables. Returns the version.
 */
export async function migratePostgres(pool: Pool): Promise<number> {
  return transaction(pool, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)');
    const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_version');
    const current = rows[0]?.version ?? 0;
    if (current > PG_SCHEMA_VERSION) {
      throw new Error(
        `the database has schema version ${current}, but this server knows only up to ` +
          `${PG_SCHEMA_VERSION}: run a newer server, or restore a backup made by this one.`,
      );
    }
    for (const m of PG_MIGRATIONS) if (m.version > current) await client.query(m.sql);
    if (rows.length === 0) {
      await client.query('INSERT INTO schema_version (version) VALUES ($1)', [PG_SCHEMA_VERSION]);
    } else if (current < PG_SCHEMA_VERSION) {
      await client.query('UPDATE schema_version SET version = $1', [PG_SCHEMA_VERSION]);
    }
    return PG_SCHEMA_VERSION;
  });
}
