import { expect, test } from 'vitest';
import { loadConfig } from './config.ts';
import { DEFAULT_LIMITS, describeBytes, describeRate } from './doors/limits.ts';

test('DATABASE_URL: unset or empty is SQLite; a Postgres URL is kept as given', () => {
  expect(loadConfig({}).databaseUrl).toBeNull();
  expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeNull();
  const url = 'postgres://game:s3cret@db.example.org:5432/entanglement?sslmode=require';
  expect(loadConfig({ DATABASE_URL: ` ${url} ` }).databaseUrl).toBe(url);
  // A Unix socket (the host in the query, or none: pg's default) is fine too.
  for (const other of ['postgresql://localhost/e', 'postgres:///e?host=/var/run/postgresql']) {
    expect(loadConfig({ DATABASE_URL: other }).databaseUrl).toBe(other);
  }
});

test.each([
  'mysql://game:s3cret@db/entanglement',
  'db.example.org:5432/s3cret',
  'postgres//game:s3cret@db/entanglement',
])('DATABASE_URL %s is refused in plain words, without echoing it', (raw) => {
  expect(() => loadConfig({ DATABASE_URL: raw })).toThrow(
    /^DATABASE_URL must be a Postgres URL such as postgres:\/\/user:password@localhost:5432\/entanglement/,
  );
  expect(() => loadConfig({ DATABASE_URL: raw })).not.toThrow(/s3cret/);
});

test('REDIS_URL and PUBLIC_ADDRESS: unset is one process alone; given, they are kept', () => {
  expect(loadConfig({})).toMatchObject({ redisUrl: null, publicAddress: null });
  const config = loadConfig({
    REDIS_URL: ' redis://:s3cret@cache.example.org:6379/0 ',
    PUBLIC_ADDRESS: ' game.example.org/p/a/ ',
  });
  expect(config.redisUrl).toBe('redis://:s3cret@cache.example.org:6379/0');
  // What the SDK puts after ws:// or wss://, without a trailing slash.
  expect(config.publicAddress).toBe('game.example.org/p/a');
});

test('a REDIS_URL that is not a Redis URL, or a PUBLIC_ADDRESS with a scheme, is refused in plain words', () => {
  expect(() => loadConfig({ REDIS_URL: 'cache.example.org:6379' })).toThrow(
    /^REDIS_URL must be a Redis URL such as redis:\/\/localhost:6379/,
  );
  expect(() => loadConfig({ PUBLIC_ADDRESS: 'https://game.example.org' })).toThrow(
    /^PUBLIC_ADDRESS must be host\[:port\]\[\/path\] without a scheme/,
  );
});

test('the limits: defaults when unset; each rate as N/time or off; bad values refused in plain words', () => {
  const defaults = loadConfig({}).limits;
  expect(defaults).toEqual(DEFAULT_LIMITS);
  const set = loadConfig({
    LIMIT_JOIN_LOOKUP: '30/10s',
    LIMIT_CREATE: '5/1h',
    LIMIT_HTTP: 'off',
    MAX_CONNECTIONS_PER_ADDRESS: '7',
    IDLE_MATCH_MINUTES: '0.5',
    TRUST_PROXY: ' loopback ',
  }).limits;
  expect(set.rates.joinLookup).toEqual({ points: 30, seconds: 10 });
  expect(set.rates.create).toEqual({ points: 5, seconds: 3600 });
  expect(set.rates.http).toBeNull();
  expect(set.rates.matchmake).toEqual(DEFAULT_LIMITS.rates.matchmake);
  expect(set).toMatchObject({
    connectionsPerAddress: 7,
    idleMatchMs: 30_000,
    trustProxy: 'loopback',
  });
  expect(() => loadConfig({ LIMIT_IMPORT: '10 per hour' })).toThrow(
    /^LIMIT_IMPORT must be a number of requests per time such as 60\/1m/,
  );
  expect(() => loadConfig({ SEAT_RESERVATION_SECONDS: '0' })).toThrow(
    /^SEAT_RESERVATION_SECONDS must be a whole number, 1 or more, not "0"/,
  );
  expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/^LOG_LEVEL must be one of fatal, error/);
  expect(loadConfig({ LOG_LEVEL: 'WARN' }).logLevel).toBe('warn');
});

test('a rate and a size read as a refusal states them', () => {
  expect(describeRate({ points: 60, seconds: 60 })).toBe('60 a minute');
  expect(describeRate({ points: 20, seconds: 600 })).toBe('20 in 10 minutes');
  expect(describeRate({ points: 10, seconds: 3600 })).toBe('10 an hour');
  expect(describeRate({ points: 3, seconds: 10 })).toBe('3 in 10 seconds');
  expect(describeBytes(8192)).toBe('8 KiB');
  expect(describeBytes(5 * 1024 * 1024)).toBe('5 MiB');
  expect(describeBytes(1000)).toBe('1000 bytes');
});
