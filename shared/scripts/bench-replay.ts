/**
 * How long a replay viewer waits to seek: a recorded 16-round match of the
 * main scenario (every seat, random legal play) is opened once, then every
 * phase of its timeline is sought in a shuffled order (as a scrubber jumps),
 * each timed with its view for the projector (what the viewer draws).
 * Prints the median and worst seek, and the time to open (replay and verify
 * every stored hash). Target: median under 50 ms.
 * For comparison it also times the same seeks without snapshots (replaying
 * from the start each time).
 *   npm run bench:replay [-- --checkpoint 2 --pace quick|full --seed bench-replay]
 */
import { performance } from 'node:perf_hooks';
import { getScenario } from '../src/content/index.ts';
import { recordRandomMatch } from '../src/replay/recorded.ts';
import { openReplay } from '../src/replay/replay.ts';
import { median, readArgs } from './args.ts';

const args = readArgs({ checkpoint: 2, seed: 'bench-replay', pace: 'quick' });
const checkpointEvery = args.checkpoint;
const seed = args.seed;
const pace = args.pace === 'full' ? 'full' : 'quick';
const scenario = getScenario('main');
const seats = [...scenario.seats.required, ...scenario.seats.optional];
const input = recordRandomMatch('main', { seats, rounds: 16, pace }, seed);

const t0 = performance.now();
const replay = openReplay(input, { checkpointEvery });
const openMs = performance.now() - t0;

// A fixed shuffle: each phase once, in an order that jumps back and forth.
const order = replay.timeline.map((e) => e.index);
for (let i = order.length - 1; i > 0; i--) {
  const j = (i * 7919 + 13) % (i + 1);
  [order[i], order[j]] = [order[j]!, order[i]!];
}
function seekTimes(r: typeof replay): number[] {
  for (const index of order.slice(0, 10)) r.viewAt(index, null); // warm the JIT
  return order.map((index) => {
    const start = performance.now();
    r.viewAt(index, null);
    return performance.now() - start;
  });
}
const times = seekTimes(replay);
const plain = seekTimes(openReplay(input, { checkpointEvery: Number.MAX_SAFE_INTEGER }));

const ms = (n: number) => `${n.toFixed(1)} ms`;
console.log('npm run bench:replay', process.argv.slice(2).join(' '));
console.log(
  `main scenario, ${seats.length} seats, ${pace} pace, ${replay.timeline.at(-1)!.round} rounds: ` +
    `${replay.steps} commands, ${replay.timeline.length} phases, snapshot every ${checkpointEvery} phases`,
);
console.log(`open (replay + verify ${input.phaseHashes.length} phase hashes): ${ms(openMs)}`);
console.log(
  `seek to a phase (state + view): median ${ms(median(times))}, worst ${ms(Math.max(...times))} ` +
    `over ${times.length} phases`,
);
console.log(
  `without snapshots (from the start): median ${ms(median(plain))}, worst ${ms(Math.max(...plain))}`,
);
