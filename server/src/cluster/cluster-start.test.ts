import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { freePort } from '../testing/services.ts';
import { spawnServer } from '../testing/spawn-server.ts';

test('a REDIS_URL nobody answers at stops the server at start with one line saying why, password hidden', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-redis-start-'));
  try {
    const port = await freePort();
    const started = spawnServer(dir, { REDIS_URL: `redis://:s3cret@127.0.0.1:${port}` });
    const error = await started.then(
      () => null,
      (e: Error) => e.message,
    );
    expect(error).toContain(
      `Cannot reach Redis at REDIS_URL (redis://:***@127.0.0.1:${port}): connect ECONNREFUSED`,
    );
    expect(error).toMatch(/The server exited \(1\)/);
    expect(error).not.toContain('s3cret');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
