import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';
import { TEST_LIMITS } from '../testing/test-limits.ts';
import type { Inbox } from './test-clients.ts';

/** The tutorial as a host creates it in tests: three seats, long timers (tests move on with `skip`). */
export const TUTORIAL_MATCH = {
  scenario: 'tutorial-1950',
  nickname: 'Teacher',
  seats: ['china', 'ussr', 'usa'],
  timers: { news: 60, diplomacy: 60, resolution: 60 },
};

type ServerStore = NonNullable<Parameters<typeof startGameServer>[0]['store']>;

export interface TestServer<S extends ServerStore> {
  /** http://127.0.0.1:<port>, set once the server listens. */
  base: string;
  store: S;
  /** Clients to close when the file's tests are done. */
  inboxes: Inbox[];
}

export type StoredServer = TestServer<SqliteMatchStore>;

/**
 * A real server for one test file with the store `makeStore` gives (it may
 * use the temporary folder), started before its tests and stopped (clients
 * left, store closed, folder removed) after.
 */
export function useTestServer<S extends ServerStore>(
  prefix: string,
  makeStore: (dir: string) => S,
): TestServer<S> {
  const env = { base: '', inboxes: [] } as unknown as TestServer<S>;
  let server: RunningServer | undefined;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    env.store = makeStore(dir);
    server = await startGameServer({
      port: 0,
      host: '127.0.0.1',
      clientDist: join(dir, 'dist'),
      store: env.store,
      limits: TEST_LIMITS,
    });
    env.base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await Promise.all(env.inboxes.map((inbox) => inbox.leave()));
    await server?.stop();
    await (env.store as Partial<{ close(): Promise<void> }>)?.close?.();
    await rm(dir, { recursive: true, force: true });
  });
  return env;
}

/** A real server with a SQLite store in a temporary folder for one test file. */
export function useStoredServer(prefix: string): StoredServer {
  return useTestServer(prefix, (dir) => openSqliteStore({ dataDir: join(dir, 'data') }));
}
