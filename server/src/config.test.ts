import { expect, test } from 'vitest';
import { loadConfig } from './config.ts';

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
