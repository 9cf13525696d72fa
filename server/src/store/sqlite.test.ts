import { spawn } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { newMatch, storeContract } from './contract.ts';
import { checkFinishIsAtomic, cmd } from './contract-helpers.ts';
import { DEFAULT_DB_FILE, openSqliteStore, type SqliteMatchStore } from './sqlite.ts';
import { MIGRATIONS, SCHEMA_VERSION } from './sqlite-schema.ts';
import type { MatchStore } from './types.ts';

const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const SQLITE_MODULE = new URL('./sqlite.ts', import.meta.url).href;

storeContract('SQLite', async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'entanglement-store-'));
  const opened: MatchStore[] = [openSqliteStore({ dataDir })];
  return {
    store: opened[0]!,
    async reopen() {
      const store = openSqliteStore({ dataDir });
      opened.push(store);
      return store;
    },
    async dispose() {
      for (const store of opened) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
});

describe('the SQLite store', () => {
  let dir: string;
  const open: SqliteMatchStore[] = [];
  const openStore = (dataDir = dir) => {
    const store = openSqliteStore({ dataDir });
    open.push(store);
    return store;
  };
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'entanglement-sqlite-'));
  });
  afterEach(async () => {
    for (const store of open.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  test('creates its directory and file, in WAL mode with synchronous=NORMAL, at the schema version', () => {
    const dataDir = join(dir, 'nested', 'data');
    const store = openStore(dataDir);
    expect(existsSync(join(dataDir, DEFAULT_DB_FILE))).toBe(true);
    expect(store.info()).toEqual({
      file: join(dataDir, DEFAULT_DB_FILE),
      journalMode: 'wal',
      synchronous: 'NORMAL',
      schemaVersion: SCHEMA_VERSION,
    });
    const full = openSqliteStore({ dataDir, synchronous: 'FULL' });
    open.push(full);
    expect(full.info().synchronous).toBe('FULL');
  });

  test('group commit: appends of many matches issued together land in one go, each refused alone, settled only after the commit', async () => {
    const store = openStore();
    const matches = Array.from({ length: 20 }, (_, i) => newMatch(i + 1).record);
    for (const record of matches) await store.createMatch(record);
    const rows = () => {
      const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
      const n = Number((db.prepare('SELECT count(*) AS n FROM commands').get() as { n: number }).n);
      db.close();
      return n;
    };
    let settled = 0;
    const appends = matches.map((record, i) =>
      // The eighth is out of order (seq 2 before seq 1): refused, the others not.
      store.appendCommand(record.id, i === 7 ? 2 : 1, cmd(1), `h${i}`, 1_000 + i).then(() => {
        settled++;
      }),
    );
    // Nothing is written, nor acknowledged, before the batch's commit.
    expect(rows()).toBe(0);
    expect(settled).toBe(0);
    const results = await Promise.allSettled(appends);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(19);
    expect(results[7]).toMatchObject({ status: 'rejected', reason: { code: 'outOfOrderSeq' } });
    expect(rows()).toBe(19);
    // Two appends of one match in one batch keep their order.
    await Promise.all([
      store.appendCommand(matches[0]!.id, 2, cmd(2), 'a2', 2_000),
      store.appendCommand(matches[0]!.id, 3, cmd(3), 'a3', 2_001),
    ]);
    expect((await store.loadLog(matches[0]!.id)).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test('reopening keeps the data and does not migrate twice', async () => {
    const first = openStore();
    const { record } = newMatch(1);
    await first.createMatch(record);
    await first.close();
    const second = openStore();
    expect(await second.getMatch(record.id)).not.toBeNull();
    const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
    expect(db.prepare('SELECT version FROM schema_version').all()).toEqual([
      { version: SCHEMA_VERSION },
    ]);
    db.close();
  });

  test('keeps the room settings of a match; upgrades a version-1 database in place', async () => {
    const store = openStore();
    const { record } = newMatch(1);
    await store.createMatch({ ...record, roomSettings: { timers: { news: 30 } } });
    expect((await store.getMatch(record.id))?.roomSettings).toEqual({ timers: { news: 30 } });

    const oldDir = join(dir, 'v1');
    mkdirSync(oldDir);
    const db = new DatabaseSync(join(oldDir, DEFAULT_DB_FILE));
    db.exec(MIGRATIONS[0]!.sql);
    db.exec('CREATE TABLE schema_version (version INTEGER NOT NULL) STRICT');
    db.exec('INSERT INTO schema_version (version) VALUES (1)');
    db.prepare(
      `INSERT INTO matches (id, code, scenario_id, settings, rules_version, seed, host_token_hash, created_at)
       VALUES ('old', 'ABCDEF', 'tutorial-1950', '{}', 1, 's', ?, 1)`,
    ).run(record.hostTokenHash);
    db.close();
    const upgraded = openStore(oldDir);
    expect(upgraded.info().schemaVersion).toBe(SCHEMA_VERSION);
    const old = await upgraded.getMatch('old');
    expect(old).toMatchObject({ id: 'old', code: 'ABCDEF' });
    expect(old).not.toHaveProperty('roomSettings');
  });

  test('refuses a database from a newer server, and says so', async () => {
    await openStore().close();
    const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
    db.exec('UPDATE schema_version SET version = 99');
    db.close();
    expect(() => openSqliteStore({ dataDir: dir })).toThrow(
      new RegExp(`schema version 99.*only up to ${SCHEMA_VERSION}`),
    );
  });

  test('stores no token, only hashes: a plain token is nowhere in the file', async () => {
    const store = openStore();
    const { record, hostToken } = newMatch(1);
    await store.createMatch(record);
    await store.close();
    const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
    const row = db.prepare('SELECT * FROM matches').get()!;
    db.close();
    expect(JSON.stringify(row)).not.toContain(hostToken);
    expect(row.host_token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  test('finish is one transaction: a failure part way leaves the match live and unchanged', async () => {
    await checkFinishIsAtomic(openStore(), async () => {
      const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
      db.exec(`CREATE TRIGGER fail_third BEFORE INSERT ON phase_hashes WHEN NEW.idx = 2
        BEGIN SELECT RAISE(ABORT, 'disk trouble'); END`);
      db.close();
    });
    const check = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
    expect(check.prepare('SELECT count(*) AS n FROM phase_hashes').get()).toEqual({ n: 0 });
    check.close();
  });

  describe('a process killed with SIGKILL loses no acknowledged command', () => {
    test.each([
      ['right after its 40th append resolves', 40, 0],
      ['by its parent while it is appending', 0, 150],
    ])('killed %s', async (_, killAfter, parentKillsAt) => {
      const setup = openStore();
      const { record } = newMatch(1);
      await setup.createMatch(record);
      await setup.close();

      const { acked, signal, code, stderr } = await runAppender(
        dir,
        record.id,
        killAfter,
        parentKillsAt,
      );
      expect(signal, `exit ${code}: ${stderr}`).toBe('SIGKILL');
      const last = acked.at(-1)!;
      expect(last).toBeGreaterThanOrEqual(killAfter || parentKillsAt);

      const db = new DatabaseSync(join(dir, DEFAULT_DB_FILE));
      expect(db.prepare('PRAGMA integrity_check').get()).toEqual({ integrity_check: 'ok' });
      db.close();
      const log = await openStore().loadLog(record.id);
      if (killAfter) expect(log.length).toBe(killAfter);
      expect(log.length).toBeGreaterThanOrEqual(last);
      log.forEach((entry, i) => {
        expect(entry).toMatchObject({ seq: i + 1, command: { n: i + 1 }, stateHash: `h${i + 1}` });
      });
    });
  });
});

/**
 * Runs a child Node process (TypeScript through tsx) that appends commands to
 * the match and prints each seq once its append has resolved. It kills itself
 * after `killAfter` acknowledgements, or its parent kills it on seeing
 * `parentKillsAt` of them.
 */
function runAppender(
  dataDir: string,
  matchId: string,
  killAfter: number,
  parentKillsAt: number,
): Promise<{
  acked: number[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
}> {
  const script = `
    const { openSqliteStore } = await import(process.env.STORE_MODULE);
    // Not fs.writeSync(1): on a pipe it throws EAGAIN when the parent reads slowly (a loaded CI machine).
    const say = (line) => new Promise((done) => process.stdout.write(line, done));
    const store = openSqliteStore({ dataDir: process.env.DATA_DIR });
    const killAfter = Number(process.env.KILL_AFTER);
    for (let seq = 1; seq < 1_000_000; seq++) {
      await store.appendCommand(process.env.MATCH_ID, seq, { kind: 'advance', n: seq }, 'h' + seq, Date.now());
      await say(seq + '\\n');
      if (seq === killAfter) process.kill(process.pid, 'SIGKILL');
    }
  `;
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--input-type=module', '--eval', script],
    {
      cwd: REPO_ROOT,
      env: {
        ...process.env,
        STORE_MODULE: SQLITE_MODULE,
        DATA_DIR: dataDir,
        MATCH_ID: matchId,
        KILL_AFTER: String(killAfter),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const acked: number[] = [];
  let stderr = '';
  let buffer = '';
  const guard = setTimeout(() => child.kill('SIGKILL'), 20_000);
  child.stderr.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  child.stdout.on('data', (chunk: Buffer) => {
    buffer += chunk.toString();
    const lines = buffer.split('\n');
    buffer = lines.pop()!;
    for (const line of lines) acked.push(Number(line));
    if (parentKillsAt && acked.length >= parentKillsAt) child.kill('SIGKILL');
  });
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      if (acked.length === 0) {
        reject(new Error(`The appender acknowledged nothing (exit ${code}, ${signal}): ${stderr}`));
      } else resolve({ acked, signal, code, stderr });
    });
  });
}
