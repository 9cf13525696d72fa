import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { REPO_ROOT } from './config.ts';

/**
 * `npm run bench:server -- --quick` still plays its two matches to the end
 * (server/scripts/bench-server.ts): it exits 0 only when every match
 * finished and was archived and no client got an unexpected error. Its
 * latencies are not checked here (they depend on the machine's load).
 */
test('the server benchmark plays two matches to the end (--quick)', async () => {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'server/scripts/bench-server.ts', '--quick'],
    { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  expect(out).toContain('matches: 2 finished and archived, 0 failed');
  expect(out).toMatch(/order → ack: +p50 [\d.]+ ms +p99 [\d.]+ ms/);
  expect(code, out).toBe(0);
}, 60_000);
