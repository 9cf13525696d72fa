/**
 * The flags the server benchmarks share (bench-server.ts, bench-scale.ts):
 * what one match is and how its players behave. Each benchmark gives its own
 * defaults; docs/server.md, "Benchmark", lists the flags.
 */
import { parseArgs } from 'node:util';
import {
  getScenario,
  PACES,
  type Pace,
  type PhaseTimers,
  type Scenario,
} from '@entanglement/shared';
import type { Think } from './seat-client.ts';

/** The match flags `loadOptions` reads, for a benchmark's `Flags`. */
export const LOAD_FLAGS = [
  'scenario',
  'clients',
  'seats',
  'rounds',
  'pace',
  'timers',
  'timer',
  'think',
  'ramp',
  'start-spread',
] as const;

/**
 * `--name value` flags and `--name` switches of a command line, read with
 * `util.parseArgs`: a flag the benchmark does not take, or one without its
 * value, is an error that names it.
 */
export class Flags {
  private readonly values: Record<string, string | boolean | undefined>;

  constructor(
    argv: readonly string[],
    known: { flags: readonly string[]; switches?: readonly string[] },
  ) {
    const options: Record<string, { type: 'string' | 'boolean' }> = {};
    for (const name of known.flags) options[name] = { type: 'string' };
    for (const name of known.switches ?? []) options[name] = { type: 'boolean' };
    this.values = parseArgs({ args: [...argv], options, strict: true }).values;
  }

  has(name: string): boolean {
    return this.values[name] === true;
  }

  string(name: string, fallback: string): string {
    const value = this.values[name];
    return typeof value === 'string' ? value : fallback;
  }

  number(name: string, fallback: number, min = 0): number {
    const n = Number(this.string(name, String(fallback)));
    if (!Number.isFinite(n) || n < min) throw new Error(`--${name} must be a number ≥ ${min}`);
    return n;
  }
}

/** What one benchmark match is: its scenario, seats, clients, timers, and how fast its players act. */
export interface LoadOptions {
  scenario: Scenario;
  /** SDK clients per match (the first is the host). */
  clientCount: number;
  seats: string[];
  rounds: number;
  pace: Pace;
  timers: PhaseTimers;
  /** The timers of the phases in play, `news=10,diplomacy=30,…`. */
  timersText: string;
  think: Think;
  /** Matches created per second during set-up. */
  rampPerSecond: number;
  /** Seconds over which the hosts start their matches. */
  startSpreadSeconds: number;
  /** A match that has not ended this long after its start has failed. */
  matchDeadlineMs: number;
}

/** A benchmark's own defaults for the flags of `LoadOptions`. */
export interface LoadDefaults {
  /** Rounds per match; the scenario's minimum when left out. */
  rounds?: number;
  /** Seconds of each phase but diplomacy (`--timer`). */
  timer: number;
  /** Seconds of diplomacy. */
  diplomacy: number;
  /** `--think`, e.g. `8000-24000` (ms). */
  think: string;
  startSpread: number;
}

/**
 * The match flags: `--scenario --clients --seats --rounds --pace --timers
 * --timer --think --ramp --start-spread`.
 */
export function loadOptions(flags: Flags, defaults: LoadDefaults): LoadOptions {
  const scenario = getScenario(flags.string('scenario', 'main'));
  const clientCount = flags.number('clients', 8, 1);
  const allSeats = [...scenario.seats.required, ...scenario.seats.optional];
  const seatCount = flags.number('seats', Math.min(clientCount, allSeats.length), 1);
  const rounds = flags.number('rounds', defaults.rounds ?? scenario.rounds.min, 1);
  const pace = flags.string('pace', 'quick') as Pace;
  if (!PACES.includes(pace)) throw new Error(`--pace must be one of ${PACES.join(', ')}`);
  const [thinkMin, thinkMax] = flags.string('think', defaults.think).split('-').map(Number);
  const think: Think = { minMs: thinkMin ?? 0, maxMs: thinkMax ?? thinkMin ?? 0 };
  /** `--timers news=10,diplomacy=30,…`: seconds per phase; a phase left out takes `--timer`. */
  const defaultTimer = flags.number('timer', defaults.timer, 1);
  const timers: PhaseTimers = {
    news: defaultTimer,
    diplomacy: defaults.diplomacy,
    responses: defaultTimer,
    calls: defaultTimer,
    resolution: defaultTimer,
  };
  for (const item of flags.string('timers', '').split(',').filter(Boolean)) {
    const [phase, seconds] = item.split('=');
    if (!(phase! in timers) || !(Number(seconds) >= 1))
      throw new Error(`--timers: "${item}" is not phase=seconds`);
    timers[phase as keyof PhaseTimers] = Number(seconds);
  }
  const phasesInPlay: (keyof PhaseTimers)[] =
    pace === 'quick'
      ? ['news', 'diplomacy', 'resolution']
      : ['news', 'diplomacy', 'responses', 'calls', 'resolution'];
  return {
    scenario,
    clientCount,
    seats: allSeats.slice(0, seatCount),
    rounds,
    pace,
    timers,
    timersText: phasesInPlay.map((p) => `${p}=${timers[p]}`).join(','),
    think,
    rampPerSecond: flags.number('ramp', 25, 0.1),
    startSpreadSeconds: flags.number('start-spread', defaults.startSpread),
    // Every phase on its timer, twice over, plus a minute.
    matchDeadlineMs: rounds * phasesInPlay.reduce((sum, p) => sum + timers[p], 0) * 2000 + 60_000,
  };
}

/** The match flags as a command line would give them, from `--clients` on. */
export function loadFlagsText(o: LoadOptions): string {
  return (
    `--clients ${o.clientCount} --seats ${o.seats.length} --rounds ${o.rounds} --pace ${o.pace} ` +
    `--timers ${o.timersText} --think ${o.think.minMs}-${o.think.maxMs} ` +
    `--ramp ${o.rampPerSecond} --start-spread ${o.startSpreadSeconds}`
  );
}

/** One line: the scenario, seats, clients, rounds, pace, timers and think time. */
export function describeLoad(o: LoadOptions): string {
  return (
    `${o.scenario.title}: ${o.seats.length} seats (${o.seats.join(', ')}), ${o.clientCount} clients per match, ` +
    `${o.rounds} rounds, pace ${o.pace}, phase timers ${o.timersText} s, think ${o.think.minMs}–${o.think.maxMs} ms per command`
  );
}
