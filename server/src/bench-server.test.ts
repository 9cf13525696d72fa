import { spawn } from 'node:child_process';
import { expect, test } from 'vitest';
import { REPO_ROOT } from './config.ts';
import { describeWithServices } from './testing/service-suite.ts';
import { missingRedis } from './testing/services.ts';

/** Runs a benchmark script (`node --import tsx <script> --quick`): its exit code and everything it printed. */
async function runQuick(script: string): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, '--quick'], {
    cwd: REPO_ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { code, out };
}

/**
 * `npm run bench:server -- --quick` still plays its two matches to the end
 * (server/scripts/bench-server.ts): it exits 0 only when every match
 * finished and was archived and no client got an unexpected error. Its
 * latencies are not checked here (they depend on the machine's load).
 */
test('the server benchmark plays two matches to the end (--quick)', async () => {
  const { code, out } = await runQuick('server/scripts/bench-server.ts');
  expect(out).toContain('matches: 2 finished and archived, 0 failed');
  expect(out).toMatch(/order → ack: +p50 [\d.]+ ms +p99 [\d.]+ ms/);
  expect(code, out).toBe(0);
}, 60_000);

/**
 * `npm run bench:scale -- --quick` plays two matches against one server
 * process, then two against two processes sharing a Redis
 * (server/scripts/bench-scale.ts), and prints both tables and the ratio,
 * with the same exit code rule as above.
 */
describeWithServices('Redis', missingRedis(), 'the scaling benchmark', () => {
  test('the scaling benchmark plays two matches on one process and two on two (--quick)', async () => {
    const { code, out } = await runQuick('server/scripts/bench-scale.ts');
    expect(out).toMatch(/2 matches, one process: 2 finished/);
    expect(out).toMatch(/2 matches, two processes \+ Redis: 2 finished/);
    // The two processes' stores hold the two matches between them (where each goes is the matchmaker's choice).
    expect(out).toMatch(/^\| 2 \| (2 \+ 0|1 \+ 1|0 \+ 2) \|/m);
    expect(out).toMatch(/matches held at order → ack p99 < 50 ms: one process \d+.*; ratio /);
    expect(code, out).toBe(0);
  }, 60_000);
});
