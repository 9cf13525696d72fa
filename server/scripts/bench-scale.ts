/**
 * How many matches one server process holds, and how many two processes
 * sharing a Redis hold, on this machine, in the same run: the server
 * benchmark (bench-server.ts, the same clients and figures) at a rising
 * number of concurrent matches, each step once against one process and
 * once against two, and the largest step whose order → ack p99 stays under
 * `--threshold` for each. The ratio of the two is the scaling.
 *   npm run bench:scale [-- --steps 5,10,20,40,80,120 --threshold 50 …]
 *   npm run bench:scale -- --quick       (2 matches each way in seconds: a smoke run)
 * Two processes: a throwaway Redis (testing/services.ts) and two servers,
 * each with its own DATA_DIR (SQLite), PORT and PUBLIC_ADDRESS and the same
 * REDIS_URL; the bench creates the matches through the two in turn (the
 * matchmaker puts each on the process with fewer rooms; clients connect to
 * the one that holds it, from their seat reservation's public address).
 * Every step starts fresh processes. Flags and results: docs/server.md,
 * "Benchmark", "Scaling".
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type Service, startRedis } from '../src/testing/services.ts';
import { describeLoad, Flags, LOAD_FLAGS, loadFlagsText, loadOptions } from './bench/options.ts';
import { heldAt, type LoadResult, printProblems, runLoad } from './bench/run-load.ts';
import {
  benchLimitEnv,
  machineCpu,
  type ServerProcess,
  startServer,
} from './bench/server-process.ts';
import { mib, ms, pct } from './bench/stats.ts';

// ---- parameters ----

const flags = new Flags(process.argv.slice(2), {
  flags: [...LOAD_FLAGS, 'steps', 'threshold'],
  switches: ['quick'],
});
const quick = flags.has('quick');
/**
 * bench:server's match, 3⅓ times faster: its timers and think time × 0.3
 * (the scenario's fewest rounds, 4 for `main`), so a step lasts about a
 * minute and each match sends about 3⅓ times bench:server's commands a second.
 */
const load = loadOptions(flags, {
  timer: quick ? 1 : 3,
  diplomacy: quick ? 2 : 9,
  think: quick ? '20-80' : '2400-7200',
  startSpread: quick ? 0.5 : 5,
});
const steps = flags
  .string('steps', quick ? '2' : '5,10,20,40,80,120')
  .split(',')
  .map(Number);
if (steps.some((n) => !Number.isInteger(n) || n < 1))
  throw new Error('--steps must be whole numbers of matches, e.g. 25,50,100');
const thresholdMs = flags.number('threshold', 50, 1);

const commandLine =
  `npm run bench:scale -- --steps ${steps.join(',')} --threshold ${thresholdMs} ` +
  loadFlagsText(load);

// ---- the two configurations ----

interface Configuration {
  name: string;
  processes: number;
  /** The result of each step, in step order. */
  results: LoadResult[];
}

const configurations: Configuration[] = [
  { name: 'one process', processes: 1, results: [] },
  { name: 'two processes + Redis', processes: 2, results: [] },
];

/** The pid of the redis-server listening on `port` (its title is `…redis-server 127.0.0.1:<port>`). */
function redisPid(port: number): number | undefined {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() !== 'redis-server') continue;
      if (readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes(`:${port}`)) return Number(entry);
    } catch {
      // Gone meanwhile.
    }
  }
  return undefined;
}

/** Starts the configuration's processes in `dir`, runs `matches` matches, stops everything. */
async function runStep(config: Configuration, matches: number): Promise<LoadResult> {
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-scale-'));
  let redis: Service | null = null;
  const servers: ServerProcess[] = [];
  try {
    const extraPids: number[] = [];
    const limits = benchLimitEnv(matches, load.clientCount);
    if (config.processes === 1) servers.push(await startServer(join(dir, 'data'), [], limits));
    else {
      redis = await startRedis();
      const pid = redisPid(redis.port);
      if (pid !== undefined) extraPids.push(pid);
      const ports = await Promise.all(Array.from({ length: config.processes }, freePort));
      const env = (port: number) => ({
        ...limits,
        PORT: String(port),
        REDIS_URL: redis!.url,
        PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      });
      const started = await Promise.allSettled(
        ports.map((port, i) => startServer(join(dir, `data-${i + 1}`), [], env(port))),
      );
      for (const s of started) if (s.status === 'fulfilled') servers.push(s.value);
      for (const s of started) if (s.status === 'rejected') throw s.reason;
    }
    const result = await runLoad(load, matches, servers, { extraPids });
    printProblems(result, servers);
    return result;
  } finally {
    await Promise.all(servers.map((s) => s.stop()));
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

// ---- report ----

const time = () => new Date().toISOString().slice(11, 19);
/** A share of one core with a decimal: Redis uses little. */
const pct1 = (fraction: number) => `${(fraction * 100).toFixed(1)}%`;
const split = (values: number[], format: (v: number) => string) =>
  values.length > 1 ? ` (${values.map(format).join(' + ')})` : '';

function stepLine(config: Configuration, r: LoadResult): string {
  const cpu = r.servers.map((s) => s.cpu);
  return (
    `[${time()}] ${r.matchCount} matches, ${config.name}: ${r.finished} finished; ` +
    `order → ack p50 ${ms(r.ack.p50)} p99 ${ms(r.ack.p99)}; phase end → update p99 ${ms(r.update.p99)}; ` +
    `server CPU ${pct(r.serverCpu)}${split(cpu, pct)}` +
    `${r.extraCpu.length ? `, Redis ${pct1(r.extraCpu[0]!)}` : ''}; ` +
    `others ${pct(r.othersCpu)}; ${heldAt(r, thresholdMs) ? 'held' : 'MISSED'}`
  );
}

function table(config: Configuration): string[] {
  const two = config.processes > 1;
  const head = [
    'matches',
    ...(two ? ['held by A + B'] : []),
    'order → ack p50 / p99',
    'phase end → update p99',
    'commands/s',
    two ? 'server CPU A + B (busiest s)' : 'server CPU (busiest s)',
    ...(two ? ['Redis CPU'] : []),
    two ? 'peak RSS A + B' : 'peak RSS',
    'bench CPU',
    "others' CPU",
    `p99 < ${thresholdMs} ms`,
  ];
  const rows = config.results.map((r) => {
    const servers = r.servers;
    return [
      String(r.matchCount),
      ...(two ? [servers.map((s) => s.matchesHeld).join(' + ')] : []),
      `${ms(r.ack.p50)} / ${ms(r.ack.p99)}`,
      ms(r.update.p99),
      (r.stats.sent / r.playSeconds).toFixed(0),
      `${pct(r.serverCpu)}${split(
        servers.map((s) => s.cpu),
        pct,
      )} (${pct(r.serverPeakCpu)})`,
      ...(two ? [r.extraCpu.length ? pct1(r.extraCpu[0]!) : '?'] : []),
      `${mib(r.peakRss)}${split(
        servers.map((s) => s.peakRss),
        mib,
      )}`,
      pct(r.benchCpu),
      pct(r.othersCpu),
      heldAt(r, thresholdMs)
        ? 'yes'
        : r.failures.length > 0
          ? `no (${r.failures.length} failed)`
          : 'no',
    ];
  });
  return [
    `| ${head.join(' | ')} |`,
    `| ${head.map(() => '---').join(' | ')} |`,
    ...rows.map((row) => `| ${row.join(' | ')} |`),
  ];
}

/** The largest step held (0: none), and the smaller steps missed (the machine's noise, as a rule). */
function held(
  config: Configuration,
  threshold: number,
): { matches: number; missedBelow: number[] } {
  const heldSteps = config.results.filter((r) => heldAt(r, threshold)).map((r) => r.matchCount);
  const matches = Math.max(0, ...heldSteps);
  const missedBelow = config.results
    .filter((r) => r.matchCount < matches && !heldAt(r, threshold))
    .map((r) => r.matchCount);
  return { matches, missedBelow };
}

/** Two held counts as a ratio, or why there is none. */
function ratioText(one: number, two: number): string {
  if (one > 0) return (two / one).toFixed(2);
  return two > 0 ? '– (one process held no step)' : '– (neither held any step)';
}

type Held = ReturnType<typeof held>;

// ---- the run ----

async function main(): Promise<number> {
  console.log(commandLine);
  console.log(describeLoad(load));
  const { cores } = machineCpu();
  const loadAtStart = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
  const started = time();
  let problems = 0;
  for (const [i, matches] of steps.entries()) {
    // Alternate which configuration goes first, so drift in the machine's load falls on both.
    const order = i % 2 === 0 ? configurations : [...configurations].reverse();
    for (const config of order) {
      const result = await runStep(config, matches);
      config.results[i] = result;
      problems += result.problems.length;
      console.log(stepLine(config, result));
    }
  }
  const loadAtEnd = readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;

  console.log('');
  for (const config of configurations) {
    console.log(`${config.name}:`);
    for (const line of table(config)) console.log(line);
    console.log('');
  }
  console.log('order → ack p99 side by side:');
  console.log(`| matches | one process | two processes + Redis | two / one |`);
  console.log('| --- | --- | --- | --- |');
  for (const [i, matches] of steps.entries()) {
    const [a, b] = configurations.map((c) => c.results[i]!.ack.p99) as [number, number];
    console.log(`| ${matches} | ${ms(a)} | ${ms(b)} | ${(b / a).toFixed(2)} |`);
  }
  console.log('');
  const [one, two] = configurations.map((c) => held(c, thresholdMs)) as [Held, Held];
  const last = Math.max(...steps);
  const text = (h: Held) =>
    `${h.matches}${h.matches === last ? ' (every step: the limit is higher)' : ''}` +
    `${h.missedBelow.length ? ` (missed at ${h.missedBelow.join(', ')})` : ''}`;
  console.log(
    `matches held at order → ack p99 < ${thresholdMs} ms: one process ${text(one)}, ` +
      `two processes ${text(two)}; ratio ${ratioText(one.matches, two.matches)}`,
  );
  // The same at looser p99s, from the same steps: on a busy machine the threshold may hold nowhere.
  const looser = [100, 250, 500, 1000].filter((t) => t > thresholdMs);
  console.log(
    `at looser p99s: ${looser
      .map((t) => {
        const [a, b] = configurations.map((c) => held(c, t).matches) as [number, number];
        return `< ${t} ms: ${a} and ${b}, ratio ${ratioText(a, b).split(' ')[0]}`;
      })
      .join('; ')}`,
  );
  const others = configurations.flatMap((c) => c.results).map((r) => r.othersCpu);
  console.log(
    `machine: ${cores} cores; other processes used ${pct(Math.min(...others))}–${pct(Math.max(...others))} ` +
      `of one core during the steps; load average ${loadAtStart} at ${started}, ${loadAtEnd} at ${time()} UTC`,
  );
  if (cores < 4)
    console.log(
      `note: the ${cores} cores are shared by the server processes, Redis and the bench's own clients, ` +
        'so a second process adds no CPU here; the ratio measures this machine, not what a second machine or ' +
        'more cores would give.',
    );
  return problems > 0 ? 1 : 0;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
