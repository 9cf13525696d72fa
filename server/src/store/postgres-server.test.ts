import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { hostInbox } from '../rooms/test-clients.ts';
import { freePort } from '../testing/services.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';
import { openPostgresStore } from './postgres.ts';
import { describeWithPostgres } from './postgres-fixture.ts';

/** The real server (`server/src/main.ts` in a child process) choosing its store by DATABASE_URL. */

let dataDir: string;
const children: ServerProcess[] = [];
beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'entanglement-pg-server-'));
});
afterAll(async () => {
  for (const child of children) await killServer(child);
  await rm(dataDir, { recursive: true, force: true });
});

test('a DATABASE_URL nobody answers at stops the server at start with one clear line', async () => {
  const port = await freePort(); // nothing listens there
  const url = `postgres://game:s3cret@127.0.0.1:${port}/entanglement`;
  const error = await spawnServer(dataDir, { DATABASE_URL: url }).then(
    (child) => {
      children.push(child);
      return null;
    },
    (err: Error) => err,
  );
  expect(error?.message).toMatch(/^The server exited \(1\)/);
  // On a fresh checkout the server first says the client is not built yet: not about Postgres.
  // Log lines are JSON (pino); the message is `msg`.
  const lines = (error?.message.split('\n').slice(1) ?? [])
    .filter((line) => line.trim() !== '')
    .map((line) => (JSON.parse(line) as { msg: string }).msg)
    .filter((msg) => !msg.startsWith('The client is not built'));
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(
    new RegExp(
      `^Cannot use Postgres at postgres://game:\\*\\*\\*@127\\.0\\.0\\.1:${port}/entanglement: .*ECONNREFUSED`,
    ),
  );
  expect(error?.message).not.toContain('s3cret');
});

describeWithPostgres('the server on Postgres', (pg) => {
  test('keeps its matches in Postgres and brings them back after kill -9', async () => {
    const db = await pg.schema();
    const env = { DATABASE_URL: db.url };
    const first = await spawnServer(dataDir, env);
    children.push(first);
    expect(first.output()).toMatch(/Match data: Postgres at postgres:\/\/postgres@127\.0\.0\.1/);
    const room = (
      await hostInbox(first.base, {
        scenario: 'tutorial-1950',
        nickname: 'Teacher',
        seats: ['china', 'ussr', 'usa'],
      })
    ).room;
    room.reconnection.enabled = false; // the server is about to be killed
    const store = await openPostgresStore({ url: db.url });
    try {
      await expect
        .poll(async () => (await store.listLive()).map((m) => m.id))
        .toEqual([room.roomId]);
      await killServer(first);
      const second = await spawnServer(dataDir, env);
      children.push(second);
      expect(second.output()).toContain(`Restored match ${room.roomId}`);
      await killServer(second);
    } finally {
      await store.close();
      await db.drop();
    }
  });
});
