import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { DEFAULT_DB_FILE, openSqliteStore } from '../store/sqlite.ts';
import { playLegitimateMatch } from '../testing/legitimate-match.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/** `npm run backup` (server/scripts/backup-sqlite.ts), as docs/deploy.md runs it beside a live server. */
function backup(...args: string[]) {
  return spawnSync(
    process.execPath,
    ['--import', 'tsx', 'server/scripts/backup-sqlite.ts', ...args],
    {
      cwd: REPO_ROOT,
      encoding: 'utf8',
    },
  );
}

let dir = '';
let server: ServerProcess | undefined;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-backup-'));
  server = await spawnServer(join(dir, 'data'));
});

afterAll(async () => {
  if (server) await killServer(server);
  await rm(dir, { recursive: true, force: true });
});

test('a backup taken while the server runs restores every finished match with its whole log', async () => {
  const { roomId } = await playLegitimateMatch(server!.base, join(dir, 'data'));
  const copy = join(dir, 'copy.sqlite');
  const made = backup('--data', join(dir, 'data'), '--to', copy);
  expect(made.status, made.stderr).toBe(0);
  expect(made.stdout).toMatch(/^Backed up 1 matches from .* to .*copy\.sqlite\.$/m);

  // Restored as docs/deploy.md says: the copy in place of the store's file.
  mkdirSync(join(dir, 'restored'));
  copyFileSync(copy, join(dir, 'restored', DEFAULT_DB_FILE));
  const restored = openSqliteStore({ dataDir: join(dir, 'restored') });
  const original = openSqliteStore({ dataDir: join(dir, 'data') });
  try {
    expect((await restored.getMatch(roomId))?.finishedAt).not.toBeNull();
    const log = await restored.loadLog(roomId);
    expect(log.length).toBeGreaterThan(0);
    expect(log).toEqual(await original.loadLog(roomId));
  } finally {
    await restored.close();
    await original.close();
  }
});

test('a backup never overwrites a file, and says where the data is when it is not there', () => {
  const copy = join(dir, 'twice.sqlite');
  expect(backup('--data', join(dir, 'data'), '--to', copy).status).toBe(0);
  const again = backup('--data', join(dir, 'data'), '--to', copy);
  expect(again.status).toBe(1);
  expect(again.stderr.trim()).toBe(`${copy} exists already: a backup never overwrites a file.`);
  const nowhere = backup('--data', join(dir, 'nothing-here'), '--to', join(dir, 'x.sqlite'));
  expect(nowhere.status).toBe(1);
  expect(nowhere.stderr).toMatch(
    /^No match data at .*: pass --data with the server's DATA_DIR\.$/m,
  );
});
