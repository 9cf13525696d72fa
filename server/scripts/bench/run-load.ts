/**
 * One load run against running server processes: `matchCount` matches are
 * created (through the processes in turn), seated, played to the end by
 * SeatClients and checked against the servers' stores; the servers are
 * stopped at the end. What is measured is described in bench-server.ts and
 * docs/server.md, "Benchmark".
 */
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { LoadOptions } from './options.ts';
import { type ClientStats, phaseKey, SeatClient } from './seat-client.ts';
import { machineCpu, ProcSampler, type ServerProcess } from './server-process.ts';
import { mib, type Summary, summarise } from './stats.ts';

/** A second in which other processes used less than this share of one core counts as quiet. */
export const QUIET_OTHERS = 0.25;

interface Match {
  index: number;
  roomId: string;
  hostToken: string;
  clients: SeatClient[];
  startedAt: number | null;
  endedAt: number | null;
  failure: string | null;
}

/** What one server process did over the play. */
interface ServerFigures {
  /** Peak resident set (VmHWM), bytes. */
  peakRss: number;
  /** Average CPU over the play and in its busiest second, as a share of one core. */
  cpu: number;
  peakCpu: number;
  /** Matches whose log is in its store. */
  matchesHeld: number;
  /** Its event loop's delay: each second's p99 (ms), summarised, and the longest delay. */
  loop: Summary;
  loopMax: number;
  /** Share of the play spent in GC, and the longest pause (ms). */
  gcShare: number;
  gcMaxMs: number;
  errorLines: number;
  exitCode: number | null;
}

export interface LoadResult {
  matchCount: number;
  /** Matches that were seated, finished and archived, failed (with why). */
  ready: number;
  finished: number;
  failures: { index: number; roomId: string; failure: string }[];
  /** The most matches playing at the same moment. */
  peakPlaying: number;
  setupSeconds: number;
  /** Sum of the servers' RSS once every match was seated, bytes. */
  rssAfterSetup: number;
  playSeconds: number;
  /** Match lengths, s. */
  duration: Summary;
  stats: ClientStats;
  /** Order → ack (ms), and its two halves at the server's log stamp. */
  ack: Summary;
  inbound: Summary;
  outbound: Summary;
  /** Phase end → the last client's update, and per client (ms). */
  update: Summary;
  perClient: Summary;
  /** Phase ends that came after every seat's `done`. */
  allDoneEnds: number;
  servers: ServerFigures[];
  /** The servers together: CPU (avg and busiest second, one core = 1) and the sum of peak RSS. */
  serverCpu: number;
  serverPeakCpu: number;
  peakRss: number;
  /** Average CPU over the play of each of `extraPids` (e.g. Redis). */
  extraCpu: number[];
  /** The bench process: CPU over the play (share of a core), in all (s), event-loop delay (ms). */
  benchCpu: number;
  benchCpuSeconds: number;
  benchLoopP99: number;
  benchLoopMax: number;
  cores: number;
  /** Busy cores over the play; of which other processes (neither the servers, the extra pids nor the bench). */
  machineBusy: number;
  othersCpu: number;
  loadAtStart: string;
  loadAtEnd: string;
  /** Order → ack for commands sent in seconds when other processes used under QUIET_OTHERS of a core. */
  quietSeconds: number;
  quietAck: Summary;
  /** Failed matches, missing updates, unexpected errors: empty when the run passed. */
  problems: string[];
}

export interface RunLoadExtras {
  /** More processes to sample (their CPU is reported apart and not counted as "other"). */
  extraPids?: number[];
  /** Writes every ack, the servers' CPU and RSS each second and their probes (see bench-server.ts). */
  traceFile?: string;
  /** Called once every match is seated (or failed to be), before the play. */
  onSetUp?: (ready: number, seconds: number, rssBytes: number) => void;
}

/** The 1-minute load average. */
function loadAverage(): string {
  return readFileSync('/proc/loadavg', 'utf8').split(' ')[0]!;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * Runs `matchCount` matches against `servers` (match i is created through
 * server i mod n, its joiners through the next ones in turn), stops the
 * servers and reads their SQLite stores.
 */
export async function runLoad(
  o: LoadOptions,
  matchCount: number,
  servers: ServerProcess[],
  extras: RunLoadExtras = {},
): Promise<LoadResult> {
  const stats: ClientStats = {
    ackMs: [],
    ackSentAt: [],
    sent: 0,
    acked: 0,
    refused: new Map(),
    errors: [],
  };
  let seedCounter = 1;
  const newClient = () => new SeatClient(o.scenario, o.think, stats, seedCounter++ * 0x9e3779b1);
  const baseFor = (i: number) => servers[i % servers.length]!.base;

  /** Creates the match (its first client is the host), joins the others, and seats everyone. */
  async function setUpMatch(out: Match): Promise<void> {
    const host = newClient();
    out.clients.push(host);
    const created = await host.create(baseFor(out.index), {
      scenario: o.scenario.id,
      nickname: 'Host',
      rounds: o.rounds,
      pace: o.pace,
      seats: o.seats,
      timers: o.timers,
    });
    out.roomId = created.roomId;
    out.hostToken = created.hostToken;
    const joiners = await Promise.all(
      Array.from({ length: o.clientCount - 1 }, async (_, j) => {
        await sleep(j * 15); // a class arriving, not one burst
        const client = newClient();
        out.clients.push(client);
        await client.join(baseFor(out.index + j + 1), out.roomId, created.code, `Player ${j + 2}`);
        return client;
      }),
    );
    const all = [host, ...joiners];
    await Promise.all(all.map((c, j) => c.claim(o.seats[j % o.seats.length]!, j < o.seats.length)));
  }

  const serverIndices = servers.map((_, i) => i);
  const extraPids = extras.extraPids ?? [];
  const sampler = new ProcSampler([...servers.map((s) => s.pid), ...extraPids]);
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
        setUpMatch(match).catch((error: unknown) => {
          match.failure = `set-up: ${error instanceof Error ? error.message : String(error)}`;
        }),
      );
      await sleep(1000 / o.rampPerSecond);
    }
    await Promise.all(setups);
    const setupSeconds = (performance.now() - runStart) / 1000;
    const afterSetup = sampler.take();
    const ready = matches.filter((m) => m.failure === null);
    const rssAfterSetup = afterSetup ? sampler.rssOf(afterSetup, serverIndices) : Number.NaN;
    extras.onSetUp?.(ready.length, setupSeconds, rssAfterSetup);

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
        (i * o.startSpreadSeconds * 1000) / ready.length,
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
          else if (now - match.startedAt > o.matchDeadlineMs)
            match.failure = `not ended after ${o.matchDeadlineMs / 1000} s`;
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
    loopDelay.disable();
    const runCpuUsed = process.cpuUsage(cpuAtStart);

    // Leave, stop the servers, read their stores.
    for (let i = 0; i < matches.length; i += 20)
      await Promise.all(matches.slice(i, i + 20).flatMap((m) => m.clients.map((c) => c.leave())));
    const exitCodes = await Promise.all(servers.map((s) => s.stop()));
    sampler.stop();

    const updateMs: number[] = [];
    const clientUpdateMs: number[] = [];
    /** Order → ack split at the server's log stamp: send → applied, applied → ack received (ms, ±1). */
    const inboundMs: number[] = [];
    const outboundMs: number[] = [];
    const held = servers.map(() => 0);
    let missingUpdates = 0;
    let allDoneEnds = 0;
    const stores = servers.map((s) => openSqliteStore({ dataDir: s.dataDir }));
    try {
      for (const match of ready) {
        if (match.failure !== null) continue;
        // The match's log is in the store of the process that held it.
        let holder = -1;
        for (let i = 0; i < stores.length && holder < 0; i++)
          if ((await stores[i]!.getMatch(match.roomId))?.finishedAt != null) holder = i;
        if (holder < 0) {
          match.failure = 'not archived as finished';
          continue;
        }
        held[holder]!++;
        const log = await stores[holder]!.loadLog(match.roomId);
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
      await Promise.all(stores.map((s) => s.close()));
    }

    // ---- figures ----
    const wallStart = Date.now() - (performance.now() - playStart);
    const wallEnd = Date.now() - (performance.now() - playEnd);
    const serverFigures = servers.map((server, i): ServerFigures => {
      const probes = server.probes.filter((p) => p.at >= wallStart && p.at <= wallEnd + 1000);
      return {
        peakRss: sampler.peakRss([i]),
        cpu: sampler.cpuBetween(playStart, playEnd, [i]),
        peakCpu: sampler.peakCpuBetween(playStart, playEnd, [i]),
        matchesHeld: held[i]!,
        loop: summarise(probes.map((p) => p.loopP99)),
        loopMax: Math.max(0, ...probes.map((p) => p.loopMax)),
        gcShare: probes.reduce((sum, p) => sum + p.gcMs, 0) / 1000 / playSeconds,
        gcMaxMs: Math.max(0, ...probes.map((p) => p.gcMaxMs)),
        errorLines: server.errorLines(),
        exitCode: exitCodes[i]!,
      };
    });
    const serverCpu = sampler.cpuBetween(playStart, playEnd, serverIndices);
    const extraCpu = extraPids.map((_, i) =>
      sampler.cpuBetween(playStart, playEnd, [servers.length + i]),
    );
    const benchCpu = (playCpuUsed.user + playCpuUsed.system) / 1e6 / playSeconds;
    const machineBusy = (machineAtEnd.busySeconds - machineAtStart.busySeconds) / playSeconds;
    const othersCpu = Math.max(
      0,
      machineBusy - serverCpu - extraCpu.reduce((a, b) => a + b, 0) - benchCpu,
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

    if (extras.traceFile) await writeTrace(extras.traceFile, stats, sampler, servers, playStart);

    const failed = matches.filter((m) => m.failure !== null);
    const finished = ready.filter((m) => m.failure === null);
    const problems: string[] = [];
    for (const m of failed)
      problems.push(`match ${m.index} (${m.roomId || 'no room'}): ${m.failure}`);
    if (missingUpdates > 0)
      problems.push(`${missingUpdates} client updates after a phase end never arrived`);
    const errorCounts = new Map<string, number>();
    for (const e of stats.errors) errorCounts.set(e, (errorCounts.get(e) ?? 0) + 1);
    for (const [e, n] of errorCounts) problems.push(`${n} × error ${e}`);

    return {
      matchCount,
      ready: ready.length,
      finished: finished.length,
      failures: failed.map((m) => ({ index: m.index, roomId: m.roomId, failure: m.failure! })),
      peakPlaying,
      setupSeconds,
      rssAfterSetup,
      playSeconds,
      duration: summarise(finished.map((m) => (m.endedAt! - m.startedAt!) / 1000)),
      stats,
      ack: summarise(stats.ackMs),
      inbound: summarise(inboundMs),
      outbound: summarise(outboundMs),
      update: summarise(updateMs),
      perClient: summarise(clientUpdateMs),
      allDoneEnds,
      servers: serverFigures,
      serverCpu,
      serverPeakCpu: sampler.peakCpuBetween(playStart, playEnd, serverIndices),
      peakRss: sampler.peakRss(serverIndices),
      extraCpu,
      benchCpu,
      benchCpuSeconds: (runCpuUsed.user + runCpuUsed.system) / 1e6,
      benchLoopP99,
      benchLoopMax,
      cores: machineAtEnd.cores,
      machineBusy,
      othersCpu,
      loadAtStart,
      loadAtEnd,
      quietSeconds,
      quietAck: summarise(quietAcks),
      problems,
    };
  } finally {
    loopDelay.disable();
    sampler.stop();
    await Promise.all(servers.map((s) => s.stop()));
  }
}

/**
 * `FILE`: every ack's send time (s into the play) and latency (ms);
 * `FILE.server`: each second's CPU and RSS of the servers (summed) and the
 * machine's CPU; `FILE.probe`: the servers' event-loop probe lines.
 */
async function writeTrace(
  file: string,
  stats: ClientStats,
  sampler: ProcSampler,
  servers: ServerProcess[],
  playStart: number,
): Promise<void> {
  const which = servers.map((_, i) => i);
  const lines = stats.ackMs.map(
    (v, i) => `${((stats.ackSentAt[i]! - playStart) / 1000).toFixed(3)}\t${v.toFixed(2)}`,
  );
  await writeFile(file, `${lines.join('\n')}\n`);
  const cpu = sampler.samples.map((x, i) => {
    const prev = sampler.samples[i - 1];
    const seconds = prev ? (x.at - prev.at) / 1000 : 0;
    const busy = prev ? (sampler.cpuOf(x, which) - sampler.cpuOf(prev, which)) / seconds : 0;
    const machine = prev ? (x.machineSeconds - prev.machineSeconds) / seconds : 0;
    return `${((x.at - playStart) / 1000).toFixed(1)}\t${(busy * 100).toFixed(0)}%\t${mib(sampler.rssOf(x, which))}\tmachine ${(machine * 100).toFixed(0)}%`;
  });
  await writeFile(`${file}.server`, `${cpu.join('\n')}\n`);
  const probes = servers.flatMap((s) => s.probes.map((p) => JSON.stringify(p)));
  await writeFile(`${file}.probe`, `${probes.join('\n')}\n`);
}

/** Every match was live at once and finished, and the order → ack p99 stayed under `thresholdMs`. */
export function heldAt(r: LoadResult, thresholdMs: number): boolean {
  return r.ack.p99 < thresholdMs && r.failures.length === 0 && r.peakPlaying === r.matchCount;
}

/** Prints the problems of a run and, when a server logged errors, the end of its output. */
export function printProblems(result: LoadResult, servers: ServerProcess[]): void {
  if (result.problems.length === 0) return;
  console.log(`problems (${result.problems.length}):`);
  for (const p of result.problems.slice(0, 20)) console.log(`  ${p}`);
  for (const server of servers)
    if (server.errorLines() > 0)
      console.log(`server output (last lines):\n${server.output().slice(-3000)}`);
}
