import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { killServer, spawnServer } from '../../server/src/testing/spawn-server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the client once and starts the real server (own data folder) for every browser test. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const build = spawnSync('npm', ['run', 'build', '--workspace', 'client'], {
    stdio: ['ignore', 'pipe', 'pipe'],
    encoding: 'utf8',
    // Vitest sets NODE_ENV=test, which would make Vite build the development client.
    env: { ...process.env, NODE_ENV: 'production' },
  });
  if (build.status !== 0)
    throw new Error(`The client build failed:\n${build.stdout}\n${build.stderr}`);
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-e2e-'));
  const server = await spawnServer(join(dir, 'data'));
  project.provide('baseUrl', server.base);
  return async () => {
    await killServer(server);
    // The server's own log, for reading a failed browser test after the run (its matches' ids
    // are in the pages' addresses): test-results/ is git-ignored.
    const results = join(import.meta.dirname, '..', '..', 'test-results');
    await mkdir(results, { recursive: true });
    await writeFile(join(results, 'e2e-server.log'), server.output());
    await rm(dir, { recursive: true, force: true });
  };
}
