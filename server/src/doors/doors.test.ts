import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import { MATCH_ROOM } from '@entanglement/shared';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import { codeOf, createMatchClient, eventually, type Inbox } from '../rooms/test-clients.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { playLegitimateMatch } from '../testing/legitimate-match.ts';
import {
  closeSocket,
  openSocket,
  postJson,
  type RawAnswer,
  rawRequest,
  rssOf,
  type SocketOutcome,
  streamBody,
} from '../testing/raw-clients.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/**
 * Issue 13, items 6 and 11: the limits on every door, attacked with raw
 * HTTP and WebSocket clients against the real server (`main.ts` in a child
 * process on 127.0.0.1, limits set small through its environment). Each
 * attacker sends from an address of its own (127.0.0.2, .3, …); the class
 * plays from 127.0.0.1. After each attack the server is up and a legitimate
 * match plays to its end with every acknowledged command in its log; at the
 * end its log holds no stack trace.
 */

const LIMITS = {
  LIMIT_HTTP: '600/1m',
  LIMIT_JOIN_LOOKUP: '20/1m',
  LIMIT_MATCHMAKING: '60/1m',
  LIMIT_CREATE: '20/10m',
  LIMIT_IMPORT: '10/1h',
  LIMIT_CONNECT: '60/1m',
  LIMIT_NOTIFY: '5/1m',
  MAX_CONNECTIONS_PER_ADDRESS: '5',
  SEAT_RESERVATION_SECONDS: '2',
};

let dir = '';
let dataDir = '';
let server: ServerProcess;
const inboxes: Inbox[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-doors-'));
  dataDir = join(dir, 'data');
  server = await spawnServer(dataDir, LIMITS);
});

// Each test's clients leave after it: the class's address has its own connection limit too.
afterEach(async () => {
  await Promise.all(inboxes.splice(0).map((inbox) => inbox.leave()));
});

afterAll(async () => {
  if (server) await killServer(server);
  await rm(dir, { recursive: true, force: true });
});

/** The server is up, answers, and a class's match plays to its end. */
async function serverStillServes(): Promise<void> {
  expect(server.process.exitCode).toBeNull();
  expect((await rawRequest(server.base, { path: '/api/health' })).status).toBe(200);
  await playLegitimateMatch(server.base, dataDir);
}

function expectRefused(answer: RawAnswer, status: number, message: RegExp): void {
  expect(answer.status, answer.text).toBe(status);
  expect(answer.json.error).toMatch(message);
}

/** A match created by the SDK from 127.0.0.1: the host's inbox, room id and code. */
async function hostMatch() {
  const created = await createMatchClient(server.base, TUTORIAL_MATCH);
  inboxes.push(created.inbox);
  return created;
}

describe('limits per address', () => {
  test('join codes cannot be guessed: look-ups past the limit get 429, other addresses are not affected', async () => {
    const match = await hostMatch();
    const guesses: RawAnswer[] = [];
    const started = performance.now();
    for (let i = 0; i < 30; i++)
      guesses.push(
        await rawRequest(server.base, { path: `/api/join/ZZZ${100 + i}`, from: '127.0.0.2' }),
      );
    const seconds = (performance.now() - started) / 1000;
    expect(guesses.slice(0, 20).map((g) => g.status)).toEqual(Array(20).fill(404));
    for (const refused of guesses.slice(20)) {
      expectRefused(
        refused,
        429,
        /^Too many join-code look-ups from your address: at most 20 a minute\. Try again in \d+ s\.$/,
      );
      expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
    }
    // Written otherwise (Express matches any case) it is the same door.
    const upper = await rawRequest(server.base, { path: '/API/JOIN/ZZZ999', from: '127.0.0.2' });
    expect(upper.status).toBe(429);
    // Even the right code is refused to the guesser now; the class finds its match.
    const right = await rawRequest(server.base, {
      path: `/api/join/${match.code}`,
      from: '127.0.0.2',
    });
    expect(right.status).toBe(429);
    const found = await rawRequest(server.base, { path: `/api/join/${match.code}` });
    expect(found.json).toEqual({ roomId: match.roomId, code: match.code });
    console.log(
      `join-code guessing: 30 look-ups in ${seconds.toFixed(2)} s, 20 answered, then 429 (limit 20 a minute)`,
    );
    await serverStillServes();
  });

  test('match creation and matchmaking past their limits get 429; the lobbies made lapse with their reservations', async () => {
    const from = '127.0.0.3';
    const created: RawAnswer[] = [];
    for (let i = 0; i < 22; i++)
      created.push(await postJson(server.base, '/api/matches', TUTORIAL_MATCH, from));
    expect(created.slice(0, 20).map((c) => c.status)).toEqual(Array(20).fill(201));
    for (const refused of created.slice(20))
      expectRefused(
        refused,
        429,
        /^Too many new matches from your address: at most 20 in 10 minutes\./,
      );

    // Nobody connects to them: each lobby goes when its creator does not come (Colyseus's seat time).
    const rooms = created.slice(0, 20).map((c) => String(c.json.roomId));
    const store = openSqliteStore({ dataDir });
    try {
      const live = await eventually(
        async () => (await store.listLive()).filter((m) => rooms.includes(m.id)),
        (left) => left.length === 0,
      );
      expect(live).toEqual([]);
    } finally {
      await store.close();
    }

    // Matchmaking in general: 60 a minute from one address.
    const match = await hostMatch();
    const joins: RawAnswer[] = [];
    for (let i = 0; i < 61; i++)
      joins.push(
        await postJson(
          server.base,
          `/matchmake/joinById/${match.roomId}`,
          { nickname: `x${i}`, code: match.code },
          from,
        ),
      );
    expect(joins.slice(0, 60).every((j) => j.status === 200)).toBe(true);
    expectRefused(
      joins.at(-1)!,
      429,
      /^Too many requests to join or create matches from your address: at most 60 a minute\./,
    );
    await serverStillServes();
  });

  test('unused seat reservations from many addresses do not lock a match, and lapse quickly', async () => {
    const match = await hostMatch();
    // 80 reservations, more than a match's 64 places, from four addresses; none is used.
    const addresses = ['127.0.0.4', '127.0.0.5', '127.0.0.6', '127.0.0.7'];
    const reservations = await Promise.all(
      addresses.flatMap((from) =>
        Array.from({ length: 20 }, (_, i) =>
          postJson(
            server.base,
            `/matchmake/joinById/${match.roomId}`,
            { nickname: `r${i}`, code: match.code },
            from,
          ),
        ),
      ),
    );
    expect(reservations.map((r) => r.status)).toEqual(Array(80).fill(200));

    // A student still gets in.
    const student = await new Client(server.base).joinById(match.roomId, {
      nickname: 'Student',
      code: codeOf(match.roomId),
    });
    inboxes.push({ leave: () => student.leave().then(() => undefined) } as unknown as Inbox);
    expect(student.roomId).toBe(match.roomId);

    // A reservation not used within 2 s is gone: its connection is refused.
    const first = reservations[0]!.json;
    const outcome = await eventually(
      async () => {
        const socket = await openSocket(
          server.base,
          `/${first.processId}/${first.roomId}?sessionId=${first.sessionId}`,
          '127.0.0.8',
        );
        return closedWith(socket);
      },
      (code) => code !== 'open',
    );
    expect(outcome).toBe(4002);
    await serverStillServes();
  });

  test('notification opt-ins past their limit get 429, other addresses are not affected', async () => {
    const optIn = { matchId: 'x', pass: 'p'.repeat(21), email: 'a@example.org' };
    const tries: RawAnswer[] = [];
    for (let i = 0; i < 7; i++)
      tries.push(
        await postJson(
          server.base,
          i % 2 ? '/api/notifications/off' : '/api/notifications',
          optIn,
          '127.0.0.13',
        ),
      );
    // No SMTP_URL on this server: e-mail is not sent (503), until the door closes.
    expect(tries.slice(0, 5).map((t) => t.status)).toEqual([503, 404, 503, 404, 503]);
    for (const refused of tries.slice(5))
      expectRefused(
        refused,
        429,
        /^Too many notification opt-ins and opt-outs from your address: at most 5 a minute\. Try again in \d+ s\.$/,
      );
    expect((await postJson(server.base, '/api/notifications', optIn, '127.0.0.14')).status).toBe(
      503,
    );
  });

  test('WebSocket connections: at most 5 open at once and 60 a minute per address', async () => {
    const match = await hostMatch();
    const from = '127.0.0.9';
    const sockets: SocketOutcome[] = [];
    for (let i = 0; i < 6; i++) {
      const seat = (
        await postJson(
          server.base,
          `/matchmake/joinById/${match.roomId}`,
          { nickname: `c${i}`, code: match.code },
          from,
        )
      ).json;
      sockets.push(
        await openSocket(
          server.base,
          `/${seat.processId}/${seat.roomId}?sessionId=${seat.sessionId}`,
          from,
        ),
      );
    }
    expect(sockets.slice(0, 5).every((s) => 'open' in s)).toBe(true);
    const sixth = sockets[5]!;
    expect('refused' in sixth && sixth.refused.status).toBe(429);
    if ('refused' in sixth)
      expect(sixth.refused.json.error).toBe(
        'Too many connections open from your address: at most 5 at once.',
      );
    for (const s of sockets) if ('open' in s) await closeSocket(s.open);

    // One at a time, from another address: 60 a minute.
    const other = '127.0.0.10';
    const outcomes: SocketOutcome[] = [];
    for (let i = 0; i < 61; i++) {
      const s = await openSocket(server.base, '/', other);
      outcomes.push(s);
      if ('open' in s) await closeSocket(s.open);
    }
    expect(outcomes.slice(0, 60).every((s) => 'open' in s)).toBe(true);
    const last = outcomes[60]!;
    expect('refused' in last && last.refused.json.error).toMatch(
      /^Too many new connections from your address: at most 60 a minute\./,
    );
    await serverStillServes();
  });
});

describe('body sizes', () => {
  test('a 64 MB matchmaking body is refused at 8 KiB without the server growing', async () => {
    const before = rssOf(server.process.pid!);
    for (const chunked of [false, true]) {
      const { answer, written } = await streamBody(server.base, {
        path: `/matchmake/create/${MATCH_ROOM}`,
        from: '127.0.0.11',
        bytes: 64 * 1024 * 1024,
        chunked,
      });
      expect(answer?.status).toBe(413);
      expect(answer?.json.error).toBe(
        'The request is too large: a matchmaking request may be at most 8 KiB.',
      );
      // How much the sender wrote before the 413 arrived depends on the machine: a fast one
      // drains all 64 MB (seen in CI), a slow one stops it at a few MiB. That the server did
      // not keep the body is the memory bound below.
      console.log(
        `64 MB matchmaking body (${chunked ? 'chunked' : 'Content-Length'}): 413 after ${(written / 1024 / 1024).toFixed(1)} MiB written`,
      );
    }
    const grown = rssOf(server.process.pid!) - before;
    console.log(`server RSS after both: ${(grown / 1024 / 1024).toFixed(1)} MiB more`);
    // Before the limit the same body grew it by 354 MiB (issue 13); GC timing makes this figure noisy.
    // A busy machine's collector runs late (60 MiB was seen): the bound is well under 354.
    expect(grown).toBeLessThan(128 * 1024 * 1024);
    await serverStillServes();
  });

  test('every API route states its own limit', async () => {
    const big = (path: string, bytes: number) =>
      rawRequest(server.base, {
        method: 'POST',
        path,
        from: '127.0.0.12',
        headers: { 'content-type': 'application/json', 'content-length': bytes },
      });
    expectRefused(
      await big('/api/matches/import', 64 * 1024 * 1024),
      413,
      /^The request is too large: this request may be at most 5 MiB\.$/,
    );
    expectRefused(
      await big('/api/matches/x/annotations', 1024 * 1024),
      413,
      /^The request is too large: this request may be at most 16 KiB\.$/,
    );
    expectRefused(
      await big('/api/notifications', 8 * 1024),
      413,
      /^The request is too large: this request may be at most 2 KiB\.$/,
    );
    expectRefused(
      await big('/api/health', 1024 * 1024),
      413,
      /^The request is too large: this request may be at most 16 KiB\.$/,
    );
    // Streamed in chunks past the limit, an annotation is cut at its route's limit too.
    const { answer } = await streamBody(server.base, {
      path: '/api/matches/x/annotations',
      from: '127.0.0.12',
      bytes: 1024 * 1024,
      chunked: true,
    });
    expect(answer?.status).toBe(413);
    expect(answer?.json.error).toBe(
      'The request is too large: this request may be at most 16 KiB.',
    );
    await serverStillServes();
  });
});

describe('the log', () => {
  test('refusals are quiet: one line per address and limit, with its request id, never a stack trace', async () => {
    // Refusals of every kind the room itself gives, too: a bad create, a bad join.
    const badCreate = await postJson(server.base, '/api/matches', {
      ...TUTORIAL_MATCH,
      botLevel: 'genius',
    });
    expect(badCreate.status).toBe(400);
    expect(badCreate.json.error).toMatch(/^Cannot create the match: botLevel/);
    const match = await hostMatch();
    await expect(
      new Client(server.base).joinById(match.roomId, { nickname: '', code: codeOf(match.roomId) }),
    ).rejects.toThrow(/Choose a nickname/);
    const unknown = await postJson(server.base, '/api/matches', {
      ...TUTORIAL_MATCH,
      scenario: 'nope',
    });
    expect(unknown.json.error).toMatch(/^Cannot create the match: Unknown scenario "nope"/);
    // A frame over the 4 KiB limit closes its connection (1009), as before.
    const big = await new Client(server.base).joinById(match.roomId, {
      nickname: 'Big',
      code: codeOf(match.roomId),
    });
    const closed = new Promise<number>((resolve) => big.onLeave((code) => resolve(code)));
    big.send('chat', { channel: 'public', token: 'x'.repeat(21), text: 'x'.repeat(5000) });
    expect(await closed).toBe(1009);
    const output = server.output();
    // No stack trace, raw or inside a JSON line; every line is a structured one (pino).
    expect(output).not.toMatch(/(\n|\\n)\s+at /);
    const lines = output
      .split('\n')
      .filter((l) => l.trim() !== '')
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.every((l) => typeof l.level === 'number' && typeof l.msg === 'string')).toBe(true);
    const refusals = lines.filter((l) => l.msg === 'refused: limit reached');
    // The first refusal at each limit was logged, with its request id (HTTP) and address.
    expect(
      refusals.some((l) => l.limit === 'joinLookup' && l.address === '127.0.0.2' && l.reqId),
    ).toBe(true);
    expect(
      refusals.filter((l) => l.limit === 'joinLookup' && l.address === '127.0.0.2'),
    ).toHaveLength(1);
    expect(refusals.some((l) => l.limit === 'connectionsPerAddress')).toBe(true);
  });
});

/** 'open' if the socket stays open, else the close code the server gave it. */
function closedWith(outcome: SocketOutcome): Promise<number | 'open' | 'refused'> {
  if (!('open' in outcome)) return Promise.resolve('refused');
  const ws = outcome.open;
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      ws.terminate();
      resolve('open');
    }, 3000);
    ws.once('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
  });
}
