import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rawRequest } from '../testing/raw-clients.ts';
import { describeWithServices } from '../testing/service-suite.ts';
import { freePort, missingRedis, type Service, startRedis } from '../testing/services.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/**
 * Issue 13, item 6: with REDIS_URL the per-address counters are shared by
 * every process, so an address gets one allowance, not one per process.
 * Two server processes on one Redis (SQLite each: the counters are all
 * that is shared here); a guesser alternates between them.
 */
describeWithServices('Redis', missingRedis(), 'limits shared by two processes', () => {
  let redis: Service;
  let dir = '';
  const servers: ServerProcess[] = [];

  beforeAll(async () => {
    redis = await startRedis();
    dir = await mkdtemp(join(tmpdir(), 'entanglement-shared-limits-'));
    for (const name of ['a', 'b']) {
      const port = await freePort();
      servers.push(
        await spawnServer(join(dir, name), {
          PORT: String(port),
          REDIS_URL: redis.url,
          PUBLIC_ADDRESS: `127.0.0.1:${port}`,
          LIMIT_JOIN_LOOKUP: '10/1m',
        }),
      );
    }
  }, 60_000);

  afterAll(async () => {
    await Promise.all(servers.map(killServer));
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  test('join-code look-ups are counted across both processes', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const server = servers[i % 2]!;
      const answer = await rawRequest(server.base, {
        path: `/api/join/ZZZ${i}`,
        from: '127.0.0.2',
      });
      statuses.push(answer.status);
    }
    // Ten in all, five through each, then both refuse.
    expect(statuses).toEqual([...Array(10).fill(404), ...Array(4).fill(429)]);
    // Another address has its own allowance on either.
    expect(
      (await rawRequest(servers[1]!.base, { path: '/api/join/ZZZ0', from: '127.0.0.3' })).status,
    ).toBe(404);
  });
});
