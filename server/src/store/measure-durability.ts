/**
 * Measures how fast the SQLite store appends commands with synchronous=NORMAL
 * and with synchronous=FULL (docs/server.md, "Durability"). Run once by hand:
 *
 *     npx tsx server/src/store/measure-durability.ts [appends per trial] [trials] [matches]
 *
 * Each trial opens a fresh database in a temporary directory under DATA_DIR
 * (the disk the server writes to; set DATA_DIR to measure another) and, in
 * each of `matches` matches at once (default 1), awaits one append after
 * another, as a room does; with several, their appends share group commits.
 * It prints the median appends per second over the trials and the latency
 * of one append (p50, p99) over all of them.
 */
import { mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { RULES_VERSION } from '@entanglement/shared';
import { loadConfig } from '../config.ts';
import { openSqliteStore } from './sqlite.ts';
import { hashToken } from './tokens.ts';

const appends = Number(process.argv[2] ?? 1000);
const trials = Number(process.argv[3] ?? 5);
const matches = Number(process.argv[4] ?? 1);
const { dataDir } = loadConfig();
/** Set when this script made DATA_DIR, so that it leaves no empty directory behind. */
const createdDataDir = mkdirSync(dataDir, { recursive: true });

/** A typical seat command with its riders, as the room would store it. */
const command = {
  kind: 'offer',
  seat: 'usa',
  round: 3,
  phase: 'diplomacy',
  to: 'japan',
  raise: true,
  riders: [{ kind: 'aid', amount: 2 }],
  favour: false,
};

const quantile = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

async function trial(synchronous: 'NORMAL' | 'FULL'): Promise<{ rate: number; ms: number[] }> {
  const dir = mkdtempSync(join(dataDir, 'measure-'));
  const store = openSqliteStore({ dataDir: dir, synchronous });
  try {
    const ids = Array.from({ length: matches }, (_, i) => `m${i}`);
    for (const [i, id] of ids.entries())
      await store.createMatch({
        id,
        code: `BENCH${i}`,
        scenarioId: 'main',
        settings: {},
        rulesVersion: RULES_VERSION,
        seed: 'seed',
        hostTokenHash: hashToken('host'),
        createdAt: Date.now(),
      });
    const ms: number[] = [];
    const start = performance.now();
    const perMatch = Math.ceil(appends / matches);
    await Promise.all(
      ids.map(async (id) => {
        for (let seq = 1; seq <= perMatch; seq++) {
          const t = performance.now();
          await store.appendCommand(id, seq, command, '0123456789abcdef', Date.now());
          ms.push(performance.now() - t);
        }
      }),
    );
    return { rate: ms.length / ((performance.now() - start) / 1000), ms };
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

console.log(
  `${appends} appends per trial in ${matches} match(es) at once, ${trials} trials, under ${dataDir}`,
);
for (const mode of ['NORMAL', 'FULL'] as const) {
  const rates: number[] = [];
  const all: number[] = [];
  for (let i = 0; i < trials; i++) {
    const { rate, ms } = await trial(mode);
    rates.push(rate);
    all.push(...ms);
  }
  rates.sort((a, b) => a - b);
  all.sort((a, b) => a - b);
  console.log(
    `synchronous=${mode.padEnd(6)} median ${Math.round(quantile(rates, 0.5))} appends/s; ` +
      `per append p50 ${quantile(all, 0.5).toFixed(3)} ms, p99 ${quantile(all, 0.99).toFixed(3)} ms`,
  );
}
// Only an empty directory, and only one this script made: never anyone's data.
if (createdDataDir === dataDir) rmdirSync(dataDir);
