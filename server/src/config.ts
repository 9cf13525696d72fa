import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: relative paths in the configuration are resolved against it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` puts the client. */
export const CLIENT_DIST = resolve(REPO_ROOT, 'client', 'dist');

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the directory of the match database (created on first start). */
  dataDir: string;
}

export const DEFAULTS = { port: 2567, host: '0.0.0.0', dataDir: './data' } as const;

/** Reads PORT, HOST and DATA_DIR; throws a plain-language error for a bad value. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || DEFAULTS.host,
    dataDir: resolvePath(env.DATA_DIR?.trim() || DEFAULTS.dataDir),
  };
}

function parsePort(raw: string | undefined): number {
  if (raw === undefined || raw.trim() === '') return DEFAULTS.port;
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${raw}".`);
  }
  return port;
}

function resolvePath(path: string): string {
  return isAbsolute(path) ? path : resolve(REPO_ROOT, path);
}
