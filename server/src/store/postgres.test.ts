import { afterEach, describe, expect, test } from 'vitest';
import { freePort } from '../testing/services.ts';
import { storeContract } from './contract.ts';
import { checkFinishIsAtomic, cmd, newMatch, T0 } from './contract-helpers.ts';
import { openPostgresStore, type PostgresMatchStore } from './postgres.ts';
import { describeWithPostgres, type TestDatabase } from './postgres-fixture.ts';
import { PG_SCHEMA_VERSION } from './postgres-schema.ts';
import type { MatchStore } from './types.ts';

describeWithPostgres('Postgres', (pg) => {
  storeContract('Postgres', async () => {
    const db = await pg.schema();
    const opened: MatchStore[] = [await openPostgresStore({ url: db.url })];
    return {
      store: opened[0]!,
      async reopen() {
        const store = await openPostgresStore({ url: db.url });
        opened.push(store);
        return store;
      },
      async dispose() {
        for (const store of opened) await store.close();
        await db.drop();
      },
    };
  });

  describe('the Postgres store', () => {
    const open: PostgresMatchStore[] = [];
    const dbs: TestDatabase[] = [];
    const openStore = async (db: TestDatabase) => {
      const store = await openPostgresStore({ url: db.url });
      open.push(store);
      return store;
    };
    const database = async (own = false) => {
      const db = await (own ? pg.database() : pg.schema());
      dbs.push(db);
      return db;
    };
    afterEach(async () => {
      for (const store of open.splice(0)) await store.close();
      for (const db of dbs.splice(0)) await db.drop();
    });

    test('migrations run on start, once: stores opening together or later find nothing to do', async () => {
      const db = await database();
      const [a, b] = await Promise.all([openStore(db), openStore(db)]);
      expect([a.schemaVersion, b.schemaVersion]).toEqual([PG_SCHEMA_VERSION, PG_SCHEMA_VERSION]);
      const { record } = newMatch(1);
      await a.createMatch(record);
      await openStore(db);
      expect((await db.query('SELECT version FROM schema_version')).rows).toEqual([
        { version: PG_SCHEMA_VERSION },
      ]);
      expect(await b.getMatch(record.id)).toMatchObject({ id: record.id });
      const tables = await db.query(
        'SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1',
      );
      expect(tables.rows.map((r) => r.table_name)).toEqual([
        'annotations',
        'chat',
        'clocks',
        'commands',
        'matches',
        'notice_targets',
        'phase_hashes',
        'reflections',
        'schema_version',
        'seats',
      ]);
    });

    test('refuses a database from a newer server, and says so', async () => {
      const db = await database();
      await (await openStore(db)).close();
      await db.query('UPDATE schema_version SET version = 99');
      await expect(openPostgresStore({ url: db.url })).rejects.toThrow(
        new RegExp(`schema version 99.*only up to ${PG_SCHEMA_VERSION}`),
      );
    });

    test('two stores racing for one join code: exactly one wins, every time', async () => {
      const db = await database();
      const [one, two] = await Promise.all([openStore(db), openStore(db)]);
      for (let i = 10; i < 30; i++) {
        const a = newMatch(i, { code: `A${i}AAA` });
        const b = newMatch(i + 100, { code: `B${i}BBB` });
        await one.createMatch(a.record);
        await two.createMatch(b.record);
        const race = await Promise.allSettled([
          one.claimCode(`R${i}RRR`, a.record.id),
          two.claimCode(`r${i}rrr`, b.record.id),
        ]);
        const won = race.findIndex((r) => r.status === 'fulfilled');
        expect(race.filter((r) => r.status === 'fulfilled').length).toBe(1);
        const lost = race[1 - won] as PromiseRejectedResult;
        expect(lost.reason).toMatchObject({ name: 'StoreError', code: 'codeTaken' });
        const winner = won === 0 ? a : b;
        expect(await two.findLiveByCode(`R${i}RRR`)).toBe(winner.record.id);
      }
      // Two new matches created with one code at once: one is refused and not stored.
      const c = newMatch(1, { code: 'SAMESS' });
      const d = newMatch(2, { code: 'samess' });
      const race = await Promise.allSettled([one.createMatch(c.record), two.createMatch(d.record)]);
      expect(race.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect((await one.listLive()).filter((m) => m.code === 'SAMESS').length).toBe(1);
    });

    test('two stores appending the same seq: exactly one is stored, the other is a duplicateSeq', async () => {
      const db = await database();
      const [one, two] = await Promise.all([openStore(db), openStore(db)]);
      const { record } = newMatch(1);
      await one.createMatch(record);
      for (let seq = 1; seq <= 10; seq++) {
        const race = await Promise.allSettled([
          one.appendCommand(record.id, seq, cmd(seq), `one${seq}`, T0 + seq),
          two.appendCommand(record.id, seq, cmd(seq), `two${seq}`, T0 + seq),
        ]);
        const refusals = race.filter((r) => r.status === 'rejected');
        expect(refusals.length).toBe(1);
        expect(refusals[0]!.reason).toMatchObject({ code: 'duplicateSeq' });
      }
      expect((await two.loadLog(record.id)).map((e) => e.seq)).toEqual([
        1, 2, 3, 4, 5, 6, 7, 8, 9, 10,
      ]);
    });

    test('finish is one transaction: a failure part way leaves the match live and unchanged', async () => {
      const db = await database();
      const store = await openStore(db);
      await checkFinishIsAtomic(store, async () => {
        await db.query(`CREATE FUNCTION fail_third() RETURNS trigger LANGUAGE plpgsql AS
          $$ BEGIN IF NEW.idx = 2 THEN RAISE EXCEPTION 'disk trouble'; END IF; RETURN NEW; END $$`);
        await db.query(`CREATE TRIGGER fail_third BEFORE INSERT ON phase_hashes
          FOR EACH ROW EXECUTE FUNCTION fail_third()`);
      });
      const count = await db.query('SELECT count(*)::int AS n FROM phase_hashes');
      expect(count.rows).toEqual([{ n: 0 }]);
    });

    test('stores no token, only hashes: a plain token is nowhere in the database', async () => {
      const db = await database();
      const store = await openStore(db);
      const { record, hostToken } = newMatch(1);
      await store.createMatch(record);
      const row = (await db.query('SELECT * FROM matches')).rows[0];
      expect(JSON.stringify(row)).not.toContain(hostToken);
      expect(row.host_token_hash).toMatch(/^[0-9a-f]{64}$/);
    });

    test('connections cut by the server (a restart) are replaced: the next append is stored', async () => {
      const db = await database();
      const store = await openStore(db);
      const { record } = newMatch(1);
      await store.createMatch(record);
      await store.appendCommand(record.id, 1, cmd(1), 'h1', T0);
      await db.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE application_name = 'entanglement' AND pid <> pg_backend_pid()`,
      );
      await new Promise((resolve) => setTimeout(resolve, 50)); // the pool hears of it
      await store.appendCommand(record.id, 2, cmd(2), 'h2', T0);
      expect((await store.loadLog(record.id)).map((e) => e.seq)).toEqual([1, 2]);
    });

    test('a database that is gone: an append fails with its reason, and the process lives on', async () => {
      const db = await database(true);
      const store = await openStore(db);
      const { record } = newMatch(1);
      await store.createMatch(record);
      await db.drop();
      await expect(store.appendCommand(record.id, 1, cmd(1), 'h1', T0)).rejects.toThrow(
        /database "test_\d+" does not exist|terminat/,
      );
    });

    test('a database that does not exist is a clear error at open', async () => {
      await expect(openPostgresStore({ url: pg.server().urlFor('nope') })).rejects.toThrow(
        /^Cannot use Postgres at postgres:\/\/postgres@127\.0\.0\.1:\d+\/nope: database "nope" does not exist$/,
      );
    });
  });
});

test('a Postgres that cannot be reached is a clear one-line error at open, without the password', async () => {
  const port = await freePort(); // nothing listens there
  const error = await openPostgresStore({
    url: `postgres://game:s3cret@127.0.0.1:${port}/entanglement`,
  }).then(
    () => null,
    (err: Error) => err,
  );
  expect(error?.message).toMatch(
    new RegExp(
      `^Cannot use Postgres at postgres://game:\\*\\*\\*@127\\.0\\.0\\.1:${port}/entanglement: .*ECONNREFUSED`,
    ),
  );
  expect(error?.message).not.toContain('s3cret');
  expect(error?.message).not.toContain('\n');
});
