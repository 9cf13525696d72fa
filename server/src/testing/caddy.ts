import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.ts';
import { proxyReady } from './proxy-process.ts';
import { findOnPath } from './services.ts';

/** The Caddyfile docs/deploy.md ships: the tests run this file itself. */
export const CADDYFILE = join(REPO_ROOT, 'deploy', 'caddy', 'Caddyfile');

/** Why Caddy cannot be started here, or null. */
export function missingCaddy(): string | null {
  return findOnPath('caddy') ? null : 'caddy was not found on PATH (Debian: apt-get install caddy)';
}

function caddyBin(): string {
  const bin = findOnPath('caddy');
  if (!bin) throw new Error(`Cannot run Caddy: ${missingCaddy()}.`);
  return bin;
}

/** `caddy validate` of a Caddyfile: its exit status and what it printed. */
export function validateCaddyfile(file: string): { status: number | null; output: string } {
  const result = spawnSync(caddyBin(), ['validate', '--config', file, '--adapter', 'caddyfile'], {
    encoding: 'utf8',
    env: { ...process.env, ...caddyHome(mkdtempSync(join(tmpdir(), 'entanglement-caddy-'))) },
  });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Caddy keeps certificates and its autosaved configuration under these: a throwaway home. */
function caddyHome(dir: string): Record<string, string> {
  return { HOME: dir, XDG_DATA_HOME: join(dir, 'data'), XDG_CONFIG_HOME: join(dir, 'config') };
}

export interface CaddyService {
  /** http://127.0.0.1:<port> */
  base: string;
  stop(): Promise<void>;
}

/**
 * Runs Caddy with deploy/caddy/Caddyfile, its site name replaced by plain
 * http://127.0.0.1:`listen` (no certificate to fetch), the server's port 2567
 * by `upstream`, its log into a fresh directory, and the admin endpoint off.
 * Resolves once the game's health answers through it.
 */
export async function startCaddy(listen: number, upstream: number): Promise<CaddyService> {
  const dir = mkdtempSync(join(tmpdir(), 'entanglement-caddy-'));
  const site = readFileSync(CADDYFILE, 'utf8')
    .replace(/^game\.example\.org \{/m, `{\n\tadmin off\n}\n\nhttp://127.0.0.1:${listen} {`)
    .replaceAll('127.0.0.1:2567', `127.0.0.1:${upstream}`)
    .replace('/var/log/caddy/entanglement.log', join(dir, 'access.log'));
  const file = join(dir, 'Caddyfile');
  writeFileSync(file, site);
  const child: ChildProcess = spawn(
    caddyBin(),
    ['run', '--config', file, '--adapter', 'caddyfile'],
    {
      env: { ...process.env, ...caddyHome(dir) },
      stdio: ['ignore', 'ignore', 'pipe'],
    },
  );
  return proxyReady('caddy', child, dir, `http://127.0.0.1:${listen}`, {
    stopSignal: 'SIGTERM',
    timeoutMs: 30_000,
  });
}
