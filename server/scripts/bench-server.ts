/**
 * Load test of the match server: many matches at once, each with several
 * @colyseus/sdk clients on loopback, played to the end by bot logic on the
 * client side with short phase timers. The server runs as `npm start` does
 * (tsx, SQLite store) in a child process with a temporary DATA_DIR, so its
 * memory and CPU are measured apart from the clients'.
 *   npm run bench:server [-- --matches 200 --clients 8 --think 8000-24000 …]
 *   npm run bench:server -- --quick        (2 matches in a few seconds: a smoke run)
 * Flags and what is measured: docs/server.md, "Benchmark". In short:
 * - order → ack: `room.send('command')` to its `ack`, in the client process,
 *   split at the server's stamp of the command in the stored log;
 * - phase end → update: the server's stamp of the `advance` in the stored
 *   log to the moment the last client of the match has both the new phase's
 *   `view` and `timer` (wall clock, both processes on one machine);
 * - the server's peak RSS (VmHWM), CPU (utime + stime from /proc, all
 *   threads), event-loop delay and GC pauses (loop-probe.ts), and how busy
 *   the machine was with other processes.
 * Exits non-zero when a match fails (not finished and archived, a client
 * dropped) or a client gets an error other than a stale, late or illegal
 * command.
 */

import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import {
  getScenario,
  PACES,
  type Pace,
  type PhaseTimers,
  type Scenario,
} from '@entanglement/shared';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { type ClientStats, phaseKey, SeatClient, type Think } from './bench/seat-client.ts';
import { machineCpu, ProcSampler, startServer } from './bench/server-process.ts';
import { mib, ms, pct, summarise } from './bench/stats.ts';

// ---- parameters ----

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');

function flag(name: string, fallback: string): string {
  const i = argv.indexOf(`--${name}`);
  return (i >= 0 ? argv[i + 1] : undefined) ?? fallback;
}

function numberFlag(name: string, fallback: number, min = 0): number {
  const n = Number(flag(name, String(fallback)));
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
  return n;
}

const scenario: Scenario = getScenario(flag('scenario', 'main'));
const matchCount = numberFlag('matches', quick ? 2 : 200, 1);
const clientCount = numberFlag('clients', 8, 1);
const allSeats = [...scenario.seats.required, ...scenario.seats.optional];
const seatCount = numberFlag('seats', Math.min(clientCount, allSeats.length), 1);
const rounds = numberFlag('rounds', scenario.rounds.min, 1);
const pace = flag('pace', 'quick') as Pace;
if (!PACES.includes(pace)) throw new Error(`--pace must be one of ${PACES.join(', ')}`);
const [thinkMin, thinkMax] = flag('think', quick ? '20-80' : '8000-24000')
  .split('-')
  .map(Number);
const think: Think = { minMs: thinkMin ?? 0, maxMs: thinkMax ?? thinkMin ?? 0 };
const rampPerSecond = numberFlag('ramp', 25, 0.1);
const startSpreadSeconds = numberFlag('start-spread', quick ? 0.5 : 10);
const cpuProfDir = flag('cpu-prof', '');
/** Writes every ack's send time (s into the play) and latency (ms), tab-separated. */
const traceFile = flag('trace', '');
const seats = allSeats.slice(0, seatCount);
/** `--timers news=10,diplomacy=30,…`: seconds per phase; a phase left out takes `--timer` (default 10). */
const defaultTimer = numberFlag('timer', quick ? 1 : 10, 1);
const timers: PhaseTimers = {
  news: defaultTimer,
  diplomacy: quick ? 3 : 30,
  responses: defaultTimer,
  calls: defaultTimer,
  resolution: defaultTimer,
};
for (const item of flag('timers', '').split(',').filter(Boolean)) {
  const [phase, seconds] = item.split('=');
  if (!(phase! in timers) || !(Number(seconds) >= 1))
    throw new Error(`--timers: "${item}" is not phase=seconds`);
  timers[phase as keyof PhaseTimers] = Number(seconds);
}
const phasesInPlay: (keyof PhaseTimers)[] =
  pace === 'quick'
    ? ['news', 'diplomacy', 'resolution']
    : ['news', 'diplomacy', 'responses', 'calls', 'resolution'];
const timersText = phasesInPlay.map((p) => `${p}=${timers[p]}`).join(',');
/** A match that has not ended by then has failed: every phase on its timer, twice over, plus a minute. */
const matchDeadlineMs =
  rounds * phasesInPlay.reduce((sum, p) => sum + timers[p], 0) * 2000 + 60_000;

const commandLine =
  `npm run bench:server -- --matches ${matchCount} --clients ${clientCount} --seats ${seatCount} ` +
  `--rounds ${rounds} --pace ${pace} --timers ${timersText} --think ${think.minMs}-${think.maxMs} ` +
  `--ramp ${rampPerSecond} --start-spread ${startSpreadSeconds}`;

/** A second in which other processes used less than this share of one core counts as quiet. */
const QUIET_OTHERS = 0.25;

/** The 1-minute load average. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

// ---- one match ----

interface Match {
  index: number;
  roomId: string;
  hostToken: string;
  clients: SeatClient[];
  startedAt: number | null;
  endedAt: number | null;
  failure: string | null;
}

const stats: ClientStats = {
  ackMs: [],
  ackSentAt: [],
  sent: 0,
  acked: 0,
  refused: new Map(),
  errors: [],
};
let seedCounter = 1;

function newClient(): SeatClient {
  return new SeatClient(scenario, think, stats, seedCounter++ * 0x9e3779b1);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Creates the match (its first client is the host), joins the others, and seats everyone. */
async function setUpMatch(base: string, out: Match): Promise<void> {
  const host = newClient();
  out.clients.push(host);
  await host.create(base, {
    scenario: scenario.id,
    nickname: 'Host',
    rounds,
    pace,
    seats,
    timers,
  });
  out.roomId = (await host.once<{ roomId: string }>('welcome')).roomId;
  out.hostToken = (await host.once<{ token: string }>('hostToken')).token;
  const joiners = await Promise.all(
    Array.from({ length: clientCount - 1 }, async (_, j) => {
      await sleep(j * 15); // a class arriving, not one burst
      const client = newClient();
      out.clients.push(client);
      await client.join(base, out.roomId, `Player ${j + 2}`);
      return client;
    }),
  );
  const all = [host, ...joiners];
  await Promise.all(all.map((c, j) => c.claim(seats[j % seats.length]!, j < seats.length)));
}

// ---- the run ----

async function main(): Promise<number> {
  console.log(commandLine);
  console.log(
    `${scenario.title}: ${seatCount} seats (${seats.join(', ')}), ${clientCount} clients per match, ` +
      `${rounds} rounds, pace ${pace}, phase timers ${timersText} s, think ${think.minMs}–${think.maxMs} ms per command`,
  );
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-bench-'));
  const dataDir = join(dir, 'data');
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const server = await startServer(dataDir, nodeArgs);
  const sampler = new ProcSampler(server.pid);
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  const cpuAtStart = process.cpuUsage();
  const runStart = performance.now();

  try {
    // Set-up: `ramp` matches per second are created; each fills up and seats its people.
    const matches: Match[] = [];
    const setups: Promise<void>[] = [];
    for (let i = 0; i < matchCount; i++) {
      const match: Match = {
        index: i,
        roomId: '',
        hostToken: '',
        clients: [],
        startedAt: null,
        endedAt: null,
        failure: null,
      };
      matches.push(match);
      setups.push(
        setUpMatch(server.base, match).catch((error: unknown) => {
          match.failure = `set-up: ${error instanceof Error ? error.message : String(error)}`;
        }),
      );
      await sleep(1000 / rampPerSecond);
    }
    await Promise.all(setups);
    const setupSeconds = (performance.now() - runStart) / 1000;
    const afterSetup = sampler.take();
    const ready = matches.filter((m) => m.failure === null);
    console.log(
      `set-up: ${ready.length} of ${matchCount} matches with ${ready.length * clientCount} clients seated in ${setupSeconds.toFixed(1)} s; ` +
        `server RSS ${afterSetup ? mib(afterSetup.rssBytes) : '?'}`,
    );

    // Play: the hosts start their matches spread over `start-spread` seconds.
    loopDelay.reset();
    const playCpu = process.cpuUsage();
    const machineAtStart = machineCpu();
    const loadAtStart = loadAverage();
    const playStart = performance.now();
    sampler.take();
    let playing = 0;
    let peakPlaying = 0;
    ready.forEach((match, i) => {
      setTimeout(
        () => {
          match.clients[0]!.send('host', { action: 'start', token: match.hostToken });
          match.startedAt = performance.now();
          playing++;
          peakPlaying = Math.max(peakPlaying, playing);
        },
        (i * startSpreadSeconds * 1000) / ready.length,
      );
    });
    await new Promise<void>((resolve) => {
      const poll = setInterval(() => {
        const now = performance.now();
        for (const match of ready) {
          if (match.startedAt === null || match.endedAt !== null || match.failure !== null)
            continue;
          const dropped = match.clients.find((c) => c.closed);
          if (match.clients.every((c) => c.ended)) match.endedAt = now;
          else if (dropped) match.failure = `a client was disconnected (code ${dropped.closeCode})`;
          else if (now - match.startedAt > matchDeadlineMs)
            match.failure = `not ended after ${matchDeadlineMs / 1000} s`;
          if (match.endedAt !== null || match.failure !== null) playing--;
        }
        if (ready.every((m) => m.endedAt !== null || m.failure !== null)) {
          clearInterval(poll);
          resolve();
        }
      }, 50);
    });
    const playEnd = performance.now();
    sampler.take();
    const playCpuUsed = process.cpuUsage(playCpu);
    const machineAtEnd = machineCpu();
    const loadAtEnd = loadAverage();
    const playSeconds = (playEnd - playStart) / 1000;
    const benchLoopP99 = loopDelay.percentile(99) / 1e6;
    const benchLoopMax = loopDelay.max / 1e6;

    const peakRss = sampler.peakRss();
    const serverCpu = sampler.cpuBetween(playStart, playEnd);
    const serverPeakCpu = sampler.peakCpuBetween(playStart, playEnd);
    const runCpuUsed = process.cpuUsage(cpuAtStart);

    // Leave, stop the server, read its store.
    for (let i = 0; i < matches.length; i += 20)
      await Promise.all(matches.slice(i, i + 20).flatMap((m) => m.clients.map((c) => c.leave())));
    const exitCode = await server.stop();
    sampler.stop();

    const store = openSqliteStore({ dataDir });
    const updateMs: number[] = [];
    const clientUpdateMs: number[] = [];
    /** Order → ack split at the server's log stamp: send → applied, applied → ack received (ms, ±1). */
    const inboundMs: number[] = [];
    const outboundMs: number[] = [];
    let missingUpdates = 0;
    let allDoneEnds = 0;
    try {
      for (const match of ready) {
        if (match.failure !== null) continue;
        const record = await store.getMatch(match.roomId);
        if (record?.finishedAt == null) {
          match.failure = 'not archived as finished';
          continue;
        }
        const log = await store.loadLog(match.roomId);
        const appliedAt = new Map(log.map((e) => [e.seq, e.at]));
        for (const client of match.clients)
          for (const a of client.acks) {
            const at = appliedAt.get(a.step);
            if (at === undefined) continue;
            inboundMs.push(at - a.sent);
            outboundMs.push(a.received - at);
          }
        for (const entry of log) {
          const command = entry.command as { kind: string; round: number; phase: string };
          if (command.kind !== 'advance') continue;
          const ended = phaseKey(command.round, command.phase);
          if (match.clients.filter((c) => c.seat !== null).every((c) => c.sentDone.has(ended)))
            allDoneEnds++;
          let last = Number.NEGATIVE_INFINITY;
          for (const client of match.clients) {
            const next = client.phases[client.phases.indexOf(ended) + 1];
            const view = next === undefined ? undefined : client.firstView.get(next);
            const timer = next === undefined ? undefined : client.firstTimer.get(next);
            if (view === undefined || timer === undefined) {
              missingUpdates++;
              continue;
            }
            const at = Math.max(view, timer);
            clientUpdateMs.push(at - entry.at);
            last = Math.max(last, at);
          }
          if (Number.isFinite(last)) updateMs.push(last - entry.at);
        }
      }
    } finally {
      await store.close();
    }

    // ---- report ----
    const failed = matches.filter((m) => m.failure !== null);
    const finished = ready.filter((m) => m.failure === null);
    const durations = finished.map((m) => (m.endedAt! - m.startedAt!) / 1000);
    const refused = [...stats.refused.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
    const ack = summarise(stats.ackMs);
    const update = summarise(updateMs);
    const perClient = summarise(clientUpdateMs);
    const duration = summarise(durations);
    console.log(
      `matches: ${finished.length} finished and archived, ${failed.length} failed; ` +
        `${peakPlaying} playing at once at the peak (${peakPlaying * clientCount} clients); ` +
        `match length p50 ${duration.p50.toFixed(1)} s, max ${duration.max.toFixed(1)} s`,
    );
    console.log(
      `commands: ${stats.sent} sent, ${stats.acked} acked, refused ${refused || 'none'}; ` +
        `${(stats.sent / playSeconds).toFixed(0)} commands/s over ${playSeconds.toFixed(1)} s of play`,
    );
    console.log(
      `order → ack:          p50 ${ms(ack.p50)}  p99 ${ms(ack.p99)}  max ${ms(ack.max)}  (${ack.n} acks)`,
    );
    const inbound = summarise(inboundMs);
    const outbound = summarise(outboundMs);
    console.log(
      `  of which send → applied (the log's stamp) p50 ${ms(inbound.p50)} p99 ${ms(inbound.p99)}; ` +
        `applied → ack received p50 ${ms(outbound.p50)} p99 ${ms(outbound.p99)}`,
    );
    console.log(
      `phase end → update:   p50 ${ms(update.p50)}  p99 ${ms(update.p99)}  max ${ms(update.max)}  ` +
        `(${update.n} phase ends, ${allDoneEnds} after every seat's done, the rest on the timer; ` +
        `to the last client of the match; per client p50 ${ms(perClient.p50)} p99 ${ms(perClient.p99)})`,
    );
    console.log(
      `server: peak RSS ${mib(peakRss)}; CPU ${pct(serverCpu)} of one core on average over the play, ` +
        `${pct(serverPeakCpu)} in its busiest second; ${server.errorLines()} lines on stderr; exit ${exitCode}`,
    );
    console.log(
      `bench process (${matchCount * clientCount} clients): CPU ${pct((playCpuUsed.user + playCpuUsed.system) / 1e6 / playSeconds)} ` +
        `of one core over the play (${((runCpuUsed.user + runCpuUsed.system) / 1e6).toFixed(1)} s in all); ` +
        `event-loop delay p99 ${ms(benchLoopP99)}, max ${ms(benchLoopMax)}`,
    );
    const benchCpu = (playCpuUsed.user + playCpuUsed.system) / 1e6 / playSeconds;
    const machineBusy = (machineAtEnd.busySeconds - machineAtStart.busySeconds) / playSeconds;
    console.log(
      `machine: ${machineAtEnd.cores} cores, ${pct(machineBusy / machineAtEnd.cores)} busy over the play; ` +
        `other processes ${pct(Math.max(0, machineBusy - serverCpu - benchCpu))} of one core; ` +
        `load average ${loadAtStart} at the start, ${loadAtEnd} at the end`,
    );
    const wallStart = Date.now() - (performance.now() - playStart);
    const wallEnd = Date.now() - (performance.now() - playEnd);
    const probes = server.probes.filter((p) => p.at >= wallStart && p.at <= wallEnd + 1000);
    const gcMs = probes.reduce((sum, p) => sum + p.gcMs, 0);
    const loop = summarise(probes.map((p) => p.loopP99));
    console.log(
      `server event loop: delay p99 per second: median ${ms(loop.p50)}, worst ${ms(loop.max)}; ` +
        `longest delay ${ms(Math.max(0, ...probes.map((p) => p.loopMax)))}; ` +
        `GC ${pct(gcMs / 1000 / playSeconds)} of the time, longest pause ${ms(Math.max(0, ...probes.map((p) => p.gcMaxMs)))}`,
    );
    // The same latencies, only for commands sent while other processes left the machine alone.
    const quiet = sampler.quietIntervals(QUIET_OTHERS);
    const quietAcks: number[] = [];
    for (let i = 0; i < stats.ackMs.length; i++) {
      const sent = stats.ackSentAt[i]!;
      if (quiet.some(([a, b]) => sent >= a && sent < b)) quietAcks.push(stats.ackMs[i]!);
    }
    const quietSeconds =
      quiet.reduce(
        (sum, [a, b]) => sum + Math.max(0, Math.min(b, playEnd) - Math.max(a, playStart)),
        0,
      ) / 1000;
    const quietAck = summarise(quietAcks);
    console.log(
      `order → ack in the ${quietSeconds.toFixed(0)} s of play when other processes used under ${pct(QUIET_OTHERS)} of a core: ` +
        `p50 ${ms(quietAck.p50)}  p99 ${ms(quietAck.p99)}  (${quietAck.n} acks)`,
    );
    const met = ack.p99 < 50 && failed.length === 0 && peakPlaying === matchCount;
    console.log(
      `target (${matchCount} matches at once, p99 order → ack < 50 ms): ${met ? 'met' : 'MISSED'}`,
    );

    if (traceFile) {
      const lines = stats.ackMs.map(
        (v, i) => `${((stats.ackSentAt[i]! - playStart) / 1000).toFixed(3)}\t${v.toFixed(2)}`,
      );
      await writeFile(traceFile, `${lines.join('\n')}\n`);
      const cpu = sampler.samples.map((x, i) => {
        const prev = sampler.samples[i - 1];
        const busy = prev ? (x.cpuSeconds - prev.cpuSeconds) / ((x.at - prev.at) / 1000) : 0;
        const machine = prev
          ? (x.machineSeconds - prev.machineSeconds) / ((x.at - prev.at) / 1000)
          : 0;
        return `${((x.at - playStart) / 1000).toFixed(1)}\t${(busy * 100).toFixed(0)}%\t${mib(x.rssBytes)}\tmachine ${(machine * 100).toFixed(0)}%`;
      });
      await writeFile(`${traceFile}.server`, `${cpu.join('\n')}\n`);
      await writeFile(
        `${traceFile}.probe`,
        `${server.probes.map((p) => JSON.stringify(p)).join('\n')}\n`,
      );
    }

    const problems: string[] = [];
    for (const m of failed)
      problems.push(`match ${m.index} (${m.roomId || 'no room'}): ${m.failure}`);
    if (missingUpdates > 0)
      problems.push(`${missingUpdates} client updates after a phase end never arrived`);
    const errorCounts = new Map<string, number>();
    for (const e of stats.errors) errorCounts.set(e, (errorCounts.get(e) ?? 0) + 1);
    for (const [e, n] of errorCounts) problems.push(`${n} × error ${e}`);
    if (problems.length > 0) {
      console.log(`problems (${problems.length}):`);
      for (const p of problems.slice(0, 20)) console.log(`  ${p}`);
      if (server.errorLines() > 0)
        console.log(`server output (last lines):\n${server.output().slice(-3000)}`);
      return 1;
    }
    return 0;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
