/**
 * A consistent copy of the SQLite store while the server runs:
 *   npm run backup -- [--data DIR] --to FILE
 * `VACUUM INTO` reads one snapshot of the database (WAL mode lets the
 * server go on writing meanwhile) into a new, compact file; it refuses to
 * overwrite one. Restore: stop the service, put the copy in place of
 * DIR/entanglement.sqlite (and delete its -wal and -shm), start it.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { parseArgs } from 'node:util';
import { DEFAULT_DB_FILE } from '../src/store/sqlite.ts';

const { values } = parseArgs({
  options: {
    data: { type: 'string', default: process.env.DATA_DIR ?? './data' },
    to: { type: 'string' },
  },
});

function fail(message: string): never {
  console.error(message);
  process.exit(1);
}

const source = resolve(values.data, DEFAULT_DB_FILE);
if (!values.to)
  fail(
    'Say where the copy goes: npm run backup -- --to /var/backups/entanglement/2026-12-04.sqlite',
  );
const target = resolve(values.to);
if (!existsSync(source))
  fail(`No match data at ${source}: pass --data with the server's DATA_DIR.`);
if (existsSync(target)) fail(`${target} exists already: a backup never overwrites a file.`);

const db = new DatabaseSync(source, { readOnly: true });
try {
  db.prepare('VACUUM INTO ?').run(target);
} finally {
  db.close();
}
const copy = new DatabaseSync(target, { readOnly: true });
const check = copy.prepare('PRAGMA integrity_check').get() as { integrity_check: string };
const matches = copy.prepare('SELECT count(*) AS n FROM matches').get() as { n: number };
copy.close();
if (check.integrity_check !== 'ok')
  fail(`The copy at ${target} fails SQLite's integrity check: ${check.integrity_check}`);
console.log(`Backed up ${matches.n} matches from ${source} to ${target}.`);
