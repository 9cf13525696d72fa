/**
 * The server's own work for each accepted command, measured in one process
 * without sockets: the state hash stored with the command and the views
 * sent to every client (encoding, patches, frames), as a room does them.
 * Random-legal games of `main` at bench:server's defaults (8 seats, 4
 * rounds), one client per seat and one spectator. CPU time (this process's
 * user + system), so a busy machine changes it less than wall-clock
 * latencies; the median of several runs.
 *   npm run bench:views [-- --games 10 --runs 7 --seats 8 --rounds 4]
 * docs/server.md, "Benchmark", gives figures.
 */
import type { Client } from '@colyseus/core';
import {
  applyCommand,
  createMatch,
  getScenario,
  playRandomGame,
  StateParts,
} from '@entanglement/shared';
import { ViewSender } from '../src/rooms/view-sender.ts';
import { Flags } from './bench/options.ts';

const flags = new Flags(process.argv.slice(2), { flags: ['games', 'runs', 'seats', 'rounds'] });
const games = flags.number('games', 10, 1);
const runs = flags.number('runs', 7, 1);
const seatCount = flags.number('seats', 8, 3);
const rounds = flags.number('rounds', 4, 1);

const scenario = getScenario('main');
const seats = [...scenario.seats.required, ...scenario.seats.optional].slice(0, seatCount);
const settings = { seats, rounds };
const played = Array.from(
  { length: games },
  (_, i) => playRandomGame(scenario, settings, `views:${i}`).log,
);

/** CPU milliseconds since `start`. */
function cpuMs(start: NodeJS.CpuUsage): number {
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

function run(): { hash: number; views: number; commands: number; bytes: number } {
  let hash = 0;
  let views = 0;
  let commands = 0;
  let bytes = 0;
  for (const log of played) {
    const created = createMatch(scenario, settings, 'views');
    if (!created.ok) throw new Error(created.error);
    const state = created.state;
    const parts = new StateParts();
    const sender = new ViewSender(parts);
    const clients = [...seats, null].map((seat, i) => ({
      seat,
      client: {
        sessionId: `c${i}`,
        enqueueRaw: (frame: Buffer) => {
          bytes += frame.length;
        },
      } as unknown as Client,
    }));
    const seatOf = new Map(clients.map((c) => [c.client.sessionId, c.seat]));
    const list = clients.map((c) => c.client);
    for (const command of log) {
      applyCommand(scenario, state, command);
      let start = process.cpuUsage();
      parts.hash(state);
      hash += cpuMs(start);
      start = process.cpuUsage();
      sender.sendChanges(list, (id) => seatOf.get(id) ?? null, state);
      views += cpuMs(start);
      commands++;
    }
  }
  return { hash, views, commands, bytes };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
run(); // let the JIT settle
const results = Array.from({ length: runs }, run);
const per = (pick: (r: (typeof results)[0]) => number) =>
  median(results.map((r) => pick(r) / r.commands));
console.log(
  `npm run bench:views -- --games ${games} --runs ${runs} --seats ${seatCount} --rounds ${rounds}`,
);
console.log(
  `${results[0]!.commands} commands a run, ${seats.length + 1} clients; per command (CPU, median of ${runs} runs): ` +
    `state hash ${per((r) => r.hash).toFixed(3)} ms, views ${per((r) => r.views).toFixed(3)} ms, ` +
    `${(per((r) => r.bytes) / 1024).toFixed(1)} KiB sent`,
);
