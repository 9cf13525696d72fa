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

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describeLoad, Flags, LOAD_FLAGS, loadFlagsText, loadOptions } from './bench/options.ts';
import { heldAt, type LoadResult, printProblems, QUIET_OTHERS, runLoad } from './bench/run-load.ts';
import { benchLimitEnv, startServer } from './bench/server-process.ts';
import { mib, ms, pct } from './bench/stats.ts';

// ---- parameters ----

const flags = new Flags(process.argv.slice(2), {
  flags: [...LOAD_FLAGS, 'matches', 'cpu-prof', 'trace'],
  switches: ['quick'],
});
const quick = flags.has('quick');
const load = loadOptions(flags, {
  timer: quick ? 1 : 10,
  diplomacy: quick ? 3 : 30,
  think: quick ? '20-80' : '8000-24000',
  startSpread: quick ? 0.5 : 10,
});
const matchCount = flags.number('matches', quick ? 2 : 200, 1);
const cpuProfDir = flags.string('cpu-prof', '');
/** Writes every ack's send time (s into the play) and latency (ms), tab-separated. */
const traceFile = flags.string('trace', '');

const commandLine = `npm run bench:server -- --matches ${matchCount} ${loadFlagsText(load)}`;

// ---- the run ----

async function main(): Promise<number> {
  console.log(commandLine);
  console.log(describeLoad(load));
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-bench-'));
  const nodeArgs = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${cpuProfDir}`] : [];
  const server = await startServer(
    join(dir, 'data'),
    nodeArgs,
    benchLimitEnv(matchCount, load.clientCount),
  );
  try {
    const result = await runLoad(load, matchCount, [server], {
      traceFile,
      onSetUp: (ready, seconds, rss) =>
        console.log(
          `set-up: ${ready} of ${matchCount} matches with ${ready * load.clientCount} clients seated in ${seconds.toFixed(1)} s; ` +
            `server RSS ${Number.isNaN(rss) ? '?' : mib(rss)}`,
        ),
    });
    report(result);
    printProblems(result, [server]);
    return result.problems.length > 0 ? 1 : 0;
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

function report(r: LoadResult): void {
  const { stats } = r;
  const server = r.servers[0]!;
  const refused = [...stats.refused.entries()].map(([code, n]) => `${code} ${n}`).join(', ');
  console.log(
    `matches: ${r.finished} finished and archived, ${r.failures.length} failed; ` +
      `${r.peakPlaying} playing at once at the peak (${r.peakPlaying * load.clientCount} clients); ` +
      `match length p50 ${r.duration.p50.toFixed(1)} s, max ${r.duration.max.toFixed(1)} s`,
  );
  console.log(
    `commands: ${stats.sent} sent, ${stats.acked} acked, refused ${refused || 'none'}; ` +
      `${(stats.sent / r.playSeconds).toFixed(0)} commands/s over ${r.playSeconds.toFixed(1)} s of play`,
  );
  console.log(
    `order → ack:          p50 ${ms(r.ack.p50)}  p99 ${ms(r.ack.p99)}  max ${ms(r.ack.max)}  (${r.ack.n} acks)`,
  );
  console.log(
    `  of which send → applied (the log's stamp) p50 ${ms(r.inbound.p50)} p99 ${ms(r.inbound.p99)}; ` +
      `applied → ack received p50 ${ms(r.outbound.p50)} p99 ${ms(r.outbound.p99)}`,
  );
  console.log(
    `phase end → update:   p50 ${ms(r.update.p50)}  p99 ${ms(r.update.p99)}  max ${ms(r.update.max)}  ` +
      `(${r.update.n} phase ends, ${r.allDoneEnds} after every seat's done, the rest on the timer; ` +
      `to the last client of the match; per client p50 ${ms(r.perClient.p50)} p99 ${ms(r.perClient.p99)})`,
  );
  console.log(
    `server: peak RSS ${mib(r.peakRss)}; CPU ${pct(r.serverCpu)} of one core on average over the play, ` +
      `${pct(r.serverPeakCpu)} in its busiest second; ${server.errorLines} lines on stderr; exit ${server.exitCode}`,
  );
  console.log(
    `bench process (${matchCount * load.clientCount} clients): CPU ${pct(r.benchCpu)} ` +
      `of one core over the play (${r.benchCpuSeconds.toFixed(1)} s in all); ` +
      `event-loop delay p99 ${ms(r.benchLoopP99)}, max ${ms(r.benchLoopMax)}`,
  );
  console.log(
    `machine: ${r.cores} cores, ${pct(r.machineBusy / r.cores)} busy over the play; ` +
      `other processes ${pct(r.othersCpu)} of one core; ` +
      `load average ${r.loadAtStart} at the start, ${r.loadAtEnd} at the end`,
  );
  console.log(
    `server event loop: delay p99 per second: median ${ms(server.loop.p50)}, worst ${ms(server.loop.max)}; ` +
      `longest delay ${ms(server.loopMax)}; ` +
      `GC ${pct(server.gcShare)} of the time, longest pause ${ms(server.gcMaxMs)}`,
  );
  console.log(
    `order → ack in the ${r.quietSeconds.toFixed(0)} s of play when other processes used under ${pct(QUIET_OTHERS)} of a core: ` +
      `p50 ${ms(r.quietAck.p50)}  p99 ${ms(r.quietAck.p99)}  (${r.quietAck.n} acks)`,
  );
  console.log(
    `target (${matchCount} matches at once, p99 order → ack < 50 ms): ${heldAt(r, 50) ? 'met' : 'MISSED'}`,
  );
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exit(1);
  },
);
