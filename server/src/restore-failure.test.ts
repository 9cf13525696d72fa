import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OLDEST_RULES_VERSION, RULES_VERSION } from '@entanglement/shared';
import { afterEach, expect, test, vi } from 'vitest';
import { type RunningServer, startGameServer } from './game-server.ts';
import { captureLog } from './log.ts';
import { newMatch } from './store/contract-helpers.ts';
import { openSqliteStore, type SqliteMatchStore } from './store/sqlite.ts';
import { TEST_LIMITS } from './testing/test-limits.ts';

let dir = '';
let store: SqliteMatchStore | undefined;
let server: RunningServer | undefined;

afterEach(async () => {
  await server?.stop();
  await store?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
  vi.restoreAllMocks();
});

test('a live match the server cannot rebuild (written for other rules) is left in the store as it is', async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-restore-failure-'));
  store = openSqliteStore({ dataDir: dir });
  const other = newMatch(1, { rulesVersion: RULES_VERSION + 1 });
  await store.createMatch(other.record);
  const logged = captureLog();

  server = await startGameServer({
    port: 0,
    host: '127.0.0.1',
    clientDist: dir,
    store,
    limits: TEST_LIMITS,
  });
  // Let the refused room's disposal run its course.
  await new Promise((resolve) => setTimeout(resolve, 300));

  logged.restore();
  const line = logged.lines.find((l) => l.msg?.includes('could not be restored'));
  expect(line).toMatchObject({
    level: 50,
    roomId: other.record.id,
    msg: `Match ${other.record.id} could not be restored: rules version ${RULES_VERSION + 1} is newer than this engine's (it plays versions ${OLDEST_RULES_VERSION} to ${RULES_VERSION}): update the game to replay it.`,
  });
  // A refusal to rebuild is the server's own report, one line: no stack trace anywhere.
  expect(logged.lines.filter((l) => /\n\s+at /.test(String(l.msg)) || l.err !== undefined)).toEqual(
    [],
  );
  expect((await store.listLive()).map((m) => m.id)).toEqual([other.record.id]);
  expect(await store.findLiveByCode(other.record.code)).toBe(other.record.id);
});
