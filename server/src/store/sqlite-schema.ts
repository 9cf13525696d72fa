import type { DatabaseSync } from 'node:sqlite';

/**
 * The SQLite schema as numbered migrations, applied in order on open. The
 * database records the version it is at in `schema_version` (one row). A
 * migration is never edited once shipped: a change is a new migration.
 */
export const MIGRATIONS: readonly { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE matches (
        id              TEXT PRIMARY KEY,
        code            TEXT NOT NULL,
        scenario_id     TEXT NOT NULL,
        settings        TEXT NOT NULL,            -- JSON
        rules_version   INTEGER NOT NULL,
        seed            TEXT NOT NULL,
        host_token_hash TEXT NOT NULL,            -- SHA-256 hex, never the token
        created_at      INTEGER NOT NULL,         -- ms since the epoch
        finished_at     INTEGER,                  -- NULL while live
        winner          TEXT,
        rounds          INTEGER
      ) STRICT;
      -- Two live matches never share a join code; finishing releases it.
      CREATE UNIQUE INDEX matches_live_code ON matches (code) WHERE finished_at IS NULL;
      CREATE INDEX matches_finished ON matches (finished_at DESC, id DESC)
        WHERE finished_at IS NOT NULL;
      CREATE INDEX matches_finished_by_scenario ON matches (scenario_id, finished_at DESC, id DESC)
        WHERE finished_at IS NOT NULL;

      CREATE TABLE commands (
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seq        INTEGER NOT NULL,              -- the engine's step after it: 1, 2, …
        command    TEXT NOT NULL,                 -- JSON
        state_hash TEXT NOT NULL,
        at         INTEGER NOT NULL,
        PRIMARY KEY (match_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE chat (
        match_id  TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seq       INTEGER NOT NULL,
        sender    TEXT NOT NULL,
        channel   TEXT NOT NULL CHECK (channel IN ('public', 'team', 'private')),
        recipient TEXT,
        text      TEXT NOT NULL,
        at        INTEGER NOT NULL,
        PRIMARY KEY (match_id, seq)
      ) STRICT, WITHOUT ROWID;

      CREATE TABLE seats (
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seat       TEXT NOT NULL,
        token_hash TEXT,                          -- SHA-256 hex, never the token
        nickname   TEXT NOT NULL,
        kind       TEXT NOT NULL CHECK (kind IN ('human', 'bot')),
        bot_level  TEXT,
        PRIMARY KEY (match_id, seat)
      ) STRICT;                                   -- rowid keeps the order seats were first stored

      CREATE TABLE clocks (
        match_id      TEXT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
        round         INTEGER NOT NULL,
        phase         TEXT NOT NULL,
        paused        INTEGER NOT NULL CHECK (paused IN (0, 1)),
        phase_ends_at INTEGER,
        remaining_ms  INTEGER,
        CHECK ((paused = 0 AND phase_ends_at IS NOT NULL) OR (paused = 1 AND remaining_ms IS NOT NULL))
      ) STRICT;

      CREATE TABLE phase_hashes (
        match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        idx      INTEGER NOT NULL,                -- order played
        round    INTEGER NOT NULL,
        phase    TEXT NOT NULL,
        hash     TEXT NOT NULL,
        PRIMARY KEY (match_id, idx)
      ) STRICT, WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    sql: `
      -- The room's own settings (phase timers), JSON; not the engine's settings.
      ALTER TABLE matches ADD COLUMN room_settings TEXT;
    `,
  },
  {
    version: 3,
    sql: `
      -- Teacher annotations: notes pinned to a round and phase of a match.
      CREATE TABLE annotations (
        id       INTEGER PRIMARY KEY,
        match_id TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        round    INTEGER NOT NULL,
        phase    TEXT NOT NULL,
        text     TEXT NOT NULL,
        at       INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX annotations_by_match ON annotations (match_id, id);

      -- Players' one-line reflections on an event (a call answered, an entrapment).
      CREATE TABLE reflections (
        id          INTEGER PRIMARY KEY,
        match_id    TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        seat        TEXT NOT NULL,
        round       INTEGER NOT NULL,
        phase       TEXT NOT NULL,
        event_type  TEXT NOT NULL,
        event_index INTEGER,
        crisis      TEXT,
        text        TEXT NOT NULL,
        at          INTEGER NOT NULL
      ) STRICT;
      CREATE INDEX reflections_by_match ON reflections (match_id, id);
    `,
  },
  {
    version: 4,
    sql: `
      -- Personal seat passes: the SHA-256 hex of each person's pass, space-separated.
      ALTER TABLE seats ADD COLUMN pass_hashes TEXT;
      -- Private archives: a finished match is listed to everyone only once its host makes it public;
      -- share_hash is the SHA-256 hex of the per-match link's key.
      ALTER TABLE matches ADD COLUMN public INTEGER NOT NULL DEFAULT 0 CHECK (public IN (0, 1));
      ALTER TABLE matches ADD COLUMN share_hash TEXT;
    `,
  },
  {
    version: 5,
    sql: `
      -- The host's standing decisions about people (seating lock, mutes by nickname and pass hash), JSON.
      ALTER TABLE matches ADD COLUMN host_state TEXT;
    `,
  },
  {
    version: 6,
    sql: `
      -- Where a seat asked to be told of its match (a browser's push subscription or an e-mail
      -- address); pass_hash is the SHA-256 hex of the pass that registered it, never the pass.
      CREATE TABLE notice_targets (
        match_id   TEXT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
        address    TEXT NOT NULL,                 -- the push endpoint or the e-mail address
        seat       TEXT NOT NULL,
        pass_hash  TEXT NOT NULL,
        channel    TEXT NOT NULL CHECK (channel IN ('push', 'email')),
        p256dh     TEXT,
        auth       TEXT,
        language   TEXT NOT NULL,
        time_zone  TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (match_id, address)
      ) STRICT;
    `,
  },
  {
    version: 7,
    sql: `
      -- The host's label of a finished match (a class, a period), which the archive filters by.
      ALTER TABLE matches ADD COLUMN label TEXT;
      CREATE INDEX matches_by_label ON matches (label) WHERE label IS NOT NULL;
    `,
  },
];

export const SCHEMA_VERSION = MIGRATIONS.at(-1)!.version;

/**
 * Brings the database up to `SCHEMA_VERSION` in one transaction (a crash part
 * way leaves it at the old version). Refuses a database written by a newer
 * server rather than guess at its tables.
 */
export function migrate(db: DatabaseSync, file: string): void {
  db.exec('BEGIN IMMEDIATE');
  try {
    db.exec('CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL) STRICT');
    const row = db.prepare('SELECT version FROM schema_version').get() as
      | { version: number }
      | undefined;
    const current = row?.version ?? 0;
    if (current > SCHEMA_VERSION) {
      throw new Error(
        `${file} has schema version ${current}, but this server knows only up to ${SCHEMA_VERSION}: ` +
          'run a newer server, or restore a backup made by this one.',
      );
    }
    for (const m of MIGRATIONS) if (m.version > current) db.exec(m.sql);
    if (row === undefined) {
      db.prepare('INSERT INTO schema_version (version) VALUES (?)').run(SCHEMA_VERSION);
    } else if (current < SCHEMA_VERSION) {
      db.prepare('UPDATE schema_version SET version = ?').run(SCHEMA_VERSION);
    }
    db.exec('COMMIT');
  } catch (err) {
    rollback(db);
    throw err;
  }
}

/** Ends a failed transaction, unless SQLite has already rolled it back (it does on some I/O errors). */
export function rollback(db: DatabaseSync): void {
  try {
    db.exec('ROLLBACK');
  } catch {
    // No transaction is active: nothing to undo, and the caller rethrows the real error.
  }
}
