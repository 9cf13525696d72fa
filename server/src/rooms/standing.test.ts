import type { LiveStanding } from '@entanglement/shared';
import { afterEach, expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  type Inbox,
  joinMatchClient,
  pacedSend,
} from './test-clients.ts';

/** "My matches" (POST /api/matches/live) through the real server, with the credentials a browser keeps. */
const env = useStoredServer('entanglement-standing-');
const inboxes: Inbox[] = [];
afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((i) => i.leave()));
});

async function live(credentials: { id: string; token: string }[]): Promise<LiveStanding[]> {
  const res = await fetch(`${env.base}/api/matches/live`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ credentials }),
  });
  expect(res.status).toBe(200);
  return ((await res.json()) as { matches: LiveStanding[] }).matches;
}

test('each credential shows where its match stands: the lobby, then whose orders are missing, with the deadline', async () => {
  const host = await createMatchClient(env.base, {
    ...TUTORIAL_MATCH,
    timers: { news: 3600, diplomacy: 86_400, resolution: 600 },
  });
  const student = await joinMatchClient(env.base, host, 'Student');
  inboxes.push(host.inbox, student);
  const id = host.roomId;
  const china = await claimSeat(host.inbox, 'china');
  const ussr = await claimSeat(student, 'ussr');

  const [inLobby] = await live([{ id, token: host.hostToken }]);
  expect(inLobby).toMatchObject({ id, stage: 'lobby', role: 'host', seat: null, endsAt: null });

  await pacedSend(host.inbox, 'host', { action: 'start', token: host.hostToken });
  await student.waitFor('view', (v) => v.phase === 'news');
  const before = Date.now();
  let mine = await live([{ id, token: ussr }]);
  expect(mine).toHaveLength(1);
  expect(mine[0]).toMatchObject({
    stage: 'playing',
    phase: 'news',
    role: 'player',
    seat: 'ussr',
    waitingOnMe: true,
    seatsNotDone: 2,
  });
  expect(mine[0]!.endsAt!).toBeGreaterThan(before + 3_500_000);

  // The student presses Done: no longer waited on; China still is.
  await pacedSend(student, 'command', {
    token: ussr,
    ref: 'done',
    command: { kind: 'done', seat: 'ussr', round: 1, phase: 'news', done: true },
  });
  await student.waitFor('ack', (a) => a.ref === 'done');
  expect((await live([{ id, token: ussr }])).map((m) => [m.waitingOnMe, m.seatsNotDone])).toEqual([
    [false, 1],
  ]);
  // The host plays China too: one entry, as the host, owing China's orders.
  mine = await live([
    { id, token: host.hostToken },
    { id, token: china },
  ]);
  expect(mine.map((m) => [m.role, m.seat, m.waitingOnMe])).toEqual([['host', 'china', true]]);
});

test('a credential that opens nothing shows nothing: wrong, revoked, or another match’s', async () => {
  const a = await createMatchClient(env.base, TUTORIAL_MATCH);
  const b = await createMatchClient(env.base, TUTORIAL_MATCH);
  inboxes.push(a.inbox, b.inbox);
  const pass = await claimSeat(a.inbox, 'china');
  expect(
    await live([
      { id: a.roomId, token: 'x'.repeat(21) },
      { id: a.roomId, token: b.hostToken },
      { id: b.roomId, token: pass },
      { id: 'no-such-room', token: pass },
    ]),
  ).toEqual([]);
  // Leaving the seat revokes the pass: it no longer opens the match.
  await pacedSend(a.inbox, 'leaveSeat', {});
  await a.inbox.waitFor('lobby', (l) => l.seats.every((s) => s.people.length === 0));
  expect(await live([{ id: a.roomId, token: pass }])).toEqual([]);
  expect((await live([{ id: a.roomId, token: a.hostToken }])).map((m) => m.role)).toEqual(['host']);
});
