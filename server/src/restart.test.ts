import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  type SeatCommand,
  type SeatView,
  stateHash,
} from '@entanglement/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { codeOf, hostInbox, hostTokenOf, Inbox } from './rooms/test-clients.ts';
import { openSqliteStore } from './store/sqlite.ts';
import { killServer, type ServerProcess, spawnServer } from './testing/spawn-server.ts';

type Child = ServerProcess;

let dir: string;
const children: Child[] = [];
const inboxes: Inbox[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-restart-'));
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  for (const child of children) {
    if (child.process.exitCode === null && child.process.signalCode === null)
      child.process.kill('SIGKILL');
  }
  await rm(dir, { recursive: true, force: true });
});

/** Starts the server on DATA_DIR `dir` and port 0; resolves once it prints its address. */
async function startChild(): Promise<Child> {
  const child = await spawnServer(join(dir, 'data'));
  children.push(child);
  return child;
}

const killed = killServer;

async function command(inbox: Inbox, token: string, cmd: SeatCommand, ref: string) {
  const since = inbox.mark();
  inbox.room.send('command', { token, ref, command: cmd });
  return Promise.race([
    inbox.waitFor('ack', (a) => a.ref === ref, since, 15_000).then((ack) => ({ ack, error: null })),
    inbox
      .waitFor('error', (e) => e.ref === ref, since, 15_000)
      .then((error) => ({ ack: null, error })),
  ]);
}

test('after kill -9 mid-phase a restarted server resumes the match: same phase, state, timer; players rejoin', async () => {
  const first = await startChild();
  const host = await hostInbox(first.base, {
    scenario: 'tutorial-1950',
    nickname: 'Teacher',
    seats: ['china', 'ussr', 'usa'],
    timers: { news: 600, diplomacy: 900, resolution: 600 },
  });
  inboxes.push(host);
  const { roomId, code } = await host.waitFor('welcome', () => true, 0, 15_000);
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const token = (await host.waitFor('seatToken', () => true, 0, 15_000)).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news', 0, 15_000);

  // Into Negotiate & Commit, one order drafted (acknowledged, so committed).
  expect(
    (
      await command(
        host,
        token,
        { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
        'n',
      )
    ).ack,
  ).not.toBeNull();
  await host.waitFor('view', (v) => v.phase === 'diplomacy', 0, 15_000);
  const order = await command(
    host,
    token,
    {
      kind: 'order',
      seat: 'china',
      round: 1,
      phase: 'diplomacy',
      order: { kind: 'deploy', region: 'korea', power: 1 },
    },
    'o',
  );
  expect(order.ack).not.toBeNull();
  const before = await host.waitFor(
    'view',
    (v) => v.step === order.ack!.step && v.drafts.china!.orders.length === 1,
    0,
    15_000,
  );
  const timerBefore = host.all('timer').at(-1)!;
  const killedAt = Date.now();
  await killed(first);
  await host.leave();

  const second = await startChild();
  expect(second.output()).toContain(`Restored match ${roomId}`);
  const restartedAfter = Date.now() - killedAt;

  // The join code still leads to the match.
  const found = await fetch(`${second.base}/api/join/${code}`);
  expect(await found.json()).toEqual({ roomId, code });

  const back = new Inbox(
    await new Client(second.base).joinById(roomId, { nickname: 'Teacher', code: codeOf(roomId) }),
  );
  inboxes.push(back);
  const lobby = await back.waitFor('lobby', () => true, 0, 15_000);
  expect(lobby.stage).toBe('playing');

  // A wrong token is refused; the real one gets the seat back.
  back.room.send('rejoinSeat', { seat: 'china', token: 'x'.repeat(21) });
  expect((await back.waitFor('error', (e) => e.type === 'rejoinSeat', 0, 15_000)).code).toBe(
    'badToken',
  );
  const since = back.mark();
  back.room.send('rejoinSeat', { seat: 'china', token });
  expect(await back.waitFor('seatToken', () => true, since, 15_000)).toEqual({
    seat: 'china',
    token,
  });
  const after: SeatView = await back.waitFor('view', () => true, since, 15_000);
  // The same state: the same phase, step and everything china can see, its draft included.
  expect(after).toEqual(before);

  // The timer resumed with what was left (less the time the restart took).
  const timer = back.all('timer').at(-1)!;
  expect(timer).toMatchObject({ round: 1, phase: 'diplomacy', paused: false });
  expect(timer.remainingMs).toBeLessThanOrEqual(timerBefore.remainingMs);
  expect(timer.remainingMs).toBeGreaterThan(timerBefore.remainingMs - restartedAfter - 5_000);

  // Play goes on: the seat's token and the host token still work.
  const next = await command(
    back,
    token,
    { kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: false },
    'd',
  );
  expect(next.error).toBeNull();
  expect(next.ack!.step).toBe(before.step + 1);
  const paused = back.mark();
  back.room.send('host', { action: 'pause', token: hostToken });
  await back.waitFor('timer', (t) => t.paused, paused, 15_000);
  // Store writes are in order: once a later command is acknowledged, the paused clock is saved.
  const last = await command(
    back,
    token,
    { kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: false },
    'd2',
  );
  expect(last.error).toBeNull();

  await killed(second);
  await back.leave();

  // The log the second server wrote continues the first's, hash by hash.
  const store = openSqliteStore({ dataDir: join(dir, 'data') });
  try {
    const log = await store.loadLog(roomId);
    expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
    // Replayed here, every command gives the hash both servers stored.
    const record = (await store.getMatch(roomId))!;
    const scenario = getScenario(record.scenarioId);
    const created = createMatch(scenario, record.settings as object, record.seed);
    if (!created.ok) throw new Error(created.error);
    for (const entry of log) {
      expect(applyCommand(scenario, created.state, entry.command as Command).ok).toBe(true);
      expect(stateHash(created.state)).toBe(entry.stateHash);
    }
    expect(log.at(-1)!.seq).toBe(before.step + 2);
    expect(await store.loadClock(roomId)).toMatchObject({
      round: 1,
      phase: 'diplomacy',
      paused: true,
    });
  } finally {
    await store.close();
  }
}, 120_000);
