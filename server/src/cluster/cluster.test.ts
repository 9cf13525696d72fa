import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  type SeatView,
  stateHash,
} from '@entanglement/shared';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  codeOf,
  createMatchClient,
  eventually,
  Inbox,
  joinMatchClient,
  lastView,
  sendCommand,
} from '../rooms/test-clients.ts';
import { openPostgresStore } from '../store/postgres.ts';
import { describeWithServices } from '../testing/service-suite.ts';
import {
  freePort,
  missingPostgres,
  missingRedis,
  type PostgresService,
  type Service,
  startPostgres,
  startRedis,
} from '../testing/services.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/** Failover must bring a match back within this long of its process dying (issue 7). */
const FAILOVER_MS = 10_000;

describeWithServices(
  'Cluster (Redis and Postgres)',
  missingRedis() ?? missingPostgres(),
  'two server processes sharing Redis and Postgres',
  () => {
    let redis: Service;
    let postgres: PostgresService;
    let dir: string;
    const servers: ServerProcess[] = [];
    const inboxes: Inbox[] = [];

    beforeAll(async () => {
      [redis, postgres] = await Promise.all([startRedis(), startPostgres()]);
      dir = await mkdtemp(join(tmpdir(), 'entanglement-cluster-'));
    }, 60_000);

    afterAll(async () => {
      await Promise.all(inboxes.map((inbox) => inbox.leave()));
      await Promise.all(servers.map(killServer));
      await Promise.all([redis?.stop(), postgres?.stop()]);
      await rm(dir, { recursive: true, force: true });
    });

    /** A server process on its own port, announcing that port as its public address. */
    async function startProcess(name: string): Promise<ServerProcess> {
      const port = await freePort();
      const server = await spawnServer(join(dir, name), {
        PORT: String(port),
        REDIS_URL: redis.url,
        DATABASE_URL: postgres.url,
        PUBLIC_ADDRESS: `127.0.0.1:${port}`,
      });
      servers.push(server);
      return server;
    }

    /** The port of the process a client's WebSocket is connected to. */
    const processOf = (inbox: Inbox) => new URL(inbox.room.connection.url!).port;
    const portOf = (server: ServerProcess) => new URL(server.base).port;

    const command = sendCommand;

    /**
     * The two processes, the tutorial match created through A (long timers:
     * the tests move the phases), and which process holds it.
     */
    async function matchOnTwo(prefix: string) {
      const a = await startProcess(`${prefix}-a`);
      const b = await startProcess(`${prefix}-b`);
      const host = await createMatchClient(a.base, {
        ...TUTORIAL_MATCH,
        timers: { news: 600, diplomacy: 900, resolution: 600 },
      });
      inboxes.push(host.inbox);
      // The match lives on the process its creator asked (POST /api/matches through A).
      const holder = [a, b].find((s) => processOf(host.inbox) === portOf(s))!;
      expect(holder).toBeDefined();
      return { a, b, host, holder, other: holder === a ? b : a };
    }

    test('a match created through A is joined by code through B; after kill -9 of the process holding it, it goes on on the other with the same hash and every accepted command', async () => {
      // The host creates the match through A.
      const { b, host, holder, other } = await matchOnTwo('failover');

      // The code is found through B, and B's matchmaker seats the players in the holder's room.
      const found = await fetch(`${b.base}/api/join/${host.code.toLowerCase()}`);
      expect(await found.json()).toEqual({ roomId: host.roomId, code: host.code });
      const ana = await joinMatchClient(b.base, host.roomId, 'Ana');
      const ben = await joinMatchClient(b.base, host.roomId, 'Ben');
      inboxes.push(ana, ben);
      expect([processOf(ana), processOf(ben)]).toEqual([portOf(holder), portOf(holder)]);
      const anaToken = await claimSeat(ana, 'china');
      const benToken = await claimSeat(ben, 'ussr');
      const lobby = await host.inbox.waitFor('lobby', (l) =>
        ['china', 'ussr'].every((s) => l.seats.find((x) => x.seat === s)!.people.length === 1),
      );
      expect(lobby.seats.find((s) => s.seat === 'china')!.people[0]!.nickname).toBe('Ana');

      host.inbox.room.send('host', { action: 'start', token: host.hostToken });
      await ana.waitFor('view', (v) => v.phase === 'news', 0, 15_000);
      for (const [inbox, seat, token] of [
        [ana, 'china', anaToken],
        [ben, 'ussr', benToken],
      ] as const) {
        const done = await command(
          inbox,
          token,
          { kind: 'done', seat, round: 1, phase: 'news', done: true },
          `news-${seat}`,
        );
        expect(done.error).toBeNull();
      }
      // The usa seat is a bot: with both people done, the Briefing ends.
      await ana.waitFor('view', (v) => v.phase === 'diplomacy', 0, 15_000);
      const order = await command(
        ana,
        anaToken,
        {
          kind: 'order',
          seat: 'china',
          round: 1,
          phase: 'diplomacy',
          order: { kind: 'deploy', region: 'korea', power: 1 },
        },
        'order',
      );
      expect(order.error).toBeNull();
      const before = await ana.waitFor(
        'view',
        (v) => v.step === order.ack!.step && v.drafts.china!.orders.length === 1,
        0,
        15_000,
      );

      // The holder dies mid-phase: no clean shutdown.
      const killedAt = Date.now();
      await killServer(holder);

      // The client does what the browser's does when its connection is gone:
      // find the room by id again (through the live process) and rejoin its seat with its token.
      let back: Inbox | null = null;
      while (!back && Date.now() - killedAt < FAILOVER_MS + 5_000) {
        try {
          back = new Inbox(
            await new Client(other.base).joinById(host.roomId, {
              nickname: 'Ana',
              code: codeOf(host.roomId),
            }),
          );
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      expect(back, 'the match was not taken over').not.toBeNull();
      const tookOver = Date.now() - killedAt;
      console.log(
        `Failover: the client was back in the match ${tookOver} ms after kill -9 of its process.`,
      );
      inboxes.push(back!);
      expect(tookOver).toBeLessThan(FAILOVER_MS);
      const takeover = await eventually(
        async () => other.output(),
        (out) => out.includes(`Took over match ${host.roomId}`),
      );
      console.log(takeover.split('\n').find((line) => line.includes('Took over')));
      expect(processOf(back!)).toBe(portOf(other));

      const since = back!.mark();
      back!.room.send('rejoinSeat', { seat: 'china', token: anaToken });
      await back!.waitFor('seatToken', () => true, since, 15_000);
      const after: SeatView = await back!.waitFor(
        'view',
        (v) => v.viewer === 'china',
        since,
        15_000,
      );
      // The same phase, step and everything china can see, its draft included.
      expect(after).toEqual(before);
      // The code still leads to the match, now on the live process.
      expect(await (await fetch(`${other.base}/api/join/${host.code}`)).json()).toEqual({
        roomId: host.roomId,
        code: host.code,
      });

      // Play goes on there.
      const next = await command(
        back!,
        anaToken,
        { kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: true },
        'after',
      );
      expect(next.error).toBeNull();
      expect(next.ack!.step).toBe(before.step + 1);

      // The shared log holds every accepted command, in order, and replays to the stored hashes.
      const store = await openPostgresStore({ url: postgres.url });
      try {
        const log = await store.loadLog(host.roomId);
        expect(log.map((e) => e.seq)).toEqual(log.map((_, i) => i + 1));
        expect(log.at(-1)!.seq).toBe(before.step + 1);
        const record = (await store.getMatch(host.roomId))!;
        const scenario = getScenario(record.scenarioId);
        const created = createMatch(scenario, record.settings as object, record.seed);
        if (!created.ok) throw new Error(created.error);
        for (const entry of log) {
          expect(applyCommand(scenario, created.state, entry.command as Command).ok).toBe(true);
          expect(stateHash(created.state)).toBe(entry.stateHash);
        }
      } finally {
        await store.close();
      }
    }, 120_000);

    test('Redis goes away and comes back empty: play goes on meanwhile, nothing is taken over twice, the match is found again', async () => {
      const { a, b, host, holder, other } = await matchOnTwo('redis');
      const token = await claimSeat(host.inbox, 'china');
      host.inbox.room.send('host', { action: 'start', token: host.hostToken });
      await host.inbox.waitFor('view', (v) => v.phase === 'news', 0, 15_000);

      await redis.stop();
      // Commands need only the room and the store: they are accepted and logged.
      const during = await command(
        host.inbox,
        token,
        { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
        'during',
      );
      expect(during.error).toBeNull();
      // Finding a match needs Redis: refused, with an error, not a hang.
      await expect(
        new Client(other.base).joinById(host.roomId, {
          nickname: 'Ana',
          code: codeOf(host.roomId),
        }),
      ).rejects.toThrow();

      redis = await startRedis({ port: redis.port });
      // Within a few seconds every process has put back its claims, listings and codes.
      let back: Inbox | null = null;
      const restartedAt = Date.now();
      while (!back && Date.now() - restartedAt < 15_000) {
        try {
          back = new Inbox(
            await new Client(other.base).joinById(host.roomId, {
              nickname: 'Ana',
              code: codeOf(host.roomId),
            }),
          );
        } catch {
          await new Promise((resolve) => setTimeout(resolve, 250));
        }
      }
      expect(back, 'the match was not found again after Redis came back').not.toBeNull();
      inboxes.push(back!);
      // It is still the room on the holder: nobody took it over.
      expect(processOf(back!)).toBe(portOf(holder));
      expect(await (await fetch(`${other.base}/api/join/${host.code}`)).json()).toEqual({
        roomId: host.roomId,
        code: host.code,
      });
      await new Promise((resolve) => setTimeout(resolve, 3000));
      expect(a.output() + b.output()).not.toContain(`Took over match ${host.roomId}`);
      // Everyone was done: the phase moved on meanwhile. Play goes on in it.
      const now = lastView(host.inbox)!;
      expect(now.phase).toBe('diplomacy');
      const after = await command(
        host.inbox,
        token,
        { kind: 'done', seat: 'china', round: now.round, phase: now.phase, done: true },
        'after',
      );
      expect(after.error).toBeNull();
      expect(after.ack!.step).toBeGreaterThan(during.ack!.step);
    }, 90_000);
  },
);
