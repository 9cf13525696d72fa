import type { Redis } from 'ioredis';
import {
  CLAIM_ATTEMPTS,
  type JoinCodeRegistry,
  newJoinCode,
  normaliseCode,
} from '../rooms/join-codes.ts';

/** Where a live match's join code is kept: its value is the match's room id. */
const codeKey = (code: string) => `entanglement:code:${code}`;

/** Deletes a key only while it still holds the given value (a room frees only its own code). */
const RELEASE_SCRIPT = `if redis.call('get', KEYS[1]) == ARGV[1] then return redis.call('del', KEYS[1]) else return 0 end`;

/**
 * Join codes shared by every process through Redis: `SET … NX` claims a code
 * atomically, so two processes never hand out the same live code, and a
 * code created on one process is found from any other.
 */
export class RedisJoinCodes implements JoinCodeRegistry {
  private readonly redis: Redis;
  private readonly newCode: () => string;

  constructor(redis: Redis, newCode: () => string = newJoinCode) {
    this.redis = redis;
    this.newCode = newCode;
  }

  async claim(roomId: string): Promise<string> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const code = this.newCode();
      if ((await this.redis.set(codeKey(code), roomId, 'NX')) === 'OK') return code;
    }
    throw new Error('Could not find a free join code.');
  }

  async claimExisting(code: string, roomId: string): Promise<string> {
    const upper = normaliseCode(code);
    if ((await this.redis.set(codeKey(upper), roomId, 'NX')) === 'OK') return upper;
    const holder = await this.redis.get(codeKey(upper));
    if (holder !== roomId) throw new Error(`The join code ${upper} is taken by another match.`);
    return upper;
  }

  async release(code: string, roomId: string): Promise<void> {
    await this.redis.eval(RELEASE_SCRIPT, 1, codeKey(normaliseCode(code)), roomId);
  }

  /**
   * Puts back the codes of rooms this process holds, where nobody holds them
   * now (a Redis that restarted empty); one round trip for all of them.
   */
  async reclaim(held: Iterable<[roomId: string, code: string]>): Promise<void> {
    const batch = this.redis.multi();
    for (const [roomId, code] of held) if (code) batch.set(codeKey(code), roomId, 'NX');
    await batch.exec();
  }

  async lookup(code: string): Promise<string | null> {
    const upper = normaliseCode(code);
    if (upper.length === 0) return null;
    return this.redis.get(codeKey(upper));
  }
}
