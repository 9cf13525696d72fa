import { RedisDriver } from '@colyseus/redis-driver';
import { RedisPresence } from '@colyseus/redis-presence';
import { Redis } from 'ioredis';
import { log } from '../log.ts';
import { redactUrl } from '../redact-url.ts';
import { RedisJoinCodes } from './redis-join-codes.ts';

/** How long the server waits for Redis at start before it gives up with a clear error. */
const CONNECT_TIMEOUT_MS = 5000;

/**
 * What several processes share through Redis (REDIS_URL): Colyseus's
 * presence (inter-process messages) and matchmaking driver (where each room
 * lives), the join codes, and the locks that decide which process takes
 * over a match whose process died (failover.ts).
 */
export interface Cluster {
  redis: Redis;
  presence: RedisPresence;
  driver: RedisDriver;
  codes: RedisJoinCodes;
  /** Closes this process's own connection; Colyseus's shutdown closes the presence's and the driver's. */
  close(): Promise<void>;
}

/** Connects to Redis at `url`; throws a plain-language error if it cannot be reached. */
export async function connectCluster(url: string): Promise<Cluster> {
  const redis = new Redis(url, {
    lazyConnect: true,
    connectTimeout: CONNECT_TIMEOUT_MS,
    // Commands fail after a few retries instead of waiting forever while Redis is away.
    maxRetriesPerRequest: 3,
  });
  // The first error says why (ECONNREFUSED…); connect() itself only says the connection closed.
  let firstError: Error | null = null;
  const onStartError = (error: Error) => {
    firstError ??= error;
  };
  redis.on('error', onStartError);
  try {
    await redis.connect();
    await redis.ping();
  } catch (error) {
    redis.disconnect();
    const reason = (firstError ?? (error as Error)).message ?? String(error);
    throw new Error(`Cannot reach Redis at REDIS_URL (${redactUrl(url)}): ${reason}`);
  }
  redis.off('error', onStartError);
  redis.on('error', (error: Error) => log.error({ component: 'redis' }, `Redis: ${error.message}`));
  // Connections of their own: Colyseus's shutdown closes the presence's and
  // then the driver's, and ours must outlive both until the rooms are gone.
  const presence = new RedisPresence(redis.duplicate());
  const driver = new RedisDriver(redis.duplicate());
  return {
    redis,
    presence,
    driver,
    codes: new RedisJoinCodes(redis),
    async close() {
      redis.disconnect();
    },
  };
}
