import type { LiveStanding } from '@entanglement/shared';
import { afterAll, expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  type Inbox,
  joinMatchClient,
  pacedSend,
} from './test-clients.ts';

/**
 * Issue 16, item 5: from a finished match the host starts a rematch with the
 * same settings; the same people come back to it with the credentials their
 * browsers hold, whether they were still on the end screen (a `rematch`
 * message) or not ("My matches" with their old pass), and no other pass
 * learns or opens anything.
 */
const env = useStoredServer('entanglement-rematch-');
const inboxes: Inbox[] = [];
afterAll(async () => {
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

test('a rematch: the same settings, the host and each person at the seat they held, found with their own credential only', async () => {
  const settings = {
    ...TUTORIAL_MATCH,
    pace: 'full',
    timers: { news: 3600, diplomacy: 86_400, resolution: 3600 },
    away: { on: true, afterPhases: 3 },
  };
  const host = await createMatchClient(env.base, settings);
  const ana = await joinMatchClient(env.base, host, 'Ana');
  const ben = await joinMatchClient(env.base, host, 'Ben');
  const carl = await joinMatchClient(env.base, host, 'Carl');
  inboxes.push(host.inbox, ana, ben, carl);
  const old = host.roomId;
  const china = await claimSeat(host.inbox, 'china');
  const ussr = await claimSeat(ana, 'ussr');
  const usa = await claimSeat(ben, 'usa');
  await pacedSend(host.inbox, 'host', { action: 'start', token: host.hostToken });
  await ana.waitFor('view', (v) => v.phase === 'news');

  // No rematch while the match is played.
  await pacedSend(host.inbox, 'host', { action: 'rematch', token: host.hostToken });
  expect((await host.inbox.waitFor('error', (e) => e.type === 'host')).code).toBe('wrongStage');

  // Ben hands his seat to a bot and leaves; the host ends the match; Carl only watched.
  await pacedSend(host.inbox, 'host', {
    action: 'replaceWithBot',
    seat: 'usa',
    token: host.hostToken,
  });
  await ben.waitFor('seatLost');
  await ben.leave();
  await pacedSend(host.inbox, 'host', { action: 'end', token: host.hostToken });
  await ana.waitFor('lobby', (l) => l.stage === 'ended');

  // Only the host token starts it: not a made-up token, not a seat's pass.
  for (const token of ['y'.repeat(21), ussr]) {
    const since = ana.mark();
    await pacedSend(ana, 'host', { action: 'rematch', token });
    expect((await ana.waitFor('error', (e) => e.type === 'host', since)).code).toBe('badToken');
  }
  await pacedSend(host.inbox, 'host', { action: 'rematch', token: host.hostToken });
  const where = await host.inbox.waitFor('rematch');
  expect(where.roomId).toBe(`${old}-r`);
  // Ana, on the end screen with her pass, is told too; Carl, with no credential, is not.
  expect(await ana.waitFor('rematch')).toEqual(where);
  expect(carl.all('rematch')).toEqual([]);
  // Asked again, the host is told the same rematch: a match has one.
  const again = host.inbox.mark();
  await pacedSend(host.inbox, 'host', { action: 'rematch', token: host.hostToken });
  expect(await host.inbox.waitFor('rematch', () => true, again)).toEqual(where);

  // "My matches" from the old credentials: the rematch, with its code, for each one's own seat.
  const [asHost] = await live([{ id: old, token: host.hostToken }]);
  expect(asHost).toMatchObject({
    id: where.roomId,
    code: where.code,
    rematchOf: old,
    stage: 'lobby',
    role: 'host',
  });
  const [asAna] = await live([{ id: old, token: ussr }]);
  expect(asAna).toMatchObject({ id: where.roomId, rematchOf: old, role: 'player', seat: 'ussr' });
  const [asChina] = await live([{ id: old, token: china }]);
  expect(asChina).toMatchObject({ seat: 'china' });
  // Ben's seat went to a bot before the end: his revoked pass opens nothing, nor do made-up ones.
  expect(await live([{ id: old, token: usa }])).toEqual([]);
  expect(await live([{ id: old, token: 'z'.repeat(21) }])).toEqual([]);
  // A pass sent for another match id learns nothing either.
  expect(await live([{ id: 'nope', token: ussr }])).toEqual([]);

  // The same settings, seen in the rematch's lobby.
  const back = await joinMatchClient(env.base, where, 'Ana');
  inboxes.push(back);
  const lobby = await back.waitFor('lobby');
  expect(lobby).toMatchObject({
    stage: 'lobby',
    scenario: 'tutorial-1950',
    pace: 'full',
    awayRule: settings.away,
  });
  expect(lobby.timers).toMatchObject(settings.timers);
  expect(lobby.seats.map((s) => s.seat)).toEqual(['china', 'ussr', 'usa']);
  // Another seat's pass does not open Ana's seat; hers does.
  await pacedSend(back, 'rejoinSeat', { seat: 'ussr', token: china });
  expect((await back.waitFor('error', (e) => e.type === 'rejoinSeat')).code).toBe('badToken');
  await pacedSend(back, 'rejoinSeat', { seat: 'ussr', token: ussr });
  expect(await back.waitFor('seatToken')).toEqual({ seat: 'ussr', token: ussr });

  // The rematch's lobby outlives everyone leaving it: its people come back over days.
  await back.leave();
  const [still] = await live([{ id: where.roomId, token: ussr }]);
  expect(still).toMatchObject({ id: where.roomId, stage: 'lobby', seat: 'ussr' });
  // Its seats are stored: a restart would bring back the same passes.
  const seats = await env.store.listSeats(where.roomId);
  expect(seats.map((s) => s.seat).sort()).toEqual(['china', 'ussr']);
});
