import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { matchMaker } from '@colyseus/core';
import { Client } from '@colyseus/sdk';
import { getScenario, type Phase, REMOVED_BY_HOST, type SeatCommand } from '@entanglement/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { TEST_LIMITS } from '../testing/test-limits.ts';
import {
  codeOf,
  createMatch,
  hostInbox,
  hostTokenOf,
  Inbox,
  nextMatching,
} from './test-clients.ts';

let server: RunningServer;
let base: string;
let clientDist: string;
const inboxes: Inbox[] = [];
const INDEX_HTML = '<!doctype html><title>Entanglement</title>';

beforeAll(async () => {
  clientDist = await mkdtemp(join(tmpdir(), 'entanglement-rooms-'));
  await writeFile(join(clientDist, 'index.html'), INDEX_HTML);
  server = await startGameServer({ port: 0, host: '127.0.0.1', clientDist, limits: TEST_LIMITS });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  await server?.stop();
  await rm(clientDist, { recursive: true, force: true });
});

function sdk(): Client {
  return new Client(base);
}

async function create(options: Record<string, unknown>): Promise<Inbox> {
  const inbox = await hostInbox(sdk(), options);
  inboxes.push(inbox);
  return inbox;
}

async function joinMatch(roomId: string, nickname: string): Promise<Inbox> {
  const inbox = new Inbox(await sdk().joinById(roomId, { nickname, code: codeOf(roomId) }));
  inboxes.push(inbox);
  return inbox;
}

const TUTORIAL = {
  scenario: 'tutorial-1950',
  nickname: 'Teacher',
  seats: ['china', 'ussr', 'usa'],
  timers: { news: 60, diplomacy: 60, resolution: 60 },
};

test('one port serves the client, the API and Colyseus', async () => {
  const page = await fetch(`${base}/`);
  expect(await page.text()).toBe(INDEX_HTML);
  expect((await fetch(`${base}/api/health`)).status).toBe(200);
});

describe('a match played by two people and a stand-in bot', () => {
  let host: Inbox;
  let alice: Inbox;
  let bob: Inbox;
  let hostToken: string;
  let roomId: string;
  let code: string;
  const tokens = { china: '', ussr: '' };

  /** Sends a seat command and returns the next ack or error for it. */
  async function command(inbox: Inbox, token: string, cmd: SeatCommand, ref: string) {
    const since = inbox.mark();
    inbox.room.send('command', { token, ref, command: cmd });
    return Promise.race([
      inbox.waitFor('ack', (a) => a.ref === ref, since).then((ack) => ({ ack, error: null })),
      inbox.waitFor('error', (e) => e.ref === ref, since).then((error) => ({ ack: null, error })),
    ]);
  }

  /** Where each of host, alice and bob is in its inbox now. */
  const marks = () => [host.mark(), alice.mark(), bob.mark()];

  async function phaseReached(round: number, phase: Phase, since = [0, 0, 0]) {
    for (const [i, inbox] of [host, alice, bob].entries())
      await inbox.waitFor('view', (v) => v.round === round && v.phase === phase, since[i]);
  }

  test('the creator gets a host token and a join code', async () => {
    host = await create(TUTORIAL);
    const welcome = await host.waitFor('welcome');
    hostToken = hostTokenOf(host);
    roomId = welcome.roomId;
    code = welcome.code;
    expect(hostToken.length).toBeGreaterThanOrEqual(21);
    expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
    const lobby = await host.waitFor('lobby');
    expect(lobby.stage).toBe('lobby');
    expect(lobby.seats.map((s) => s.seat)).toEqual(['china', 'ussr', 'usa']);
  });

  test('GET /api/join/:code finds the room; an unknown code is a 404', async () => {
    const res = await fetch(`${base}/api/join/${code.toLowerCase()}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ roomId, code });
    const missing = await fetch(`${base}/api/join/ZZZZZ2`);
    expect(missing.status).toBe(404);
  });

  test('two players join by code and claim seats; each token reaches only its holder', async () => {
    const { roomId: found } = (await (await fetch(`${base}/api/join/${code}`)).json()) as {
      roomId: string;
    };
    alice = await joinMatch(found, 'Alice');
    bob = await joinMatch(found, 'Bob');
    alice.room.send('claimSeat', { seat: 'china' });
    tokens.china = (await alice.waitFor('seatToken')).token;
    bob.room.send('claimSeat', { seat: null });
    const bobSeat = await bob.waitFor('seatToken');
    expect(bobSeat.seat).toBe('ussr');
    tokens.ussr = bobSeat.token;
    expect(tokens.china.length).toBeGreaterThanOrEqual(21);
    expect(tokens.china).not.toBe(tokens.ussr);
    await host.waitFor('lobby', (l) => l.seats.filter((s) => s.people.length > 0).length === 2);
    expect(JSON.stringify(alice.received)).not.toContain(tokens.ussr);
    expect(JSON.stringify(bob.received)).not.toContain(tokens.china);
    expect(JSON.stringify(host.received)).not.toContain(tokens.china);
    expect(JSON.stringify(alice.received)).not.toContain(hostToken);
  });

  test('a non-host cannot start the match', async () => {
    const since = alice.mark();
    alice.room.send('host', { action: 'start', token: tokens.china });
    const error = await alice.waitFor('error', () => true, since);
    expect(error).toMatchObject({ code: 'badToken', field: 'token', type: 'host' });
    expect(alice.room.connection.isOpen).toBe(true);
    expect(host.all('lobby').at(-1)!.stage).toBe('lobby');
  });

  test('the host starts; the empty seat becomes a stand-in bot', async () => {
    const since = host.mark();
    host.room.send('host', { action: 'start', token: hostToken });
    const lobby = await host.waitFor('lobby', (l) => l.stage === 'playing', since);
    expect(lobby.seats.find((s) => s.seat === 'usa')!.bot).toBe(true);
    expect(lobby.seats.find((s) => s.seat === 'china')!.bot).toBe(false);
    await phaseReached(1, 'news');
    expect(alice.all('view').at(-1)!.viewer).toBe('china');
    expect(host.all('view').at(-1)!.viewer).toBeNull();
    const timer = await alice.waitFor('timer', (t) => t.phase === 'news');
    expect(timer.remainingMs).toBeGreaterThan(50_000);
  });

  test('a malformed message gets an error and the client stays connected', async () => {
    const since = alice.mark();
    alice.room.send('command', { token: tokens.china, command: { kind: 'order', seat: 'china' } });
    const error = await alice.waitFor('error', () => true, since);
    expect(error.code).toBe('badMessage');
    expect(error.field).toMatch(/^command\./);
    expect(error.reason).not.toBe('');
    alice.room.send('no-such-message', { x: 1 });
    const unknown = await alice.waitFor('error', (e) => e.code === 'unknownMessage', since);
    expect(unknown.type).toBe('no-such-message');
    alice.room.send('claimSeat', 'not an object');
    await alice.waitFor('error', (e) => e.type === 'claimSeat', since);
    expect(alice.room.connection.isOpen).toBe(true);
  });

  test('a seat command with another seat’s token is refused', async () => {
    const done = { kind: 'done', seat: 'ussr', round: 1, phase: 'news', done: true } as const;
    const result = await command(alice, tokens.china, done, 'wrong-token');
    expect(result.error).toMatchObject({ code: 'badToken', field: 'token' });
    const bot = await command(alice, tokens.china, { ...done, seat: 'usa' }, 'bot-seat');
    expect(bot.error?.code).toBe('badToken');
    expect(alice.room.connection.isOpen).toBe(true);
  });

  test('players play through the Briefing and Negotiate & Commit phases', async () => {
    const since = marks();
    for (const [inbox, seat] of [
      [alice, 'china'],
      [bob, 'ussr'],
    ] as const) {
      const result = await command(
        inbox,
        tokens[seat],
        { kind: 'done', seat, round: 1, phase: 'news', done: true },
        `${seat}-news`,
      );
      expect(result.ack).toMatchObject({ kind: 'done' });
    }
    await phaseReached(1, 'diplomacy', since);

    // A command written for the Briefing is now stale.
    const stale = await command(
      alice,
      tokens.china,
      { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
      'stale',
    );
    expect(stale.error?.code).toBe('stale');
    // The engine's code and parameters, as it gave them.
    expect(stale.error?.problem).toEqual({
      code: 'stale',
      params: { round: 1, phase: 'news', nowRound: 1, nowPhase: 'diplomacy' },
    });

    for (const [inbox, seat] of [
      [alice, 'china'],
      [bob, 'ussr'],
    ] as const) {
      const order = await command(
        inbox,
        tokens[seat],
        {
          kind: 'order',
          seat,
          round: 1,
          phase: 'diplomacy',
          order: { kind: 'deploy', region: 'korea', power: 1 },
        },
        `${seat}-order`,
      );
      expect(order.error).toBeNull();
      // The player’s own view holds its draft.
      await inbox.waitFor('view', (v) => v.drafts[seat]!.orders.length === 1);
    }
    const beforeResolution = marks();
    for (const [inbox, seat] of [
      [alice, 'china'],
      [bob, 'ussr'],
    ] as const) {
      await command(
        inbox,
        tokens[seat],
        { kind: 'done', seat, round: 1, phase: 'diplomacy', done: true },
        `${seat}-diplomacy`,
      );
    }
    await phaseReached(1, 'resolution', beforeResolution);
  });

  test('no client ever decoded another seat’s draft orders', () => {
    const check = (inbox: Inbox, own: string | null) => {
      const views = inbox.all('view');
      expect(views.length).toBeGreaterThan(2);
      for (const view of views) {
        expect(view.phase).not.toBe('ended');
        expect(view.viewer).toBe(own);
        expect(view.rng).toBe(0);
        for (const [seat, draft] of Object.entries(view.drafts))
          if (seat !== own) expect(draft.orders, `${own} saw ${seat}'s orders`).toEqual([]);
      }
    };
    check(alice, 'china');
    check(bob, 'ussr');
    check(host, null);
    // The check has teeth: each player saw its own order.
    expect(alice.all('view').some((v) => v.drafts.china!.orders.length > 0)).toBe(true);
    expect(bob.all('view').some((v) => v.drafts.ussr!.orders.length > 0)).toBe(true);
  });

  test('a non-host cannot skip; the host pauses, extends, resumes and skips', async () => {
    const since = bob.mark();
    bob.room.send('host', { action: 'skip', token: tokens.ussr });
    expect((await bob.waitFor('error', () => true, since)).code).toBe('badToken');

    let mark = host.mark();
    host.room.send('host', { action: 'pause', token: hostToken });
    const paused = await host.waitFor('timer', (t) => t.paused, mark);
    mark = host.mark();
    host.room.send('host', { action: 'extend', token: hostToken, seconds: 30 });
    const extended = await host.waitFor('timer', () => true, mark);
    expect(extended.paused).toBe(true);
    expect(extended.remainingMs).toBe(paused.remainingMs + 30_000);
    mark = host.mark();
    host.room.send('host', { action: 'resume', token: hostToken });
    expect((await host.waitFor('timer', () => true, mark)).paused).toBe(false);

    const beforeSkip = marks();
    host.room.send('host', { action: 'skip', token: hostToken });
    await phaseReached(2, 'news', beforeSkip);
  });

  test('the host ends the match; later commands are refused', async () => {
    const mark = host.mark();
    host.room.send('host', { action: 'end', token: hostToken });
    const lobby = await host.waitFor('lobby', (l) => l.stage === 'ended', mark);
    expect(lobby.endedBy).toBe('host');
    const late = await command(
      alice,
      tokens.china,
      { kind: 'done', seat: 'china', round: 2, phase: 'news', done: true },
      'late',
    );
    expect(late.error?.code).toBe('wrongStage');
  });
});

describe('phase timers', () => {
  test('a phase advances on its own when its timer runs out', async () => {
    const host = await create({ ...TUTORIAL, timers: { news: 1 } });
    const hostToken = hostTokenOf(host);
    host.room.send('host', { action: 'start', token: hostToken });
    await host.waitFor('view', (v) => v.round === 1 && v.phase === 'news');
    const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy', 0, 10_000);
    expect(diplomacy.round).toBe(1);
  });

  test('a match over days: day-long deadlines by the server clock, and at most three capped extensions', async () => {
    const day = 86_400;
    const host = await create({
      ...TUTORIAL,
      timers: { news: day, diplomacy: day, resolution: 3600 },
    });
    const hostToken = hostTokenOf(host);
    const before = Date.now();
    host.room.send('host', { action: 'start', token: hostToken });
    const first = await host.waitFor('timer', (t) => t.phase === 'news' && t.endsAt !== null);
    // The deadline is the server's: its wall clock plus the phase, not a count the client keeps.
    expect(first.endsAt!).toBeGreaterThanOrEqual(before + day * 1000 - 5_000);
    expect(first.endsAt!).toBeLessThanOrEqual(Date.now() + day * 1000);
    expect(first).toMatchObject({ extensionsLeft: 3, extensionCapSeconds: day });

    // The next timer or error after an extension: what everyone sees, or why it was refused.
    const extend = (seconds: number) => {
      const mark = host.mark();
      host.room.send('host', { action: 'extend', token: hostToken, seconds });
      return nextMatching(host, mark, (type, payload) =>
        type === 'timer' || type === 'error' ? (payload as Record<string, unknown>) : undefined,
      );
    };
    const tooMuch = await extend(day + 1);
    expect(tooMuch).toMatchObject({ code: 'badMessage' });
    for (const left of [2, 1, 0]) {
      const timer = await extend(6 * 3600);
      expect(timer).toMatchObject({ extensionsLeft: left });
    }
    const refused = await extend(60);
    expect(refused).toMatchObject({ code: 'limited' });
    expect((refused as { reason: string }).reason).toBe(
      'This match has had its 3 extensions: none is left.',
    );
  });

  test('a bad create option is refused with a reason', async () => {
    await expect(createMatch(base, { ...TUTORIAL, scenario: 'nope' })).rejects.toThrow(/nope/);
    await expect(createMatch(base, { ...TUTORIAL, timers: { news: 0 } })).rejects.toThrow(
      /timers\.news/,
    );
  });
});

describe('limits', () => {
  /** A fresh match's host whose room reports its close code instead of reconnecting. */
  async function closingHost() {
    const host = await create(TUTORIAL);
    host.room.reconnection.enabled = false;
    const closed = new Promise<number>((resolve) => host.room.onLeave((code) => resolve(code)));
    return { host, closed };
  }

  test('past maxMessagesPerSecond the client is disconnected', async () => {
    const { host, closed } = await closingHost();
    for (let i = 0; i < 40; i++) host.room.send('claimSeat', { seat: null });
    expect(await closed).toBe(4002);
  });

  test('a message over the maximum payload closes the connection (1009)', async () => {
    const { host, closed } = await closingHost();
    host.room.send('claimSeat', { seat: 'x'.repeat(8 * 1024) });
    expect(await closed).toBe(1009);
  });
});

describe('teams and rejoining', () => {
  test('two people share a seat, each with a pass of their own; a second device rejoins with its own pass; a wrong one is refused', async () => {
    const host = await create(TUTORIAL);
    const { roomId } = await host.waitFor('welcome');
    const a = await joinMatch(roomId, 'Ana');
    const b = await joinMatch(roomId, 'Ben');
    a.room.send('claimSeat', { seat: 'ussr' });
    const token = (await a.waitFor('seatToken')).token;
    b.room.send('claimSeat', { seat: 'ussr' });
    const bens = (await b.waitFor('seatToken')).token;
    expect(bens).not.toBe(token);
    expect(JSON.stringify(b.received)).not.toContain(token);
    expect(JSON.stringify(a.received)).not.toContain(bens);
    await host.waitFor('lobby', (l) => l.seats.find((s) => s.seat === 'ussr')!.people.length === 2);

    // Ana's second device (her own pass).
    const c = await joinMatch(roomId, 'Cy');
    c.room.send('rejoinSeat', { seat: 'ussr', token: 'x'.repeat(21) });
    expect(await c.waitFor('error')).toMatchObject({ code: 'badToken', field: 'token' });
    c.room.send('rejoinSeat', { seat: 'china', token });
    expect(await c.waitFor('error', (e) => e.type === 'rejoinSeat' && e.field === 'token'));
    c.room.send('rejoinSeat', { seat: 'ussr', token });
    expect((await c.waitFor('seatToken')).seat).toBe('ussr');
    const lobby = await host.waitFor(
      'lobby',
      (l) => l.seats.find((s) => s.seat === 'ussr')!.people.length === 3,
    );
    expect(lobby.seats.find((s) => s.seat === 'ussr')!.people.map((p) => p.nickname)).toEqual([
      'Ana',
      'Ben',
      'Cy',
    ]);
  });
});

describe('the host moderates', () => {
  test('inject a crisis, remove a person, hand a seat to a bot', async () => {
    const host = await create(TUTORIAL);
    const { roomId } = await host.waitFor('welcome');
    const hostToken = hostTokenOf(host);
    const ana = await joinMatch(roomId, 'Ana');
    ana.room.send('claimSeat', { seat: 'china' });
    const oldChina = (await ana.waitFor('seatToken')).token;
    const cy = await joinMatch(roomId, 'Cy');
    cy.room.send('claimSeat', { seat: 'china' });
    await cy.waitFor('seatToken');
    const ben = await joinMatch(roomId, 'Ben');
    ben.room.send('claimSeat', { seat: 'ussr' });
    const ussr = (await ben.waitFor('seatToken')).token;
    host.room.send('host', { action: 'start', token: hostToken });
    const first = await host.waitFor('view', (v) => v.phase === 'news');

    // Inject a crisis card from the deck (not held, not in play, not scripted for a round).
    const scenario = getScenario('tutorial-1950');
    const taken = new Set([
      ...first.crises.map((c) => c.card),
      ...Object.values(scenario.scriptedCards).flat(),
    ]);
    const card = scenario.cards.find((c) => !c.holder && !taken.has(c.id))!;
    let mark = host.mark();
    host.room.send('host', { action: 'inject', token: hostToken, card: card.id });
    const injected = await host.waitFor('view', (v) => v.crises.length > first.crises.length, mark);
    expect(injected.crises.map((c) => c.card)).toContain(card.id);
    mark = host.mark();
    host.room.send('host', { action: 'inject', token: hostToken, card: 'no-such-card' });
    expect(await host.waitFor('error', () => true, mark)).toMatchObject({
      code: 'illegal',
      field: 'card',
      problem: { code: 'noSuchCard', params: { card: 'no-such-card' } },
    });

    // Remove Cy: Cy is disconnected and Cy's pass stops working; Ana keeps hers.
    const cyPass = (await cy.waitFor('seatToken')).token;
    const lobby = await host.waitFor('lobby', (l) => l.stage === 'playing');
    const cyId = lobby.seats
      .find((s) => s.seat === 'china')!
      .people.find((p) => p.nickname === 'Cy')!.id;
    const cyLeft = new Promise<number>((resolve) => cy.room.onLeave((code) => resolve(code)));
    const anaMark = ana.mark();
    host.room.send('host', { action: 'remove', token: hostToken, person: cyId });
    expect(await cyLeft).toBe(REMOVED_BY_HOST);
    expect(ana.all('seatToken').length).toBe(1);
    expect(ana.received.slice(anaMark).some((m) => m.type === 'seatLost')).toBe(false);
    // Cy comes back under another name with the pass: refused.
    const back = await joinMatch(roomId, 'Not Cy');
    back.room.send('rejoinSeat', { seat: 'china', token: cyPass });
    expect(await back.waitFor('error')).toMatchObject({ code: 'badToken', field: 'token' });
    const done = { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true } as const;
    back.room.send('command', { token: cyPass, ref: 'cy', command: done });
    expect(await back.waitFor('error', (e) => e.ref === 'cy')).toMatchObject({ code: 'badToken' });
    ana.room.send('command', { token: oldChina, ref: 'ana', command: done });
    await ana.waitFor('ack', (a) => a.ref === 'ana');
    mark = host.mark();
    host.room.send('host', { action: 'remove', token: hostToken, person: 'nobody' });
    expect((await host.waitFor('error', () => true, mark)).code).toBe('unknownPerson');

    // Hand the USSR seat to a bot: Ben becomes a spectator and his pass stops working.
    const benMark = ben.mark();
    host.room.send('host', { action: 'replaceWithBot', token: hostToken, seat: 'ussr' });
    const after = await ben.waitFor(
      'lobby',
      (l) => l.seats.find((s) => s.seat === 'ussr')!.bot,
      benMark,
    );
    expect(after.spectators.map((p) => p.nickname)).toContain('Ben');
    const benView = await ben.waitFor('view', () => true, benMark);
    expect(benView.viewer).toBeNull();
    expect((await ben.waitFor('seatLost', () => true, benMark)).seat).toBe('ussr');
    ben.room.send('command', { token: ussr, ref: 'gone', command: { ...done, seat: 'ussr' } });
    expect((await ben.waitFor('error', (e) => e.ref === 'gone')).code).toBe('badToken');
    // Nobody rejoins a bot's seat, with the pass it had or by claiming it.
    ben.room.send('rejoinSeat', { seat: 'ussr', token: ussr });
    expect(await ben.waitFor('error', (e) => e.type === 'rejoinSeat')).toMatchObject({
      code: 'badToken',
    });
  });
});

describe('a dropped connection', () => {
  test('reconnects automatically and keeps its seat', async () => {
    const host = await create(TUTORIAL);
    const { roomId } = await host.waitFor('welcome');
    const hostToken = hostTokenOf(host);
    const ana = await joinMatch(roomId, 'Ana');
    ana.room.reconnection.minUptime = 0;
    ana.room.send('claimSeat', { seat: 'china' });
    const token = (await ana.waitFor('seatToken')).token;
    host.room.send('host', { action: 'start', token: hostToken });
    await ana.waitFor('view', (v) => v.phase === 'news');

    // Cut the connection on the server's side, as a lost network would.
    const reconnected = new Promise<void>((resolve) => ana.room.onReconnect(() => resolve()));
    const mark = ana.mark();
    const room = matchMaker.getLocalRoomById(roomId);
    (room.clients.getById(ana.room.sessionId)!.ref as unknown as { terminate(): void }).terminate();
    await reconnected;
    const view = await ana.waitFor('view', () => true, mark);
    expect(view.viewer).toBe('china');
    ana.room.send('command', {
      token,
      ref: 'after-drop',
      command: { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
    });
    await ana.waitFor('ack', (a) => a.ref === 'after-drop');
  });
});

describe('the lobby', () => {
  test('shows ready marks and muted people; a ready mark resets on a change of seat', async () => {
    const host = await create({ ...TUTORIAL, preset: 'class' });
    const { roomId } = await host.waitFor('welcome');
    const hostToken = hostTokenOf(host);
    const ana = await joinMatch(roomId, 'Ana');
    ana.room.send('claimSeat', { seat: 'china' });
    await ana.waitFor('seatToken');
    let mark = host.mark();
    ana.room.send('ready', { ready: true });
    const ready = await host.waitFor(
      'lobby',
      (l) => l.seats.find((s) => s.seat === 'china')!.people.some((p) => p.ready),
      mark,
    );
    const anaId = ready.seats.find((s) => s.seat === 'china')!.people[0]!.id;
    expect(ready.seats.find((s) => s.seat === 'china')!.people[0]!.muted).toBe(false);

    mark = host.mark();
    host.room.send('host', { action: 'mute', token: hostToken, person: anaId });
    await host.waitFor('lobby', (l) => l.seats.some((s) => s.people.some((p) => p.muted)), mark);

    mark = host.mark();
    ana.room.send('claimSeat', { seat: 'ussr' });
    const moved = await host.waitFor(
      'lobby',
      (l) => l.seats.find((s) => s.seat === 'ussr')!.people.length === 1,
      mark,
    );
    expect(moved.seats.find((s) => s.seat === 'ussr')!.people[0]).toMatchObject({
      ready: false,
      muted: true,
    });

    mark = ana.mark();
    ana.room.send('ready', { ready: 'yes' });
    expect(await ana.waitFor('error', () => true, mark)).toMatchObject({
      code: 'badMessage',
      type: 'ready',
    });
  });

  test('bots play at the level the host chose, shown in the lobby; normal by default', async () => {
    const hard = await create({ ...TUTORIAL, botLevel: 'hard' });
    const hardToken = hostTokenOf(hard);
    expect((await hard.waitFor('lobby')).botLevel).toBe('hard');
    hard.room.send('host', { action: 'start', token: hardToken });
    const playing = await hard.waitFor('lobby', (l) => l.stage === 'playing');
    expect(playing.seats.every((s) => s.bot)).toBe(true);
    // Every bot finished the Briefing on its own (a doctrine bot marks itself done).
    const view = await hard.waitFor('view', (v) => v.seats.every((s) => v.drafts[s]!.done));
    expect(view.phase).toBe('news');
    expect((await (await create(TUTORIAL)).waitFor('lobby')).botLevel).toBe('normal');
    const bad = await create({ ...TUTORIAL, botLevel: 'genius' }).catch((e: Error) => e);
    expect(bad).toBeInstanceOf(Error);
  });

  test('a match made with the class preset plays with its fewer action points', async () => {
    const host = await create({ ...TUTORIAL, preset: 'class' });
    const hostToken = hostTokenOf(host);
    host.room.send('host', { action: 'start', token: hostToken });
    const view = await host.waitFor('view');
    expect(view.settings.preset).toBe('class');
    const standard = await create(TUTORIAL);
    const standardToken = hostTokenOf(standard);
    standard.room.send('host', { action: 'start', token: standardToken });
    const standardView = await standard.waitFor('view');
    expect(view.settings.actionPoints.greatPower).toBeLessThan(
      standardView.settings.actionPoints.greatPower,
    );
  });
});

describe('people who leave during play', () => {
  test('a stand-in bot plays their seat from the next phase; they take it back with its token', async () => {
    const host = await create(TUTORIAL);
    const { roomId } = await host.waitFor('welcome');
    const hostToken = hostTokenOf(host);
    host.room.send('claimSeat', { seat: 'china' });
    await host.waitFor('seatToken');
    const ben = await joinMatch(roomId, 'Ben');
    ben.room.send('claimSeat', { seat: 'ussr' });
    const ussr = (await ben.waitFor('seatToken')).token;
    host.room.send('host', { action: 'start', token: hostToken });
    await host.waitFor('view', (v) => v.phase === 'news');

    let mark = host.mark();
    await ben.leave();
    const away = await host.waitFor(
      'lobby',
      (l) => l.seats.find((s) => s.seat === 'ussr')!.away,
      mark,
    );
    expect(away.seats.find((s) => s.seat === 'china')!.away).toBe(false);

    // The next phase starts with the absent seat already played (done) by the stand-in.
    mark = host.mark();
    host.room.send('host', { action: 'skip', token: hostToken });
    const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy', mark);
    expect(diplomacy.drafts.ussr!.done).toBe(true);
    expect(diplomacy.drafts.china!.done).toBe(false);

    // Ben comes back with the seat's token: the seat is his again from the next phase.
    const back = await joinMatch(roomId, 'Ben');
    mark = host.mark();
    back.room.send('rejoinSeat', { seat: 'ussr', token: ussr });
    await host.waitFor('lobby', (l) => !l.seats.find((s) => s.seat === 'ussr')!.away, mark);
    host.room.send('host', { action: 'skip', token: hostToken });
    const resolution = await back.waitFor('view', (v) => v.phase === 'resolution');
    expect(resolution.viewer).toBe('ussr');
    host.room.send('host', { action: 'skip', token: hostToken });
    const next = await back.waitFor('view', (v) => v.round === 2 && v.phase === 'news');
    expect(next.drafts.ussr!.done).toBe(false);
  });
});
