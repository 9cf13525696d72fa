import { type ChildProcess, spawn } from 'node:child_process';
import { REPO_ROOT } from '../config.ts';
import { TEST_LIMIT_ENV } from './test-limits.ts';

/** The game server in a child process (`node --import tsx server/src/main.ts`). */
export interface ServerProcess {
  process: ChildProcess;
  /** http://127.0.0.1:<port> */
  base: string;
  /** Everything it printed so far (stdout and stderr). */
  output: () => string;
}

/**
 * Starts the real server on 127.0.0.1 and a free port with its data in
 * `dataDir`; resolves once it prints the address to open. Used where a test
 * needs a separate process: restarts after kill -9, browser tests. Its
 * per-address rates are off (TEST_LIMIT_ENV) unless `env` sets them.
 */
export function spawnServer(dataDir: string, env: NodeJS.ProcessEnv = {}): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      ...TEST_LIMIT_ENV,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const output = () => out;
  child.stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${out}`)), 30_000);
    const check = () => {
      const port = /open http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.stdout.off('data', check);
      resolve({ process: child, base: `http://127.0.0.1:${port}`, output });
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}):\n${out}`));
    });
  });
}

/** Kills the server with SIGKILL (no clean shutdown) and waits for it to be gone. */
export function killServer(server: ServerProcess): Promise<void> {
  if (server.process.exitCode !== null || server.process.signalCode !== null)
    return Promise.resolve();
  return new Promise((resolve) => {
    server.process.once('exit', () => resolve());
    server.process.kill('SIGKILL');
  });
}
