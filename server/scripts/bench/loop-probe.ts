/**
 * Loaded into the benchmarked server with `--import` (nothing in the server
 * changes): every second it prints one line `bench-probe {json}` with the
 * event loop's delay (p99 and max, ms) over that second and the garbage
 * collector's pauses (count, total and longest, ms).
 */
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';

const delay = monitorEventLoopDelay({ resolution: 5 });
delay.enable();
let gcCount = 0;
let gcTotal = 0;
let gcMax = 0;
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    gcCount++;
    gcTotal += entry.duration;
    gcMax = Math.max(gcMax, entry.duration);
  }
}).observe({ entryTypes: ['gc'] });

setInterval(() => {
  const line = {
    at: Date.now(),
    loopP99: delay.percentile(99) / 1e6,
    loopMax: delay.max / 1e6,
    gcCount,
    gcMs: gcTotal,
    gcMaxMs: gcMax,
  };
  delay.reset();
  gcCount = 0;
  gcTotal = 0;
  gcMax = 0;
  process.stdout.write(`bench-probe ${JSON.stringify(line)}\n`);
}, 1000).unref();
