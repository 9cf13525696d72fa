import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { afterAll, beforeAll, expect, test } from 'vitest';
import webpush from 'web-push';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  Inbox,
  joinMatchClient,
  pacedSend,
} from '../rooms/test-clients.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';
import { answerProblem } from '../testing/api-conformance.ts';
import { LocalPushService, type ReceivedPush } from '../testing/push-service.ts';
import { SmtpSink } from '../testing/smtp-sink.ts';
import { TEST_LIMITS } from '../testing/test-limits.ts';

/**
 * Notifications through the real server: a seat opts in with its pass; the
 * pushes arrive at a push service on 127.0.0.1 (decrypted here with the
 * subscription's own keys, as a browser would) and the e-mails at an SMTP
 * server on 127.0.0.1. Nothing goes to the internet.
 */
const push = new LocalPushService();
const smtp = new SmtpSink();
let server: RunningServer;
let store: SqliteMatchStore;
let base = '';
let dir = '';
const inboxes: Inbox[] = [];

async function startServer(): Promise<void> {
  server = await startGameServer({
    port: 0,
    host: '127.0.0.1',
    clientDist: join(dir, 'dist'),
    store,
    limits: TEST_LIMITS,
    notify: {
      vapid: { ...webpush.generateVAPIDKeys(), subject: 'mailto:test@example.org' },
      smtpUrl: smtp.url,
      mailFrom: 'Entanglement <game@example.org>',
      siteUrl: 'https://game.example.org',
      pushServices: [push.origin],
    },
  });
  base = `http://127.0.0.1:${server.port}`;
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-notify-'));
  store = openSqliteStore({ dataDir: dir });
  await push.start();
  await smtp.start();
  await startServer();
});

afterAll(async () => {
  await Promise.all(inboxes.map((i) => i.leave()));
  await server?.stop();
  await store?.close();
  await push.stop();
  await smtp.stop();
  await rm(dir, { recursive: true, force: true });
});

async function post(path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}/api/notifications${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await res.text();
  // Every answer is one its route documents (shared/src/http/routes.ts).
  const answer = { status: res.status, type: res.headers.get('content-type'), text };
  expect(answerProblem('POST', `/notifications${path}`, answer)).toBeNull();
  return { status: res.status, json: JSON.parse(text) };
}

/** A match of two people (China: the host; the USSR: a student) and a bot, with its passes. */
async function twoPeople(timers: Record<string, number>, more: Record<string, unknown> = {}) {
  const host = await createMatchClient(base, { ...TUTORIAL_MATCH, timers, ...more });
  const student = await joinMatchClient(base, host, 'Student');
  inboxes.push(host.inbox, student);
  const china = await claimSeat(host.inbox, 'china');
  const ussr = await claimSeat(student, 'ussr');
  return { host, student, id: host.roomId, china, ussr };
}

const pushesTo = (id: string) => push.received.filter((p) => p.id === id);
const kindOf = (p: ReceivedPush) => p.payload.kind;

test('a seat opts in with its pass, and is told when each phase starts, when its deadline is near and it is not done, and when the match ends; no secret in any of it', async () => {
  const m = await twoPeople({ news: 6, diplomacy: 3600, resolution: 60 });
  const student = push.subscribe('student');
  const teacher = push.subscribe('teacher');

  // What the server offers.
  const info = (await fetch(`${base}/api/notifications`).then((r) => r.json())) as {
    publicKey: string;
    email: boolean;
  };
  expect(info).toMatchObject({ email: true });
  expect(info.publicKey).toMatch(/^[A-Za-z0-9_-]{87}$/);

  // Hostile or mistaken opt-ins change nothing.
  const asked = { matchId: m.id, push: student.json, language: 'en', timeZone: 'Asia/Shanghai' };
  expect((await post('', { ...asked, pass: 'x'.repeat(21) })).status).toBe(404);
  expect((await post('', { ...asked, pass: m.china, matchId: 'no-such-match' })).status).toBe(404);
  // The host token holds no seat: nothing to be told as a seat.
  expect((await post('', { ...asked, pass: m.host.hostToken })).status).toBe(404);
  const elsewhere = { ...student.json, endpoint: 'https://169.254.169.254/latest' };
  expect((await post('', { ...asked, pass: m.ussr, push: elsewhere })).json.error).toMatch(
    /not at a push service/,
  );
  expect((await post('', { ...asked, pass: m.ussr, timeZone: 'Mars/Olympus' })).status).toBe(400);
  const malformed = await post('', { matchId: m.id, pass: m.ussr });
  expect(malformed.status).toBe(400);
  expect(malformed.json.error).toMatch(/push, email or both/);
  const huge = await post('', { ...asked, pass: m.ussr, padding: 'x'.repeat(4000) });
  expect(huge.status).toBe(413);
  expect(await store.listNoticeTargets(m.id)).toEqual([]);

  // The student opts in with a browser and an e-mail address, the teacher with a browser, in Chinese.
  const mine = await post('', { ...asked, pass: m.ussr, email: 'student@example.org' });
  expect(mine).toEqual({ status: 201, json: { seat: 'ussr', targets: 2 } });
  expect(
    (await post('', { ...asked, pass: m.china, push: teacher.json, language: 'zh-CN' })).status,
  ).toBe(201);
  const kept = await store.listNoticeTargets(m.id);
  expect(kept.map((t) => [t.seat, t.channel])).toEqual([
    ['ussr', 'push'],
    ['ussr', 'email'],
    ['china', 'push'],
  ]);
  // The store keeps the pass's hash, never the pass.
  expect(JSON.stringify(kept)).not.toContain(m.ussr);

  await pacedSend(m.host.inbox, 'host', { action: 'start', token: m.host.hostToken });
  const started = await push.waitFor((p) => p.id === 'student' && kindOf(p) === 'phaseStarted');
  expect(started.payload).toMatchObject({
    kind: 'phaseStarted',
    round: 1,
    phase: 'news',
    url: `/match/${m.id}`,
    tag: `entanglement-${m.id}`,
  });
  expect(started.payload.title).toMatch(/Briefing has started/);
  expect(started.payload.body).toMatch(/^Round 1 of \d+\. It ends .+ GMT\+8\.$/);
  expect(Object.keys(started.payload).sort()).toEqual(
    ['body', 'endsAt', 'kind', 'phase', 'round', 'tag', 'title', 'url'].sort(),
  );
  expect(started.headers.authorization).toMatch(/^vapid t=.+, k=/);
  expect(started.headers['content-encoding']).toBe('aes128gcm');
  const inChinese = await push.waitFor((p) => p.id === 'teacher' && kindOf(p) === 'phaseStarted');
  expect(inChinese.payload.title).toMatch(/简报阶段开始/);
  const mail = await smtp.waitFor((x) => x.to.includes('student@example.org'));
  expect(mail.raw).toMatch(/Subject: .*Briefing has started/);
  expect(mail.raw).toContain(`https://game.example.org/match/${m.id}`);

  // China presses Done; the USSR does not: only the USSR is reminded, once, before the end.
  await pacedSend(m.host.inbox, 'command', {
    token: m.china,
    ref: 'done',
    command: { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
  });
  await m.host.inbox.waitFor('ack', (a) => a.ref === 'done');
  const near = await push.waitFor((p) => p.id === 'student' && kindOf(p) === 'deadlineNear');
  expect(near.payload).toMatchObject({ phase: 'news', round: 1 });
  expect(near.payload.body).toMatch(/has not pressed Done/);
  expect((near.payload.endsAt as number) - Date.now()).toBeLessThan(2000);
  // The Briefing ends on its timer: the next phase is announced to both.
  await push.waitFor((p) => p.id === 'teacher' && p.payload.phase === 'diplomacy');
  await push.waitFor((p) => p.id === 'student' && p.payload.phase === 'diplomacy');
  expect(pushesTo('teacher').map(kindOf)).toEqual(['phaseStarted', 'phaseStarted']);
  expect(pushesTo('student').map(kindOf)).toEqual(['phaseStarted', 'deadlineNear', 'phaseStarted']);

  // The host ends the match: everyone is told, then nothing of the match is kept.
  await pacedSend(m.host.inbox, 'host', { action: 'end', token: m.host.hostToken });
  const over = await push.waitFor((p) => p.id === 'student' && kindOf(p) === 'matchEnded');
  expect(over.payload).toMatchObject({ url: '/mine' });
  await push.waitFor((p) => p.id === 'teacher' && kindOf(p) === 'matchEnded');
  await expect.poll(() => store.listNoticeTargets(m.id)).toEqual([]);

  // No notification carries a secret of the match: no pass, no host token, no join code.
  const sent = [...pushesTo('student'), ...pushesTo('teacher')].map((p) => p.text);
  sent.push(...smtp.received.map((x) => x.raw));
  for (const text of sent)
    for (const secret of [m.ussr, m.china, m.host.hostToken, m.host.code])
      expect(text).not.toContain(secret);
});

test('each seat registers at most five ways, opts out with its pass, keeps them across a restart, and loses a subscription its push service dropped', async () => {
  const m = await twoPeople({ news: 3600, diplomacy: 3600, resolution: 3600 });
  const ask = (id: string, kind: 'push' | 'gone' = 'push') => ({
    matchId: m.id,
    pass: m.ussr,
    push: push.subscribe(`${m.id}-${id}`, kind).json,
  });
  for (const n of [1, 2, 3, 4])
    expect((await post('', ask(`b${n}`))).json).toEqual({ seat: 'ussr', targets: n });
  expect((await post('', ask('gone', 'gone'))).json.targets).toBe(5);
  const sixth = await post('', ask('b6'));
  expect(sixth.status).toBe(409);
  // Renewing one it has is not a sixth.
  expect((await post('', ask('b1'))).status).toBe(201);

  // Out: one browser, with the seat's pass only.
  const b4 = `${push.origin}/push/${m.id}-b4`;
  expect((await post('/off', { matchId: m.id, pass: m.china, endpoint: b4 })).json).toEqual({
    removed: 0,
  });
  expect((await post('/off', { matchId: m.id, pass: m.ussr, endpoint: b4 })).json).toEqual({
    removed: 1,
  });
  expect((await post('/off', { matchId: m.id, pass: 'nope' })).status).toBe(404);

  await pacedSend(m.host.inbox, 'host', { action: 'start', token: m.host.hostToken });
  await push.waitFor((p) => p.id === `${m.id}-b1` && kindOf(p) === 'phaseStarted');
  // The push service answered 410 for one: it is removed.
  await expect
    .poll(async () => (await store.listNoticeTargets(m.id)).map((t) => t.address))
    .toEqual([1, 2, 3].map((n) => `${push.origin}/push/${m.id}-b${n}`));

  // A restart: the match and its three subscriptions come back; the phase under way is not
  // announced again, the next one is.
  await server.stop();
  await startServer();
  expect(await store.listNoticeTargets(m.id)).toHaveLength(3);
  const host = new Inbox(
    await new Client(base).joinById(m.id, {
      nickname: 'Teacher',
      code: m.host.code,
      hostToken: m.host.hostToken,
    }),
  );
  inboxes.push(host);
  await host.waitFor('welcome');
  await pacedSend(host, 'host', { action: 'skip', token: m.host.hostToken });
  await push.waitFor((p) => p.id === `${m.id}-b1` && p.payload.phase === 'diplomacy');
  expect(pushesTo(`${m.id}-b1`).map((p) => p.payload.phase)).toEqual(['news', 'diplomacy']);
});

test('a seat the away rule hands to a bot is told so, and only that seat', async () => {
  const m = await twoPeople(
    { news: 2, diplomacy: 3, resolution: 60 },
    { away: { on: true, afterPhases: 1 } },
  );
  const student = push.subscribe(`${m.id}-away-student`);
  const teacher = push.subscribe(`${m.id}-away-teacher`);
  const asked = { matchId: m.id, language: 'en', timeZone: 'UTC' };
  expect((await post('', { ...asked, pass: m.ussr, push: student.json })).status).toBe(201);
  expect((await post('', { ...asked, pass: m.china, push: teacher.json })).status).toBe(201);
  await pacedSend(m.host.inbox, 'host', { action: 'start', token: m.host.hostToken });
  await push.waitFor((p) => p.id === `${m.id}-away-teacher` && p.payload.phase === 'diplomacy');
  // China is heard from in Negotiate & Commit; the USSR sends nothing and goes away when it ends.
  await pacedSend(m.host.inbox, 'command', {
    token: m.china,
    ref: 'here',
    command: { kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: true },
  });
  await m.host.inbox.waitFor('ack', (a) => a.ref === 'here');
  const away = await push.waitFor(
    (p) => p.id === `${m.id}-away-student` && kindOf(p) === 'seatAway',
  );
  expect(away.payload).toMatchObject({ url: `/match/${m.id}` });
  expect(away.payload.title).toMatch(/a bot is playing your seat/);
  expect(away.payload.body).toMatch(/take it back/);
  await push.waitFor((p) => p.id === `${m.id}-away-teacher` && p.payload.phase === 'resolution');
  expect(pushesTo(`${m.id}-away-teacher`).map(kindOf)).not.toContain('seatAway');
  for (const p of pushesTo(`${m.id}-away-student`))
    for (const secret of [m.ussr, m.china, m.host.hostToken, m.host.code])
      expect(p.text).not.toContain(secret);
  await pacedSend(m.host.inbox, 'host', { action: 'end', token: m.host.hostToken });
});
