/**
 * `npm run bench:client [-- --runs 7]`: builds the client, reports the gzip
 * size of its JavaScript (what the home page loads, and the map's chunk that
 * the match page adds), then times, in headless Chromium, the navigation of
 * the projector page of a running match until the map's first frame (the
 * `entanglement:map-drawn` performance mark). Prints the median of several
 * runs, each in a fresh browser context (empty cache).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { Client } from '@colyseus/sdk';
import { chromium } from 'playwright-core';
import { CLIENT_DIST } from '../../server/src/config.ts';
import { createMatch } from '../../server/src/rooms/test-clients.ts';
import { killServer, spawnServer } from '../../server/src/testing/spawn-server.ts';
import { CHROMIUM_ARGS, chromiumPath } from '../e2e/chromium.ts';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs must be a whole number ≥ 1');
const MAP_DRAWN = 'entanglement:map-drawn';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

console.log(`command: npm run bench:client -- --runs ${runs}`);
const build = spawnSync('npm', ['run', 'build', '--workspace', 'client'], {
  encoding: 'utf8',
  env: { ...process.env, NODE_ENV: 'production' },
});
if (build.status !== 0) throw new Error(`The build failed:\n${build.stdout}${build.stderr}`);

// ---- size ----
const assets = join(CLIENT_DIST, 'assets');
const index = readFileSync(join(CLIENT_DIST, 'index.html'), 'utf8');
let total = 0;
let initial = 0;
console.log('\nJavaScript (gzip -9):');
for (const file of readdirSync(assets)
  .filter((f) => f.endsWith('.js'))
  .sort()) {
  const bytes = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  const eager = index.includes(file);
  total += bytes;
  if (eager) initial += bytes;
  console.log(
    `  ${file.padEnd(32)} ${kb(bytes).padStart(10)}${eager ? '  (loaded by every page)' : ''}`,
  );
}
console.log(`  total ${kb(total)} (target ≤ 600 KB); the home page loads ${kb(initial)}`);
for (const file of readdirSync(assets).filter((f) => f.endsWith('.json'))) {
  const bytes = gzipSync(readFileSync(join(assets, file)), { level: 9 }).length;
  console.log(`  not JavaScript: ${file} ${kb(bytes)} gzip (the world atlas, fetched by the map)`);
}

// ---- time to the first drawn map ----
const executablePath = chromiumPath();
if (!executablePath) {
  console.log('\nTime to map: NOT MEASURED, Chromium is not installed (/usr/bin/chromium).');
  process.exit(0);
}
const dir = await mkdtemp(join(tmpdir(), 'entanglement-bench-client-'));
const server = await spawnServer(join(dir, 'data'));
const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
try {
  const created = await createMatch(server.base, {
    scenario: 'main',
    nickname: 'Bench',
    timers: { news: 7200, diplomacy: 7200, responses: 7200, calls: 7200, resolution: 7200 },
  });
  const hostToken = created.hostToken;
  const host = await new Client(server.base).joinById(created.roomId, {
    nickname: 'Bench',
    code: created.code,
    hostToken,
  });
  host.onMessage('*', () => undefined);
  host.send('host', { action: 'start', token: hostToken });
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const context = await browser.newContext({ viewport: { width: 1920, height: 1080 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`${server.base}/match/${host.roomId}?projector&code=${created.code}`);
    await page.waitForFunction((mark) => performance.getEntriesByName(mark).length > 0, MAP_DRAWN, {
      timeout: 60_000,
    });
    const ms = await page.evaluate(
      (mark) => performance.getEntriesByName(mark)[0]!.startTime,
      MAP_DRAWN,
    );
    if (errors.length) throw new Error(`page errors: ${errors.join('; ')}`);
    times.push(ms);
    await context.close();
  }
  console.log(
    `\nNavigation → first drawn map (projector page, 1920×1080, SwiftShader WebGL), ${runs} runs:`,
  );
  console.log(
    `  median ${median(times).toFixed(0)} ms (target ≤ 2000 ms); runs: ${times.map((t) => t.toFixed(0)).join(', ')} ms`,
  );
  await host.leave();
} finally {
  await browser.close();
  await killServer(server);
  await rm(dir, { recursive: true, force: true });
}
