import { Redis } from 'ioredis';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { describeWithServices } from '../testing/service-suite.ts';
import { missingRedis, type Service, startRedis } from '../testing/services.ts';
import { RedisJoinCodes } from './redis-join-codes.ts';

describeWithServices('Redis', missingRedis(), 'join codes shared through Redis', () => {
  let redis: Service;
  const clients: Redis[] = [];
  /** A registry on its own connection, as each process has. */
  const registry = (newCode?: () => string) => {
    const client = new Redis(redis.url);
    clients.push(client);
    return new RedisJoinCodes(client, newCode);
  };

  beforeAll(async () => {
    redis = await startRedis();
  }, 30_000);
  afterAll(async () => {
    for (const client of clients) client.disconnect();
    await redis?.stop();
  });

  test('two processes racing for the same code: exactly one gets it, the other draws another', async () => {
    // Each process's generator draws SAME01 first, then a code of its own.
    const draws = (own: string) => {
      let n = 0;
      return () => (n++ === 0 ? 'SAME01' : own);
    };
    const [one, two] = [registry(draws('OWN001')), registry(draws('OWN002'))];
    const codes = await Promise.all([one.claim('room-1'), two.claim('room-2')]);
    expect(codes).toContain('SAME01');
    expect(new Set(codes).size).toBe(2);
    const holder = codes[0] === 'SAME01' ? 'room-1' : 'room-2';
    expect(await two.lookup('same01')).toBe(holder);
    expect(await one.lookup(' same01 ')).toBe(holder);
  });

  test('a code is found from any process, freed only by its own room, and claimed again by that room after a takeover', async () => {
    const [one, two] = [registry(), registry()];
    const code = await one.claim('room-a');
    expect(code).toMatch(/^[A-Z0-9]{6}$/);
    expect(await two.lookup(code)).toBe('room-a');
    await expect(two.claimExisting(code, 'room-b')).rejects.toThrow(/taken by another match/);
    // The process that takes the match over claims the same code for the same room.
    expect(await two.claimExisting(code.toLowerCase(), 'room-a')).toBe(code);
    await two.release(code, 'room-b');
    expect(await one.lookup(code)).toBe('room-a');
    await two.release(code, 'room-a');
    expect(await one.lookup(code)).toBeNull();
    expect(await one.lookup('')).toBeNull();
  });

  test('gives up with a clear error when every code it draws is taken', async () => {
    const one = registry(() => 'TAKEN1');
    await one.claim('room-x');
    await expect(one.claim('room-y')).rejects.toThrow('Could not find a free join code.');
  });
});
