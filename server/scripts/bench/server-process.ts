import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REPO_ROOT } from '../../src/config.ts';

/** Clock ticks per second of /proc/<pid>/stat's utime and stime (USER_HZ, 100 on Linux). */
const CLOCK_TICKS = 100;

/** One second of the server's event loop and GC, from loop-probe.ts. */
interface ProbeLine {
  at: number;
  loopP99: number;
  loopMax: number;
  gcCount: number;
  gcMs: number;
  gcMaxMs: number;
}

/**
 * The per-address limits a load of `matches` × `clients` needs: every client
 * comes from 127.0.0.1, so the defaults (a class behind one school address,
 * docs/security.md "Limits") would refuse most of them. Each limit is set
 * to four times what the load does in a window: each client makes one
 * matchmaking request and one connection (plus reconnections) and the
 * matches are created within the set-up.
 */
export function benchLimitEnv(matches: number, clients: number): Record<string, string> {
  const people = matches * clients;
  return {
    LIMIT_HTTP: `${4 * people}/1m`,
    LIMIT_MATCHMAKING: `${4 * people}/1m`,
    LIMIT_CREATE: `${4 * matches}/10m`,
    LIMIT_CONNECT: `${4 * people}/1m`,
    MAX_CONNECTIONS_PER_ADDRESS: String(4 * people),
  };
}

const PROBE = fileURLToPath(new URL('./loop-probe.ts', import.meta.url));

export interface ServerProcess {
  child: ChildProcess;
  pid: number;
  base: string;
  dataDir: string;
  /** Everything the server printed (stdout and stderr), last 64 KiB. */
  output(): string;
  /** The probe's lines so far, one a second. */
  probes: ProbeLine[];
  /** Lines the server wrote to stderr (its logged errors). */
  errorLines(): number;
  /** SIGINT (the server closes its rooms and the database), SIGKILL after `graceMs`. */
  stop(graceMs?: number): Promise<number | null>;
}

/**
 * The real server (`node --import tsx server/src/main.ts`, as `npm start`
 * runs it, with the SQLite store) in a child process on a free port of
 * 127.0.0.1 and its own DATA_DIR, so its memory and CPU are its own.
 * `nodeArgs` go before the script (e.g. `--cpu-prof`); `env` adds to or
 * overrides its environment (PORT, REDIS_URL, PUBLIC_ADDRESS, …).
 */
export function startServer(
  dataDir: string,
  nodeArgs: string[] = [],
  env: NodeJS.ProcessEnv = {},
): Promise<ServerProcess> {
  const args = [...nodeArgs, '--import', 'tsx', '--import', PROBE, 'server/src/main.ts'];
  const child = spawn(process.execPath, args, {
    cwd: REPO_ROOT,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let errors = 0;
  let partial = '';
  const probes: ProbeLine[] = [];
  const keep = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-65_536);
  };
  child.stdout!.on('data', (chunk: Buffer) => {
    const lines = (partial + chunk.toString()).split('\n');
    partial = lines.pop()!;
    for (const line of lines) {
      if (line.startsWith('bench-probe ')) probes.push(JSON.parse(line.slice(12)) as ProbeLine);
      else keep(Buffer.from(`${line}\n`));
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => {
    keep(chunk);
    errors += chunk
      .toString()
      .split('\n')
      .filter((l) => l.trim() !== '').length;
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once('exit', (code) => resolve(code)),
  );

  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`The server did not start:\n${out}`)), 60_000);
    const check = () => {
      const port = /open http:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1];
      if (port === undefined) return;
      clearTimeout(timer);
      child.stdout!.off('data', check);
      resolve({
        child,
        pid: child.pid!,
        base: `http://127.0.0.1:${port}`,
        dataDir,
        output: () => out,
        probes,
        errorLines: () => errors,
        async stop(graceMs = 15_000) {
          if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
          child.kill('SIGINT');
          const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
          const code = await exited;
          clearTimeout(kill);
          return code;
        },
      });
    };
    child.stdout!.on('data', check);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`The server exited (${code}):\n${out}`));
    });
  });
}

/** One reading of one process. */
interface ProcReading {
  /** utime + stime of every thread so far, in seconds. */
  cpuSeconds: number;
  rssBytes: number;
  /** The kernel's high-water mark of the resident set (VmHWM). */
  peakRssBytes: number;
}

export interface ProcSample {
  /** performance.now() of the sample. */
  at: number;
  /** The sampled processes, in the order the sampler was given them. */
  procs: ProcReading[];
  /** Busy CPU time of the whole machine so far (/proc/stat), in seconds. */
  machineSeconds: number;
  /** CPU time of the sampling process (the bench) so far, in seconds. */
  selfSeconds: number;
}

/** One reading of /proc/<pid>: CPU time used so far, current and peak resident set. Null once the process is gone or exiting. */
function readProc(pid: number): ProcReading | null {
  try {
    const stat = readFileSync(join('/proc', String(pid), 'stat'), 'utf8');
    // Fields after the command name (which may hold spaces) start at field 3.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]); // utime (14), stime (15)
    const status = readFileSync(join('/proc', String(pid), 'status'), 'utf8');
    const kb = (name: string) =>
      Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1]);
    const rss = kb('VmRSS');
    const peak = kb('VmHWM');
    // An exiting process (a zombie) has no memory lines left.
    if (!Number.isFinite(rss) || !Number.isFinite(peak)) return null;
    return { cpuSeconds: ticks / CLOCK_TICKS, rssBytes: rss * 1024, peakRssBytes: peak * 1024 };
  } catch {
    return null;
  }
}

/**
 * Samples processes every `intervalMs` until stopped. A sample is kept only
 * when every process could be read. Figures are for a set of the processes
 * (`which`: their indices in `pids`; all of them when left out), summed.
 */
export class ProcSampler {
  readonly samples: ProcSample[] = [];
  private readonly timer: NodeJS.Timeout;
  private readonly pids: readonly number[];

  constructor(pids: readonly number[], intervalMs = 1000) {
    this.pids = pids;
    this.take();
    this.timer = setInterval(() => this.take(), intervalMs);
    this.timer.unref();
  }

  take(): ProcSample | null {
    const procs = this.pids.map(readProc);
    if (procs.some((p) => p === null)) return null;
    const self = process.cpuUsage();
    const sample: ProcSample = {
      at: performance.now(),
      procs: procs as ProcReading[],
      machineSeconds: machineCpu().busySeconds,
      selfSeconds: (self.user + self.system) / 1e6,
    };
    this.samples.push(sample);
    return sample;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** The indices of every sampled process. */
  all(): number[] {
    return this.pids.map((_, i) => i);
  }

  /** CPU seconds so far of the processes `which` at a sample. */
  cpuOf(sample: ProcSample, which = this.all()): number {
    return which.reduce((sum, i) => sum + sample.procs[i]!.cpuSeconds, 0);
  }

  /** Current RSS of the processes `which` at a sample. */
  rssOf(sample: ProcSample, which = this.all()): number {
    return which.reduce((sum, i) => sum + sample.procs[i]!.rssBytes, 0);
  }

  /** Average CPU between two instants (performance.now()), as a fraction of one core. */
  cpuBetween(from: number, to: number, which = this.all()): number {
    const a = this.nearest(from);
    const b = this.nearest(to);
    if (!a || !b || b.at <= a.at) return 0;
    return (this.cpuOf(b, which) - this.cpuOf(a, which)) / ((b.at - a.at) / 1000);
  }

  /** The busiest interval between consecutive samples in [from, to], as a fraction of one core. */
  peakCpuBetween(from: number, to: number, which = this.all()): number {
    let peak = 0;
    for (let i = 1; i < this.samples.length; i++) {
      const a = this.samples[i - 1]!;
      const b = this.samples[i]!;
      if (a.at < from - 500 || b.at > to + 500 || b.at <= a.at) continue;
      peak = Math.max(peak, (this.cpuOf(b, which) - this.cpuOf(a, which)) / ((b.at - a.at) / 1000));
    }
    return peak;
  }

  /**
   * The intervals between samples in which other processes (neither this
   * one nor the sampled ones) used less than `maxOthers` of one core.
   */
  quietIntervals(maxOthers: number): [number, number][] {
    const quiet: [number, number][] = [];
    for (let i = 1; i < this.samples.length; i++) {
      const a = this.samples[i - 1]!;
      const b = this.samples[i]!;
      const seconds = (b.at - a.at) / 1000;
      if (seconds <= 0) continue;
      const others =
        (b.machineSeconds -
          a.machineSeconds -
          (this.cpuOf(b) - this.cpuOf(a)) -
          (b.selfSeconds - a.selfSeconds)) /
        seconds;
      if (others < maxOthers) quiet.push([a.at, b.at]);
    }
    return quiet;
  }

  /** The sum of the peak resident sets (VmHWM) of the processes `which`. */
  peakRss(which = this.all()): number {
    return which.reduce(
      (sum, i) => sum + Math.max(0, ...this.samples.map((s) => s.procs[i]!.peakRssBytes)),
      0,
    );
  }

  private nearest(at: number): ProcSample | undefined {
    let best: ProcSample | undefined;
    for (const s of this.samples)
      if (!best || Math.abs(s.at - at) < Math.abs(best.at - at)) best = s;
    return best;
  }
}

/** Busy and total CPU time of the whole machine so far (all cores, /proc/stat), in seconds. */
export function machineCpu(): { busySeconds: number; cores: number } {
  const lines = readFileSync('/proc/stat', 'utf8').split('\n');
  const total = lines[0]!.split(/\s+/).slice(1).map(Number);
  // user nice system idle iowait irq softirq steal: idle and iowait are not busy.
  const busy = total.slice(0, 8).reduce((sum, v, i) => (i === 3 || i === 4 ? sum : sum + v), 0);
  const cores = lines.filter((l) => /^cpu\d/.test(l)).length;
  return { busySeconds: busy / CLOCK_TICKS, cores };
}
