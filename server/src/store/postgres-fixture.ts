import pg from 'pg';
import { afterAll, beforeAll } from 'vitest';
import { describeWithServices } from '../testing/service-suite.ts';
import { missingPostgres, type PostgresService, startPostgres } from '../testing/services.ts';

/** A database (or a schema) of the test Postgres: its URL, a query on it, and dropping it. */
export interface TestDatabase {
  name: string;
  url: string;
  /** Runs SQL on it (one short-lived connection). */
  query(sql: string, values?: unknown[]): Promise<pg.QueryResult>;
  drop(): Promise<void>;
}

export interface PostgresFixture {
  server(): PostgresService;
  /**
   * A new, empty schema of the server's `postgres` database, and a URL whose
   * connections use it (`?options=-c search_path=…`): a fresh store in about
   * a millisecond, where a new database takes a few hundred.
   */
  schema(): Promise<TestDatabase>;
  /** A new, empty database (for what a schema cannot show: the database going away). */
  database(): Promise<TestDatabase>;
}

/**
 * `describe(name, fn)` with one throwaway Postgres for the whole block
 * (started before its first test, stopped after its last) and a fresh
 * database per call of `pg.database()`. Without Postgres binaries the block
 * is skipped with "Postgres tests NOT RUN: …", or, with REQUIRE_SERVICES=1,
 * a test fails and says why.
 */
export function describeWithPostgres(name: string, fn: (pg: PostgresFixture) => void): void {
  describeWithServices('Postgres', missingPostgres(), name, () => {
    let server: PostgresService | undefined;
    let admin: pg.Client | undefined;
    let n = 0;
    beforeAll(async () => {
      server = await startPostgres();
      admin = new pg.Client({ connectionString: server.url });
      admin.on('error', () => undefined); // the server stopping after the last test
      await admin.connect();
    }, 60_000);
    afterAll(async () => {
      await admin?.end();
      await server?.stop();
    });
    const at = (name: string, url: string, dropSql: string): TestDatabase => ({
      name,
      url,
      async query(sql, values) {
        const client = new pg.Client({ connectionString: url });
        client.on('error', () => undefined);
        await client.connect();
        try {
          return await client.query(sql, values);
        } finally {
          await client.end();
        }
      },
      async drop() {
        await admin!.query(dropSql);
      },
    });
    fn({
      server: () => server!,
      async schema() {
        const name = `test_${++n}`;
        await admin!.query(`CREATE SCHEMA ${name}`);
        const options = encodeURIComponent(`-c search_path=${name}`);
        return at(name, `${server!.url}?options=${options}`, `DROP SCHEMA ${name} CASCADE`);
      },
      async database() {
        const name = `test_${++n}`;
        await admin!.query(`CREATE DATABASE ${name}`);
        return at(name, server!.urlFor(name), `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      },
    });
  });
}
