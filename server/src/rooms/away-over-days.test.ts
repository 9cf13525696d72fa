import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import type { LobbyMessage, Phase } from '@entanglement/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';
import { TEST_LIMITS } from '../testing/test-limits.ts';
import {
  claimSeat,
  codeOf,
  createMatch,
  createMatchClient,
  eventually,
  hostTokenOf,
  Inbox,
  joinMatchClient,
  pacedSend,
  sendCommand,
} from './test-clients.ts';

/**
 * Issue 16, items 4 and 8: a match with 24-hour phases through the real
 * server, its deadlines passing on an injected clock (nobody waits a day),
 * a restart in the middle that keeps each deadline as a deadline, and the
 * away rule (on by default for such a match): a seat whose person sent
 * nothing for two deciding phases in a row is played by a bot until that
 * person takes it back with their own pass, and not before.
 */

const DAY = 24 * 3600_000;
const TIMERS = { news: 86_400, diplomacy: 86_400, resolution: 86_400 };

/** The fake clock every room of these servers reads. */
let now = Date.UTC(2026, 0, 5, 9, 0, 0);
const clock = () => now;

let dir = '';
let store: SqliteMatchStore;
let server: RunningServer;
let base = '';
const inboxes: Inbox[] = [];

async function start(): Promise<void> {
  server = await startGameServer({
    port: 0,
    host: '127.0.0.1',
    clientDist: join(dir, 'dist'),
    store,
    limits: TEST_LIMITS,
    now: clock,
  });
  base = `http://127.0.0.1:${server.port}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-away-'));
  store = openSqliteStore({ dataDir: join(dir, 'data') });
  await start();
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  await server?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** The round and phase of every command of the USSR in the stored log. */
async function ussrCommands(roomId: string) {
  const log = await store.loadLog(roomId);
  return log
    .map((e) => e.command as { seat?: string; round: number; phase: Phase })
    .filter((c) => c.seat === 'ussr')
    .map(({ round, phase }) => ({ round, phase }));
}

function seatOf(lobby: LobbyMessage, seat: string) {
  return lobby.seats.find((s) => s.seat === seat)!;
}

/** The host (at China) marks the phase done: it still waits for Ana's seat, silent. */
async function hostDone(host: Inbox, token: string, round: number, phase: Phase) {
  const done = { kind: 'done' as const, seat: 'china', round, phase, done: true };
  const sent = await sendCommand(host, token, done, `done-${round}-${phase}`);
  expect(sent.error).toBeNull();
}

/** The fake clock passes the deadline of the phase of `round` under way: the room's next tick ends it. */
async function passDeadline(host: Inbox, round: number, next: Phase) {
  const since = host.mark();
  now += DAY + 1000;
  const view = await host.waitFor('view', (v) => v.phase === next, since);
  expect(view.round).toBe(next === 'news' ? round + 1 : round);
  return view;
}

/** The server is shut down and started again on the same store, then the host comes back. */
async function restart(roomId: string, hostToken: string, seatToken: string) {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.leave()));
  await server.stop();
  await start();
  const host = await joinHost(roomId, hostToken);
  await pacedSend(host, 'rejoinSeat', { seat: 'china', token: seatToken });
  await host.waitFor('seatToken');
  return host;
}

async function joinHost(roomId: string, hostToken: string): Promise<Inbox> {
  const host = new Inbox(
    await new Client(base).joinById(roomId, {
      nickname: 'Teacher',
      code: codeOf(roomId),
      hostToken,
    }),
  );
  inboxes.push(host);
  await host.waitFor('welcome');
  return host;
}

test('24-hour phases on a fake clock: deadlines survive a restart, and two silent phases hand a seat to a bot until its person takes it back', async () => {
  const created = await createMatchClient(base, {
    scenario: 'tutorial-1950',
    nickname: 'Teacher',
    seats: ['china', 'ussr', 'usa'],
    timers: TIMERS,
  });
  let host = created.inbox;
  const { roomId, hostToken } = created;
  inboxes.push(host);
  const china = await claimSeat(host, 'china');
  const ana = await joinMatchClient(base, roomId, 'Ana');
  const anaPass = await claimSeat(ana, 'ussr');

  // The rule is on by default for a match over days, and everyone sees it in the lobby.
  const lobby = await ana.waitFor('lobby', (l) => seatOf(l, 'ussr').people.length === 1);
  expect(lobby.awayRule).toEqual({ on: true, afterPhases: 2 });

  const startedAt = now;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  const timer = await host.waitFor('timer', (t) => t.phase === 'news');
  expect(timer.endsAt).toBe(startedAt + DAY);

  // Ana goes to bed. Under the away rule, being disconnected is not being away.
  const left = host.mark();
  await ana.leave();
  const gone = await host.waitFor('lobby', (l) => seatOf(l, 'ussr').people.length === 0, left);
  expect(seatOf(gone, 'ussr').away).toBe(false);

  // Round 1: Briefing (silence there counts for nothing), then Negotiate & Commit (silent: one).
  await hostDone(host, china, 1, 'news');
  await passDeadline(host, 1, 'diplomacy');
  await hostDone(host, china, 1, 'diplomacy');
  await passDeadline(host, 1, 'resolution');
  expect(seatOf(host.all('lobby').at(-1)!, 'ussr').away).toBe(false);
  // Nobody played Ana's seat meanwhile: no command of the USSR in the log.
  expect(await ussrCommands(roomId)).toEqual([]);

  // A restart ten hours into Resolution: its deadline is the one it had, not a fresh day.
  now += 10 * 3600_000;
  const deadline = (await store.loadClock(roomId)) as { phaseEndsAt: number };
  host = await restart(roomId, hostToken, china);
  const back = await host.waitFor('timer', (t) => t.phase === 'resolution');
  expect(back.endsAt).toBe(deadline.phaseEndsAt);
  expect(back.remainingMs).toBe(deadline.phaseEndsAt - now);
  expect(back.remainingMs).toBeLessThan(15 * 3600_000);

  // Round 2: the silent count outlived the restart, so the second silent Negotiate & Commit hands the seat to a bot.
  now = deadline.phaseEndsAt - 1000;
  await passDeadline(host, 1, 'news');
  await hostDone(host, china, 2, 'news');
  await passDeadline(host, 2, 'diplomacy');
  await hostDone(host, china, 2, 'diplomacy');
  const since = host.mark();
  await passDeadline(host, 2, 'resolution');
  const away = await host.waitFor('lobby', (l) => seatOf(l, 'ussr').away, since);
  // The seat history credits the bot's stint from round 2 on.
  const turn = { round: 2, phase: 'resolution' };
  expect(away.seatHistory.filter((s) => s.seat === 'ussr')).toEqual([
    { seat: 'ussr', nickname: 'Ana', from: { round: 1, phase: 'news' }, to: turn },
    { seat: 'ussr', nickname: null, from: turn, to: null },
  ]);

  // The bot plays the seat now: once the host is done the phase ends at once, no deadline passing.
  await passDeadline(host, 2, 'news');
  const early = host.mark();
  await hostDone(host, china, 3, 'news');
  await host.waitFor('view', (v) => v.phase === 'diplomacy', early);
  expect(await ussrCommands(roomId)).toContainEqual({ round: 3, phase: 'news' });

  // Another restart: the seat is still away.
  host = await restart(roomId, hostToken, china);
  const restored = await host.waitFor('lobby', (l) => l.stage === 'playing');
  expect(seatOf(restored, 'ussr').away).toBe(true);

  // Ana comes back with her pass: holding the seat again does not take it back by itself.
  const anaBack = await joinMatchClient(base, roomId, 'Ana');
  inboxes.push(anaBack);
  await pacedSend(anaBack, 'rejoinSeat', { seat: 'ussr', token: anaPass });
  await anaBack.waitFor('seatToken', (t) => t.seat === 'ussr');
  const seen = await anaBack.waitFor('lobby', (l) => seatOf(l, 'ussr').people.length === 1);
  expect(seatOf(seen, 'ussr').away).toBe(true);

  // Nobody else's pass takes it back: not a made-up one, not the host's seat's.
  for (const token of ['x'.repeat(21), china]) {
    const mark = anaBack.mark();
    await pacedSend(anaBack, 'takeSeatBack', { seat: 'ussr', token });
    const refused = await anaBack.waitFor('error', (e) => e.type === 'takeSeatBack', mark);
    expect(refused.code).toBe('badToken');
  }
  // A pass for another seat, shown by its own holder, gets nothing either.
  const mark = host.mark();
  await pacedSend(host, 'takeSeatBack', { seat: 'ussr', token: china });
  expect((await host.waitFor('error', (e) => e.type === 'takeSeatBack', mark)).code).toBe(
    'badToken',
  );
  expect(seatOf(host.all('lobby').at(-1)!, 'ussr').away).toBe(true);

  // Her own pass does: people play the seat again, and the history closes the bot's stint.
  const taken = anaBack.mark();
  await pacedSend(anaBack, 'takeSeatBack', { seat: 'ussr', token: anaPass });
  const mine = await anaBack.waitFor('lobby', (l) => !seatOf(l, 'ussr').away, taken);
  const spans = mine.seatHistory.filter((s) => s.seat === 'ussr');
  expect(spans.at(-2)).toMatchObject({ nickname: null, to: { round: 3, phase: 'diplomacy' } });
  expect(spans.at(-1)).toMatchObject({ nickname: 'Ana', to: null });
  // Kept for the next restart too.
  const kept = await eventually(
    () => store.getMatch(roomId),
    (m) => m?.hostState?.away?.away.length === 0,
  );
  expect(kept?.hostState?.away?.away).toEqual([]);
});

/** A started tutorial of 24-hour phases with the host at China and Ana at the USSR, Ana gone to bed. */
async function quietAna(away: { on: boolean; afterPhases: number }) {
  const created = await createMatchClient(base, {
    scenario: 'tutorial-1950',
    nickname: 'Teacher',
    seats: ['china', 'ussr', 'usa'],
    timers: TIMERS,
    away,
  });
  const host = created.inbox;
  inboxes.push(host);
  const china = await claimSeat(host, 'china');
  const ana = await joinMatchClient(base, created.roomId, 'Ana');
  const anaPass = await claimSeat(ana, 'ussr');
  host.room.send('host', { action: 'start', token: created.hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  const left = host.mark();
  await ana.leave();
  const lobby = await host.waitFor('lobby', (l) => seatOf(l, 'ussr').people.length === 0, left);
  return { host, china, anaPass, roomId: created.roomId, lobby };
}

test('the host’s threshold: after one silent phase the bot plays, and any command of the person takes the seat back', async () => {
  const { host, china, anaPass, roomId, lobby } = await quietAna({ on: true, afterPhases: 1 });
  expect(lobby.awayRule).toEqual({ on: true, afterPhases: 1 });
  await hostDone(host, china, 1, 'news');
  await passDeadline(host, 1, 'diplomacy');
  await hostDone(host, china, 1, 'diplomacy');
  const since = host.mark();
  await passDeadline(host, 1, 'resolution');
  await host.waitFor('lobby', (l) => seatOf(l, 'ussr').away, since);

  const ana = await joinMatchClient(base, roomId, 'Ana');
  inboxes.push(ana);
  await pacedSend(ana, 'rejoinSeat', { seat: 'ussr', token: anaPass });
  await ana.waitFor('seatToken');
  // The bot marked Resolution done for her; she changes her mind, and that is her back.
  const undo = { kind: 'done' as const, seat: 'ussr', round: 1, phase: 'resolution' as const };
  const mark = ana.mark();
  const sent = await sendCommand(ana, anaPass, { ...undo, done: false }, 'back');
  expect(sent.error).toBeNull();
  await ana.waitFor('lobby', (l) => !seatOf(l, 'ussr').away, mark);
});

test('with the rule off a stand-in plays a disconnected person’s seat at once, as in a live match', async () => {
  const { host, lobby } = await quietAna({ on: false, afterPhases: 2 });
  expect(lobby.awayRule.on).toBe(false);
  expect(seatOf(lobby, 'ussr').away).toBe(true);
  const mark = host.mark();
  host.room.send('host', { action: 'skip', token: hostTokenOf(host) });
  await host.waitFor('view', (v) => v.phase === 'diplomacy', mark);
  const { roomId } = await host.waitFor('welcome');
  expect(await ussrCommands(roomId)).toContainEqual({ round: 1, phase: 'diplomacy' });
});

test('a malformed away rule is refused at creation, naming it, and makes no match', async () => {
  for (const away of [{ on: true, afterPhases: 0 }, { on: 'yes', afterPhases: 2 }, { on: true }])
    await expect(
      createMatch(base, { scenario: 'tutorial-1950', nickname: 'Teacher', away }),
    ).rejects.toThrow(/away/);
});

test('a rematch’s lobby waits days for its people, across a restart, then goes', async () => {
  const created = await createMatchClient(base, {
    scenario: 'tutorial-1950',
    nickname: 'Teacher',
    timers: TIMERS,
  });
  const host = created.inbox;
  inboxes.push(host);
  const china = await claimSeat(host, 'china');
  const hostAction = (action: string) =>
    pacedSend(host, 'host', { action, token: created.hostToken });
  await hostAction('start');
  await host.waitFor('view', (v) => v.phase === 'news');
  await hostAction('end');
  await host.waitFor('lobby', (l) => l.stage === 'ended');
  await hostAction('rematch');
  const where = await host.waitFor('rematch');
  expect((await store.getMatch(where.roomId))?.roomSettings).toMatchObject({
    rematchOf: created.roomId,
  });

  // Nobody is in it; the server restarts; two hours pass (a restored lobby alone would go after 30 minutes).
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.leave()));
  await server.stop();
  await start();
  const other = await createMatchClient(base, {
    scenario: 'tutorial-1950',
    nickname: 'Other',
    timers: { ...TIMERS, news: 3600 },
  });
  inboxes.push(other.inbox);
  await claimSeat(other.inbox, 'china');
  await pacedSend(other.inbox, 'host', { action: 'start', token: other.hostToken });
  await other.inbox.waitFor('view', (v) => v.phase === 'news');
  now += 2 * 3600_000;
  // The other match's rooms ticked past the two hours: so did the rematch's.
  await other.inbox.waitFor('view', (v) => v.phase === 'diplomacy');
  const standing = await fetch(`${base}/api/matches/live`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentials: [{ id: where.roomId, token: china }] }),
  }).then((r) => r.json() as Promise<{ matches: { id: string; stage: string }[] }>);
  expect(standing.matches).toMatchObject([{ id: where.roomId, stage: 'lobby' }]);

  // Three days after it was made, nobody having come, it is discarded.
  now += 3 * DAY;
  const gone = await eventually(
    () => store.getMatch(where.roomId),
    (m) => m === null,
  );
  expect(gone).toBeNull();
});
