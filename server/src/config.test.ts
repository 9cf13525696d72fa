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
