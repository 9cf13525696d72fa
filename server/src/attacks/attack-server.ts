import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect } from 'vitest';
import type { Inbox } from '../rooms/test-clients.ts';
import { playLegitimateMatch } from '../testing/legitimate-match.ts';
import { rawRequest } from '../testing/raw-clients.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

export interface AttackServer {
  /** http://127.0.0.1:<port> of the real server (main.ts in a child process). */
  base: string;
  dataDir: string;
  server: ServerProcess;
  /** Clients to close after the file's tests. */
  inboxes: Inbox[];
  /** The server is up, answers, and a class's match still plays to its end with every ack in its log. */
  stillServes(): Promise<void>;
}

/**
 * The real server for one attack file (issue 13, item 12): started before
 * its tests in a child process with a SQLite store, killed after them.
 */
export function useAttackServer(prefix: string, env: NodeJS.ProcessEnv = {}): AttackServer {
  const target = { inboxes: [] as Inbox[] } as unknown as AttackServer;
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), prefix));
    target.dataDir = join(dir, 'data');
    target.server = await spawnServer(target.dataDir, env);
    target.base = target.server.base;
  });
  afterAll(async () => {
    await Promise.all(target.inboxes.map((inbox) => inbox.leave()));
    if (target.server) await killServer(target.server);
    await rm(dir, { recursive: true, force: true });
  });
  target.stillServes = async () => {
    expect(target.server.process.exitCode).toBeNull();
    expect((await rawRequest(target.base, { path: '/api/health' })).status).toBe(200);
    await playLegitimateMatch(target.base, target.dataDir);
  };
  return target;
}
