import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { getScenario, MATCH_ROOM } from '@entanglement/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { MemoryLog } from './memory-log.ts';
import { replayLog } from './replay-log.ts';
import { Inbox } from './test-clients.ts';

const log = new MemoryLog();
let server: RunningServer;
let clientDist: string;
const inboxes: Inbox[] = [];

beforeAll(async () => {
  clientDist = await mkdtemp(join(tmpdir(), 'entanglement-flaky-'));
  server = await startGameServer({ port: 0, host: '127.0.0.1', clientDist, store: log });
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  await server?.stop();
  await rm(clientDist, { recursive: true, force: true });
});

test('a command the store could not save is refused and taken back out of the match', async () => {
  const sdk = new Client(`http://127.0.0.1:${server.port}`);
  const host = new Inbox(
    await sdk.create(MATCH_ROOM, {
      scenario: 'tutorial-1950',
      nickname: 'Host',
      seats: ['china', 'ussr', 'usa'],
      timers: { news: 600, diplomacy: 600, resolution: 600 },
    }),
  );
  inboxes.push(host);
  const hostToken = (await host.waitFor('hostToken')).token;
  host.room.send('claimSeat', { seat: 'china' });
  const token = (await host.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  host.room.send('host', { action: 'skip', token: hostToken });
  const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy');
  const region = getScenario('tutorial-1950').regions[0]!.id;
  const order = (ref: string) => ({
    token,
    ref,
    command: {
      kind: 'order',
      seat: 'china',
      round: 1,
      phase: 'diplomacy',
      order: { kind: 'invest', region, amount: 2 },
    },
  });

  log.failNext = true;
  let mark = host.mark();
  host.room.send('command', order('lost'));
  expect(await host.waitFor('error', (e) => e.ref === 'lost', mark)).toMatchObject({
    code: 'internal',
  });
  // Everyone is sent the match as the store has it: the lost order is not in it.
  const reloaded = await host.waitFor('view', (v) => v.step === diplomacy.step, mark);
  expect(reloaded.drafts.china!.orders).toEqual([]);

  // Play goes on, and the log has no gap: it replays to the hash of every step.
  mark = host.mark();
  host.room.send('command', order('kept'));
  const ack = await host.waitFor('ack', (a) => a.ref === 'kept', mark);
  expect(ack.step).toBe(diplomacy.step + 1);
  const record = log.matches[0]!;
  const replayed = replayLog(
    getScenario(record.scenarioId),
    record.settings as object,
    record.seed,
    log.entries,
  );
  expect(replayed.match.step).toBe(ack.step);
  expect(replayed.match.drafts.china!.orders).toHaveLength(1);
});
