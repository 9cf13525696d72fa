import { Client } from '@colyseus/sdk';
import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  stateHash,
} from '@entanglement/shared';
import { expect, test } from 'vitest';
import { hashToken } from '../store/tokens.ts';
import type { FinishedPage, MatchFile } from '../store/types.ts';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import { codeOf, eventually, hostInbox, hostTokenOf, Inbox } from './test-clients.ts';

const env = useStoredServer('entanglement-archive-');

/** GET as JSON, with `token` (a host token, pass or share key) as the bearer when given. */
async function getJson<T>(path: string, token?: string): Promise<{ status: number; body: T }> {
  const res = await fetch(`${env.base}${path}`, {
    headers: token ? { Authorization: `Bearer ${token}` } : {},
  });
  return { status: res.status, body: (await res.json()) as T };
}

/** A host with a seat, a second player, started; returns what the test needs. */
async function startMatch(options: Record<string, unknown>) {
  const sdk = new Client(env.base);
  const host = await hostInbox(sdk, options);
  env.inboxes.push(host);
  const roomId = (await host.waitFor('welcome')).roomId;
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const chinaToken = (await host.waitFor('seatToken')).token;
  const guest = new Inbox(
    await new Client(env.base).joinById(roomId, { nickname: 'Guest', code: codeOf(roomId) }),
  );
  env.inboxes.push(guest);
  guest.room.send('claimSeat', { seat: 'ussr' });
  const ussrToken = (await guest.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.round === 1 && v.phase === 'news', 0, 15_000);
  return { host, guest, roomId, hostToken, tokens: [chinaToken, ussrToken] };
}

test('a match played to the end is archived; its match file replays to the stored hashes', async () => {
  const { host, roomId, hostToken, tokens } = await startMatch(TUTORIAL_MATCH);

  // Live matches are not in the archive.
  expect((await getJson(`/api/matches/${roomId}`)).status).toBe(404);

  host.room.send('command', {
    token: tokens[0],
    ref: 'done',
    command: { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
  });
  await host.waitFor('ack', (a) => a.ref === 'done', 0, 15_000);

  // The host skips every phase until the engine ends the match.
  let step = -1;
  for (let i = 0; i < 40; i++) {
    const since = host.mark();
    const lobby = host.all('lobby').at(-1);
    if (lobby?.stage === 'ended') break;
    host.room.send('host', { action: 'skip', token: hostToken });
    const view = await host.waitFor('view', (v) => v.step > step, since, 15_000);
    step = view.step;
    if (view.phase === 'ended') break;
  }
  await host.waitFor('lobby', (l) => l.stage === 'ended', 0, 15_000);

  // Private by default: not listed, not readable without a credential of this match.
  await eventually(
    () => env.store.getMatch(roomId),
    (m) => m?.finishedAt != null,
  );
  expect((await getJson<FinishedPage>('/api/matches')).body.matches.map((m) => m.id)).not.toContain(
    roomId,
  );
  expect((await getJson(`/api/matches/${roomId}`)).status).toBe(404);
  expect((await getJson(`/api/matches/${roomId}`, tokens[1])).status).toBe(200);
  // The host makes it public: now everyone lists and reads it.
  const published = await fetch(`${env.base}/api/matches/${roomId}/visibility`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', Authorization: `Bearer ${hostToken}` },
    body: JSON.stringify({ public: true }),
  });
  expect(published.status).toBe(200);
  const page = await getJson<FinishedPage>('/api/matches');
  expect(page.status).toBe(200);
  const summary = page.body.matches.find((m) => m.id === roomId)!;
  expect(summary).toMatchObject({ scenarioId: 'tutorial-1950', rounds: 3 });
  expect(['china', 'ussr', 'usa']).toContain(summary.winner);
  expect(summary.seats).toEqual([
    { seat: 'china', nickname: 'Teacher', kind: 'human' },
    { seat: 'ussr', nickname: 'Guest', kind: 'human' },
    { seat: 'usa', nickname: 'Bot', kind: 'bot', botLevel: 'normal' },
  ]);

  // The store keeps each holder's pass hash, never the pass; a bot's seat has none.
  const seats = await env.store.listSeats(roomId);
  expect(seats.map((s) => [s.seat, s.passHashes ?? []])).toEqual([
    ['china', [hashToken(tokens[0]!)]],
    ['ussr', [hashToken(tokens[1]!)]],
    ['usa', []],
  ]);

  const { status, body: file } = await getJson<MatchFile>(`/api/matches/${roomId}`);
  expect(status).toBe(200);
  const text = JSON.stringify(file);
  for (const token of [hostToken, ...tokens]) expect(text).not.toContain(token);
  expect(text).not.toContain('tokenHash');
  expect(text).not.toContain('passHashes');
  expect(file.format).toBe('entanglement-match');
  // One hash per phase played, from the first Briefing to the last round.
  expect(file.phaseHashes[0]).toMatchObject({ round: 1, phase: 'news' });
  expect(file.phaseHashes.at(-1)!.round).toBe(3);

  // Replaying the log over the recorded creation reaches every stored phase hash.
  const scenario = getScenario(file.scenarioId);
  const created = createMatch(scenario, file.settings as object, file.seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const replayed: string[] = [];
  for (const command of file.commands) {
    const { round, phase } = state;
    expect(applyCommand(scenario, state, command as Command)).toMatchObject({ ok: true });
    if ((command as Command).kind === 'advance')
      replayed.push(`${round}:${phase}:${stateHash(state)}`);
  }
  expect(replayed).toEqual(file.phaseHashes.map((h) => `${h.round}:${h.phase}:${h.hash}`));
  expect(state.phase).toBe('ended');
  expect(stateHash(state)).toBe(file.phaseHashes.at(-1)!.hash);
}, 60_000);

test('a match the host ends early is scored on the rounds played; its replay, debrief, CSV and re-import work', async () => {
  const { host, roomId, hostToken } = await startMatch({
    ...TUTORIAL_MATCH,
    nickname: 'Second host',
  });
  // Round 1 is played to its resolution, then the host ends the match in round 2's Briefing.
  for (let i = 0; i < 10; i++) {
    const view = host.all('view').at(-1);
    if (view?.round === 2) break;
    const since = host.mark();
    host.room.send('host', { action: 'skip', token: hostToken });
    await host.waitFor('view', (v) => v.step > (view?.step ?? -1), since, 15_000);
  }
  host.room.send('host', { action: 'end', token: hostToken });
  await host.waitFor('lobby', (l) => l.stage === 'ended', 0, 15_000);
  const ended = await host.waitFor('view', (v) => v.phase === 'ended', 0, 15_000);
  expect(ended.ending).toMatchObject({ reason: 'endedEarly', round: 2, roundsPlayed: 1 });

  const file = await eventually(
    () => getJson<MatchFile>(`/api/matches/${roomId}`, hostToken),
    (r) => r.status === 200,
  );
  expect(file.body.winner).toMatch(/^(china|ussr|usa)$/);
  // One hash per phase closed: round 1's three, round 2's Briefing closed by the host's end.
  expect(file.body.phaseHashes.map((h) => `${h.round}:${h.phase}`)).toEqual([
    '1:news',
    '1:diplomacy',
    '1:resolution',
    '2:news',
  ]);
  const debrief = await getJson<{ ending: { reason: string }; actors: unknown[] }>(
    `/api/matches/${roomId}/debrief`,
    hostToken,
  );
  expect(debrief.status).toBe(200);
  expect(debrief.body.ending).toMatchObject({ reason: 'endedEarly', roundsPlayed: 1 });
  const csv = await fetch(`${env.base}/api/matches/${roomId}/tracks.csv`, {
    headers: { Authorization: `Bearer ${hostToken}` },
  });
  expect(csv.status).toBe(200);
  expect((await csv.text()).split('\n').length).toBeGreaterThan(2);
  const reimport = await fetch(`${env.base}/api/matches/import`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(file.body),
  });
  expect(reimport.status).toBe(201);
}, 60_000);

test('GET /api/matches pages newest first and filters by scenario; bad queries are refused', async () => {
  // The public archive lists what hosts made public: here, all of them.
  const finished = await eventually(
    () => env.store.listFinished({ limit: 10, offset: 0 }),
    (p) => p.total >= 3,
  );
  for (const m of finished.matches) await env.store.setPublic(m.id, true);
  const all = await eventually(
    () => getJson<FinishedPage>('/api/matches'),
    (r) => r.body.total >= 3,
  );
  // Two matches played and the second one re-imported.
  expect(all.body.total).toBe(3);
  const [newest, older] = all.body.matches;
  expect(newest!.finishedAt).toBeGreaterThanOrEqual(older!.finishedAt);

  const second = await getJson<FinishedPage>('/api/matches?limit=1&offset=1');
  expect(second.body.matches.map((m) => m.id)).toEqual([older!.id]);
  expect(second.body.total).toBe(3);

  const none = await getJson<FinishedPage>('/api/matches?scenario=no-such-scenario');
  expect(none.body).toMatchObject({ total: 0, matches: [] });

  // Dates are whole days (UTC); `to` is the last day included.
  const day = new Date(newest!.finishedAt).toISOString().slice(0, 10);
  const today = await getJson<FinishedPage>(`/api/matches?from=${day}&to=${day}`);
  expect(today.body.total).toBe(3);
  const before = await getJson<FinishedPage>('/api/matches?to=2000-01-01');
  expect(before.body.total).toBe(0);
  const after = await getJson<FinishedPage>('/api/matches?from=2999-01-01');
  expect(after.body.total).toBe(0);

  for (const query of [
    'limit=0',
    'limit=101',
    'limit=x',
    'offset=-1',
    'scenario=',
    'from=yesterday',
    'to=2026-13-45',
  ])
    expect((await fetch(`${env.base}/api/matches?${query}`)).status).toBe(400);
  expect((await getJson('/api/matches/no-such-match')).status).toBe(404);
}, 60_000);

test('a lobby everyone left is discarded; a started match everyone left keeps running', async () => {
  const lobby = await hostInbox(env.base, TUTORIAL_MATCH);
  const lobbyId = (await lobby.waitFor('welcome')).roomId;
  expect((await env.store.listLive()).map((m) => m.id)).toContain(lobbyId);
  await lobby.leave();
  const live = await eventually(
    () => env.store.listLive(),
    (matches) => !matches.some((m) => m.id === lobbyId),
  );
  expect(live.map((m) => m.id)).not.toContain(lobbyId);

  const { host, guest, roomId } = await startMatch(TUTORIAL_MATCH);
  await host.leave();
  await guest.leave();
  // The room is still there: a player can come back to it.
  const back = new Inbox(
    await new Client(env.base).joinById(roomId, { nickname: 'Back', code: codeOf(roomId) }),
  );
  env.inboxes.push(back);
  expect((await back.waitFor('lobby')).stage).toBe('playing');
});
