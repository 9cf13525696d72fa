import pg from 'pg';
import { log } from '../log.ts';

/** The connection side of the Postgres store: the pool, transactions, errors as one line. */

export interface PoolOptions {
  /** postgres://user:password@host:port/database (the server's DATABASE_URL). */
  url: string;
  /** Connections in the pool (default 10). */
  poolSize?: number;
  /** How long to wait for a connection before failing (default 10 000 ms). */
  connectTimeoutMs?: number;
}

/**
 * A pool for the store. An idle connection that the server closes (a
 * restart, a failover) is logged under `where` and dropped, and the next
 * query opens a new one; it never becomes an uncaught error.
 */
export function createPool(options: PoolOptions, where: string): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 10_000,
    application_name: 'entanglement',
    keepAlive: true,
  });
  pool.on('error', (err) =>
    log.error({ component: 'postgres' }, `${where}: an idle connection failed: ${err.message}`),
  );
  // A connection the pool is already closing has no listener of its own left:
  // the server ending it then (a shutdown) must not be an uncaught error either.
  pool.on('connect', (client) => client.on('error', () => undefined));
  return pool;
}

/** Ends the pool; connections the server drops while they close are no news now. */
export async function endPool(pool: pg.Pool): Promise<void> {
  pool.removeAllListeners('error').on('error', () => undefined);
  await pool.end();
}

/**
 * Runs `fn` on one connection inside a transaction (`begin` says which kind):
 * all of its writes are committed, or none. A connection whose ROLLBACK fails
 * is broken and is dropped from the pool rather than reused.
 */
export async function transaction<T>(
  pool: pg.Pool,
  fn: (client: pg.PoolClient) => Promise<T>,
  begin = 'BEGIN',
): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query(begin);
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (err) {
    await client.query('ROLLBACK').catch((rollbackError: Error) => {
      broken = rollbackError;
    });
    throw err;
  } finally {
    client.release(broken);
  }
}

/** A unique violation (SQLSTATE 23505), optionally of one constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string };
  return e.code === '23505' && (constraint === undefined || e.constraint === constraint);
}

/** An error as one line: a connection refused to every address has no message of its own. */
export function errorText(err: unknown): string {
  const e = err as Error & { code?: string; errors?: Error[] };
  const parts = [e.message, ...(e.errors ?? []).map((inner) => inner.message)].filter(Boolean);
  const text = [...new Set(parts)].join('; ') || e.code || String(err);
  return text.replace(/\s+/g, ' ').trim();
}
