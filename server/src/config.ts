import { isAbsolute, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Level } from 'pino';
import { type Limits, loadLimits } from './doors/limits.ts';
import { LOG_LEVELS } from './log.ts';
import { loadNotifyConfig, type NotifyConfig } from './notify/notify-config.ts';

/** The repository's root: relative paths in the configuration are resolved against it. */
export const REPO_ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where `npm run build` puts the client. */
export const CLIENT_DIST = resolve(REPO_ROOT, 'client', 'dist');

export interface Config {
  port: number;
  host: string;
  /** Absolute path of the directory of the match database (created on first start). */
  dataDir: string;
  /** DATABASE_URL: keep matches in this Postgres database instead of SQLite under `dataDir`; null: SQLite. */
  databaseUrl: string | null;
  /** REDIS_URL: share matchmaking, join codes and failover with other processes; null: this process alone. */
  redisUrl: string | null;
  /** PUBLIC_ADDRESS: where clients reach this process (host[:port][/path]), when several serve matches. */
  publicAddress: string | null;
  /** The limits on every door (docs/security.md, "Limits"). */
  limits: Limits;
  /** LOG_LEVEL: the least severe log lines written (info). */
  logLevel: Level;
  /** Web Push and e-mail notifications (VAPID_*, SMTP_URL, MAIL_FROM, SITE_URL, PUSH_SERVICES). */
  notify: NotifyConfig;
}

const DEFAULTS = { port: 2567, host: '0.0.0.0', dataDir: './data' } as const;

/**
 * Reads PORT, HOST, DATA_DIR, DATABASE_URL, REDIS_URL, PUBLIC_ADDRESS,
 * LOG_LEVEL, the limits (doors/limits.ts) and the notifications'
 * settings (notify/notify-config.ts); throws a plain-language error
 * for a bad value.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return {
    port: parsePort(env.PORT),
    host: env.HOST?.trim() || DEFAULTS.host,
    dataDir: resolvePath(env.DATA_DIR?.trim() || DEFAULTS.dataDir),
    databaseUrl: parseDatabaseUrl(env.DATABASE_URL),
    redisUrl: parseRedisUrl(env.REDIS_URL),
    publicAddress: parsePublicAddress(env.PUBLIC_ADDRESS),
    limits: loadLimits(env),
    logLevel: parseLogLevel(env.LOG_LEVEL),
    notify: loadNotifyConfig(env),
  };
}

function parseLogLevel(raw: string | undefined): Level {
  const level = raw?.trim().toLowerCase();
  if (!level) return 'info';
  if (!(LOG_LEVELS as readonly string[]).includes(level))
    throw new Error(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, not "${raw}".`);
  return level as Level;
}

/** A postgres:// (or postgresql://) URL, or null when unset or empty. Never echoes the value: it may hold a password. */
function parseDatabaseUrl(raw: string | undefined): string | null {
  const url = raw?.trim();
  if (!url) return null;
  let parsed: URL | null = null;
  try {
    parsed = new URL(url);
  } catch {
    // Reported below.
  }
  if (!parsed || !['postgres:', 'postgresql:'].includes(parsed.protocol)) {
    throw new Error(
      'DATABASE_URL must be a Postgres URL such as ' +
        'postgres://user:password@localhost:5432/entanglement (or unset, to use SQLite in DATA_DIR).',
    );
  }
  return url;
}

/** A redis:// (or rediss://) URL, or null when unset or empty. Never echoes the value: it may hold a password. */
function parseRedisUrl(raw: string | undefined): string | null {
  const url = raw?.trim();
  if (!url) return null;
  if (!/^rediss?:\/\/[^/\s]+/.test(url))
    throw new Error(
      'REDIS_URL must be a Redis URL such as redis://localhost:6379 (or unset, to run one process alone).',
    );
  return url;
}

/** host[:port][/path] without a scheme: what the SDK puts after ws:// or wss://. */
function parsePublicAddress(raw: string | undefined): string | null {
  const address = raw?.trim();
  if (!address) return null;
  if (/^[a-z]+:\/\//i.test(address) || /\s/.test(address))
    throw new Error(
      `PUBLIC_ADDRESS must be host[:port][/path] without a scheme, e.g. game.example.org/p1, not "${address}".`,
    );
  return address.replace(/\/+$/, '');
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
