import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { describeWithServices } from './service-suite.ts';
import {
  missingPostgres,
  missingRedis,
  redisCommand,
  type Service,
  serviceGate,
  startPostgres,
  startRedis,
} from './services.ts';

const started: Service[] = [];
afterEach(async () => {
  for (const service of started.splice(0)) await service.stop();
});

/** Whether anything still accepts connections on the port. */
async function listening(port: number): Promise<boolean> {
  return redisCommand(port, 'PING').then(
    () => true,
    (err: Error) => !/ECONNREFUSED/.test(err.message),
  );
}

describe('serviceGate', () => {
  test('runs when the service is there; otherwise says NOT RUN, or fails under REQUIRE_SERVICES=1', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    vi.stubEnv('REQUIRE_SERVICES', '');
    try {
      expect(serviceGate('Thing', null)).toEqual({ run: true });
      expect(serviceGate('Thing', 'thingd is missing')).toEqual({ run: false });
      expect(warn).toHaveBeenCalledWith(
        expect.stringMatching(/^Thing tests NOT RUN: thingd is missing/),
      );
      vi.stubEnv('REQUIRE_SERVICES', '1');
      expect(serviceGate('Thing', 'thingd is missing')).toEqual({
        run: false,
        failure: 'Thing tests cannot run: thingd is missing; REQUIRE_SERVICES=1 is set.',
      });
    } finally {
      warn.mockRestore();
      vi.unstubAllEnvs();
    }
  });
});

describeWithServices('Redis', missingRedis(), 'startRedis', () => {
  test('two servers of their own, without persistence; stop shuts each down and is idempotent', async () => {
    const [a, b] = await Promise.all([startRedis(), startRedis()]);
    started.push(a, b);
    expect(a.url).toBe(`redis://127.0.0.1:${a.port}`);
    expect(a.port).not.toBe(b.port);
    expect(await redisCommand(a.port, 'SET', 'k', 'value ✓')).toBe('OK');
    expect(await redisCommand(a.port, 'GET', 'k')).toBe('value ✓');
    expect(await redisCommand(b.port, 'GET', 'k')).toBeNull();
    expect(await redisCommand(a.port, 'CONFIG', 'GET', 'save')).toEqual(['save', '']);
    expect(await redisCommand(a.port, 'CONFIG', 'GET', 'appendonly')).toEqual(['appendonly', 'no']);
    const dir = await redisCommand(a.port, 'CONFIG', 'GET', 'dir');
    await a.stop();
    await a.stop();
    expect(await listening(a.port)).toBe(false);
    expect(existsSync((dir as string[])[1]!)).toBe(false);
    expect(await redisCommand(b.port, 'PING')).toBe('PONG');
  });
});

describeWithServices('Postgres', missingPostgres(), 'startPostgres', () => {
  test('a server of its own with test-only settings, not as root; stop removes it', async () => {
    const service = await startPostgres();
    started.push(service);
    const client = new pg.Client({ connectionString: service.url });
    await client.connect();
    const settings = await client.query(`SELECT current_setting('fsync') AS fsync,
      current_setting('data_directory') AS dir, current_setting('listen_addresses') AS listen`);
    await client.end();
    const { fsync, dir, listen } = settings.rows[0];
    expect({ fsync, listen }).toEqual({ fsync: 'off', listen: '127.0.0.1' });
    await service.stop();
    expect(existsSync(dir)).toBe(false);
    expect(await listening(service.port)).toBe(false);
  });
});
