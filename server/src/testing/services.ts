import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { accessSync, chownSync, constants, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { redisCommand } from './redis-command.ts';

export { redisCommand } from './redis-command.ts';

/**
 * Throwaway database servers for tests: a Postgres and a Redis of their own,
 * each in a fresh temporary directory, on 127.0.0.1 and a free port, never
 * the machine's system services. Every one is stopped and its directory
 * deleted by `stop()`, and, should a test process end without calling it, by
 * an exit handler (a process killed with SIGKILL leaves them running: Postgres
 * then shuts itself down within a minute or so of its directory vanishing,
 * Redis does not).
 *
 * The settings are for tests only: Postgres runs with fsync, synchronous
 * commits and full-page writes off, Redis without persistence.
 */

export interface Service {
  /** postgres://postgres@127.0.0.1:<port>/postgres, or redis://127.0.0.1:<port> */
  url: string;
  port: number;
  /** Stops the server (gracefully, then SIGKILL after 10 s) and deletes its directory. Idempotent. */
  stop(): Promise<void>;
}

export interface PostgresService extends Service {
  /** A URL for another database on the same server (create it first: `CREATE DATABASE name`). */
  urlFor(database: string): string;
}

const READY_MS = 30_000;
const STOP_MS = 10_000;

/** Why Postgres cannot be started here (its binaries are missing), or null. */
export function missingPostgres(): string | null {
  return postgresBin()
    ? null
    : 'initdb and postgres were not found in /usr/lib/postgresql/*/bin or on PATH ' +
        '(Debian: apt-get install postgresql)';
}

/** Why Redis cannot be started here (redis-server is missing), or null. */
export function missingRedis(): string | null {
  return findOnPath('redis-server')
    ? null
    : 'redis-server was not found on PATH (Debian: apt-get install redis-server)';
}

/**
 * What a test file does about a service it needs: run its tests, or, when
 * the service is missing, skip them with a console line "<name> tests NOT
 * RUN: <why>", or, when REQUIRE_SERVICES=1 (CI), fail. `failure` is the
 * message a failing test should throw.
 */
export function serviceGate(
  name: string,
  missing: string | null,
): { run: boolean; failure?: string } {
  if (missing === null) return { run: true };
  if (process.env.REQUIRE_SERVICES === '1') {
    return {
      run: false,
      failure: `${name} tests cannot run: ${missing}; REQUIRE_SERVICES=1 is set.`,
    };
  }
  console.warn(`${name} tests NOT RUN: ${missing}. Set REQUIRE_SERVICES=1 to make this a failure.`);
  return { run: false };
}

/**
 * Starts a throwaway Postgres (initdb into a temporary directory, then
 * `postgres` on 127.0.0.1 and a free port, trust authentication, user
 * `postgres`). Run as root, it runs the server as the `postgres` system user,
 * since Postgres refuses to run as root. Resolves once a real connection
 * answers `SELECT 1`.
 */
export function startPostgres(): Promise<PostgresService> {
  const bin = postgresBin();
  if (!bin) return Promise.reject(new Error(`Cannot start Postgres: ${missingPostgres()}.`));
  return onFreePort(async (port) => {
    const dir = mkdtempSync(join(tmpdir(), 'entanglement-pg-'));
    const user = process.getuid?.() === 0 ? systemUser('postgres') : undefined;
    if (user) chownSync(dir, user.uid, user.gid);
    const data = join(dir, 'data');
    const asUser = user ? { uid: user.uid, gid: user.gid } : {};
    try {
      // biome-ignore format: the arguments in pairs
      execFileSync(join(bin, 'initdb'), [
        '-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync', '--no-instructions',
      ], { ...asUser, cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    } catch (err) {
      rmSync(dir, { recursive: true, force: true });
      const stderr = (err as { stderr?: Buffer }).stderr?.toString().trim();
      throw new Error(`initdb failed: ${stderr || (err as Error).message}`);
    }
    // biome-ignore format: one setting a line
    const settings = [
      'listen_addresses=127.0.0.1', `port=${port}`, `unix_socket_directories=${dir}`,
      'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', // tests only
      'max_connections=200', 'shared_buffers=32MB', 'log_min_messages=warning',
    ];
    const args = ['-D', data, ...settings.flatMap((setting) => ['-c', setting])];
    const child = spawn(join(bin, 'postgres'), args, {
      ...asUser,
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const url = (database: string) => `postgres://postgres@127.0.0.1:${port}/${database}`;
    const service = track('Postgres', child, dir, 'SIGINT'); // SIGINT: a fast shutdown
    await service.ready(() => pgPing(url('postgres')));
    return { url: url('postgres'), port, stop: service.stop, urlFor: url };
  });
}

/**
 * Starts a throwaway Redis (`redis-server` on 127.0.0.1 and a free port,
 * its working directory a temporary one, no RDB or AOF persistence).
 * Resolves once it answers PING with PONG. `port`: that port, not a free one.
 */
export function startRedis(options: { port?: number } = {}): Promise<Service> {
  const server = findOnPath('redis-server');
  if (!server) return Promise.reject(new Error(`Cannot start Redis: ${missingRedis()}.`));
  const start = async (port: number) => {
    const dir = mkdtempSync(join(tmpdir(), 'entanglement-redis-'));
    // biome-ignore format: one setting a line
    const args = [
      '--port', String(port), '--bind', '127.0.0.1', '--dir', dir,
      '--save', '', '--appendonly', 'no', '--daemonize', 'no', '--logfile', '',
      '--protected-mode', 'yes', '--loglevel', 'warning',
    ];
    const child = spawn(server, args, { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
    const service = track('Redis', child, dir, 'SIGTERM');
    await service.ready(() => redisPing(port));
    return { url: `redis://127.0.0.1:${port}`, port, stop: service.stop };
  };
  // A given port: a Redis started again where the one before was (an outage in a test).
  return options.port === undefined ? onFreePort(start) : start(options.port);
}

/**
 * Starts a server on a port that was free a moment ago; if another process
 * took it in between, tries again on another (three tries).
 */
async function onFreePort<T>(start: (port: number) => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    try {
      return await start(port);
    } catch (err) {
      const clash = /address already in use|could not create any TCP\/IP sockets/i;
      if (attempt >= 3 || !clash.test((err as Error).message)) throw err;
    }
  }
}

/** Every service of this process still running: stopped by the exit handler. */
const running = new Set<{ child: ChildProcess; dir: string }>();
let exitHandler = false;

/** Follows a server process: its output (for errors), readiness and stopping. */
function track(name: string, child: ChildProcess, dir: string, signal: NodeJS.Signals) {
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-4000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  // 'close', not 'exit': by then its last output has been read too.
  const exited = new Promise<void>((resolve) => child.once('close', () => resolve()));
  const entry = { child, dir };
  running.add(entry);
  if (!exitHandler) {
    exitHandler = true;
    process.once('exit', () => {
      for (const { child, dir } of running) {
        child.kill('SIGKILL');
        rmSync(dir, { recursive: true, force: true });
      }
    });
  }
  let stopping: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopping ??= (async () => {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill(signal);
        const timer = setTimeout(() => child.kill('SIGKILL'), STOP_MS);
        await exited;
        clearTimeout(timer);
      }
      running.delete(entry);
      rmSync(dir, { recursive: true, force: true });
    })();
    return stopping;
  };
  /** Polls `ping` until it succeeds; fails at once if the server exits, or after READY_MS. */
  const ready = async (ping: () => Promise<void>): Promise<void> => {
    const deadline = Date.now() + READY_MS;
    let dead = false;
    void exited.then(() => {
      dead = true;
    });
    for (let attempt = 0; ; attempt++) {
      try {
        await ping();
        return;
      } catch (err) {
        if (dead || Date.now() > deadline) {
          await stop();
          const why = dead ? `exited (${child.exitCode ?? child.signalCode})` : 'did not answer';
          throw new Error(
            `${name} ${why} within ${READY_MS / 1000} s: ${(err as Error).message}\n${output}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, Math.min(20 * 2 ** attempt, 200)));
      }
    }
  };
  return { stop, ready };
}

/** One connection that runs `SELECT 1` (pg is loaded only when a Postgres is wanted). */
async function pgPing(url: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    await client.query('SELECT 1');
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Answers PONG, or throws (refused, -LOADING, anything else). */
async function redisPing(port: number): Promise<void> {
  const answer = await redisCommand(port, 'PING');
  if (answer !== 'PONG') throw new Error(`PING answered ${JSON.stringify(answer)}`);
}

/** A port that was free on 127.0.0.1 a moment ago (nothing listens on it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

/** The directory holding initdb and postgres: the newest /usr/lib/postgresql/N/bin, else PATH. */
function postgresBin(): string | null {
  const root = '/usr/lib/postgresql';
  let versions: string[] = [];
  try {
    versions = readdirSync(root).sort((a, b) => Number(b) - Number(a));
  } catch {
    // Not Debian's layout: try PATH.
  }
  for (const v of versions) {
    const bin = join(root, v, 'bin');
    if (isExecutable(join(bin, 'initdb')) && isExecutable(join(bin, 'postgres'))) return bin;
  }
  const initdb = findOnPath('initdb');
  return initdb && findOnPath('postgres') ? join(initdb, '..') : null;
}

export function findOnPath(command: string): string | null {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && isExecutable(join(dir, command))) return join(dir, command);
  }
  return null;
}

export function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** The uid and gid of a system user, e.g. `postgres` (made by Debian's postgresql package). */
function systemUser(name: string): { uid: number; gid: number } {
  try {
    const uid = Number(execFileSync('id', ['-u', name]).toString());
    const gid = Number(execFileSync('id', ['-g', name]).toString());
    return { uid, gid };
  } catch {
    throw new Error(
      `Postgres refuses to run as root, and there is no "${name}" user to run it as ` +
        '(Debian: apt-get install postgresql creates it).',
    );
  }
}
