import type { Redis } from 'ioredis';
import {
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { log, reasonOf } from '../log.ts';
import { DOORS, type Door, describeRate, type Rate } from './limits.ts';

/** A request refused at a door: the answer to send. */
export interface Refusal {
  status: number;
  error: string;
  /** Seconds until the address may try again (a Retry-After header). */
  retryAfterSeconds?: number;
  /** The limit it met, for the log. */
  limit: string;
  /** The first refusal of its address at this limit in the current window (the one worth a log line). */
  first: boolean;
}

/** What each door counts, as a refusal names it. */
const COUNTED: Record<Door, string> = {
  http: 'requests',
  joinLookup: 'join-code look-ups',
  matchmake: 'requests to join or create matches',
  create: 'new matches',
  import: 'imports',
  connect: 'new connections',
  notify: 'notification opt-ins and opt-outs',
};

/**
 * The per-address counters of each door (rate-limiter-flexible): in this
 * process's memory, or in Redis when several processes share one
 * (REDIS_URL), so that an address gets the same allowance whichever
 * process it reaches. If Redis fails, each process counts in its own
 * memory until it is back (the library's insurance limiter).
 */
export class RateLimits {
  private readonly limiters = new Map<Door, { rate: Rate; limiter: RateLimiterAbstract }>();

  constructor(rates: Record<Door, Rate | null>, redis: Redis | null) {
    for (const door of DOORS) {
      const rate = rates[door];
      if (!rate) continue;
      const options = {
        keyPrefix: `entanglement:limit:${door}`,
        points: rate.points,
        duration: rate.seconds,
      };
      const memory = new RateLimiterMemory(options);
      const limiter = redis
        ? new RateLimiterRedis({ ...options, storeClient: redis, insuranceLimiter: memory })
        : memory;
      this.limiters.set(door, { rate, limiter });
    }
  }

  /** Counts one request of `address` at `door`: null if it may pass, else the refusal. */
  async take(door: Door, address: string): Promise<Refusal | null> {
    const entry = this.limiters.get(door);
    if (!entry) return null;
    const { rate, limiter } = entry;
    try {
      await limiter.consume(address);
      return null;
    } catch (result) {
      if (!(result instanceof RateLimiterRes)) {
        // Neither Redis nor the memory behind it answered: let the request through.
        log.warn({ door, reason: reasonOf(result) }, 'rate limit could not be counted');
        return null;
      }
      const retryAfterSeconds = Math.max(1, Math.ceil(result.msBeforeNext / 1000));
      return {
        status: 429,
        error:
          `Too many ${COUNTED[door]} from your address: at most ${describeRate(rate)}. ` +
          `Try again in ${retryAfterSeconds} s.`,
        retryAfterSeconds,
        limit: door,
        first: result.consumedPoints === rate.points + 1,
      };
    }
  }
}
