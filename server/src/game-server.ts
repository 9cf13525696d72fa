import { createServer, type Server as HttpServer } from 'node:http';
import { matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MATCH_ROOM } from '@entanglement/shared';
import type { Archive } from './api.ts';
import { createApp } from './app.ts';
import { connectCluster } from './cluster/cluster.ts';
import { FailoverWatch } from './cluster/failover.ts';
import { guardDoors } from './doors/gate.ts';
import { DEFAULT_LIMITS, type Limits } from './doors/limits.ts';
import { RateLimits } from './doors/rate-limits.ts';
import { reachableAddresses } from './lan-addresses.ts';
import { boundPort } from './listen.ts';
import { colyseusLogger, reasonOf, roomLog } from './log.ts';
import { NoticeOutbox, type NotifyOptions } from './notify/notice-outbox.ts';
import { createMatchRoom, liveStanding } from './rooms/creation.ts';
import { type JoinCodeRegistry, joinCodes } from './rooms/join-codes.ts';
import { type MatchLog, MatchRoom, type RoomLimits } from './rooms/match-room.ts';
import { loadPlans, offerRestore, type Restorable } from './rooms/restore.ts';
import type { NoticeTargetStore } from './store/types.ts';

/** The largest WebSocket frame a client may send; a bigger one closes its connection (1009). */
const MAX_PAYLOAD_BYTES = 4 * 1024;

export interface GameServerOptions {
  port: number;
  host: string;
  clientDist: string;
  /**
   * Where matches append their command logs, seats and results, and where
   * GET /api/matches reads the archive; without one matches live in memory only.
   */
  store?: MatchLog & Archive & Partial<Restorable> & Partial<NoticeTargetStore>;
  /**
   * REDIS_URL: share matchmaking, join codes and failover with other
   * processes (docs/deploy.md). Without it the process stands alone.
   */
  redisUrl?: string;
  /**
   * PUBLIC_ADDRESS: where clients reach this very process (host[:port][/path]),
   * sent to them in seat reservations when several processes serve matches.
   */
  publicAddress?: string;
  /** The limits on every door (docs/security.md, "Limits"); the defaults when left out. */
  limits?: Limits;
  /** Web Push and e-mail notifications (docs/server.md, "Notifications"); none: not offered. */
  notify?: NotifyOptions;
  /** The server's time for the match rooms' phase deadlines: `Date.now` unless a test injects a fake clock. */
  now?: () => number;
}

export interface RunningServer {
  http: HttpServer;
  colyseus: Server;
  /** The bound port (the real one when asked for port 0). */
  port: number;
  /** Disposes every room, closes sockets and the HTTP server. */
  stop(): Promise<void>;
}

/**
 * One process, one port: the Express app (API and client) and the Colyseus
 * WebSocket endpoint share an HTTP server. Colyseus's matchmaking routes
 * (`/matchmake/…`) are answered first; everything else goes to Express.
 * Colyseus's matchmaker is per process: start one of these per process.
 */
export async function startGameServer(options: GameServerOptions): Promise<RunningServer> {
  const limits = options.limits ?? DEFAULT_LIMITS;
  const cluster = options.redisUrl ? await connectCluster(options.redisUrl) : null;
  const codes: JoinCodeRegistry = cluster?.codes ?? joinCodes;
  const targets = options.store && noticeTargets(options.store);
  const outbox = targets && options.notify ? new NoticeOutbox(targets, options.notify) : null;
  const app = createApp({
    clientDist: options.clientDist,
    findMatch: (code) => codes.lookup(code),
    archive: options.store ?? null,
    limits,
    createMatch: (creation) => createMatchRoom(creation),
    forkMatch: (launch) => createMatchRoom(undefined, launch),
    reachableAddresses: () => reachableAddresses(options.host),
    liveStanding,
    notify: outbox && targets ? { outbox, store: targets, standing: liveStanding } : null,
  });
  const http = createServer(app);
  const transport = new WebSocketTransport({ server: http, maxPayload: MAX_PAYLOAD_BYTES });
  const colyseus = new Server({
    transport,
    greet: false,
    gracefullyShutdown: false,
    // Colyseus's own lines (errors in rooms and transports) in the server's log.
    logger: colyseusLogger(),
    ...(cluster && {
      presence: cluster.presence,
      driver: cluster.driver,
      publicAddress: options.publicAddress,
    }),
  });
  colyseus.define(
    MATCH_ROOM,
    matchRoomWith(
      options.store ?? null,
      codes,
      {
        seatReservationSeconds: limits.seatReservationSeconds,
        idleMatchMs: limits.idleMatchMs,
      },
      outbox,
      options.now ?? Date.now,
    ),
  );

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    colyseus.listen(options.port, options.host).then(() => {
      http.off('error', reject);
      // Colyseus has bound its matchmaking routes: the gate goes in front of them and of Express.
      guardDoors(http, limits, new RateLimits(limits.rates, cluster?.redis ?? null), (code) =>
        codes.lookup(code),
      );
      resolve();
    }, reject);
  });

  // Alone, a process brings back every live match it stored; in a cluster, only
  // the matches no live process holds, whoever stored them.
  const failover =
    cluster && options.store && isRestorable(options.store)
      ? new FailoverWatch(cluster, options.store)
      : null;
  if (failover) failover.start();
  else if (options.store) await restoreLive(options.store);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await failover?.stop();
      await colyseus.gracefullyShutdown(false);
      await outbox?.close();
      await cluster?.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) =>
        http.listening ? http.close(() => resolve()) : resolve(),
      );
    })();
    return stopping;
  };
  return { http, colyseus, port: boundPort(http), stop };
}

/**
 * Brings back every live match in the store (a restart): each is rebuilt from
 * its record, log, seats and clock. A match that cannot be rebuilt is logged
 * and left in the store as it is; the others still start.
 */
function isRestorable(store: Partial<Restorable>): store is Restorable {
  return Boolean(store.listLive && store.loadLog && store.listSeats && store.loadClock);
}

async function restoreLive(store: Partial<Restorable>): Promise<void> {
  if (!isRestorable(store)) return;
  const plans = await loadPlans(store);
  for (const plan of plans) {
    try {
      await matchMaker.createRoom(MATCH_ROOM, offerRestore(plan));
    } catch (error) {
      roomLog(plan.record.id).error(
        `Match ${plan.record.id} could not be restored: ${reasonOf(error)}`,
      );
    }
  }
}

/** The store's notice targets, if it keeps them (a full store does). */
function noticeTargets(store: Partial<NoticeTargetStore>): NoticeTargetStore | null {
  const { addNoticeTarget, listNoticeTargets, removeNoticeTargets } = store;
  return addNoticeTarget && listNoticeTargets && removeNoticeTargets
    ? (store as NoticeTargetStore)
    : null;
}

/** The match room class with this server's store, join codes, limits and notifications. */
function matchRoomWith(
  log: MatchLog | null,
  registry: JoinCodeRegistry,
  roomLimits: RoomLimits,
  outbox: NoticeOutbox | null,
  serverNow: () => number,
): typeof MatchRoom {
  return class ConfiguredMatchRoom extends MatchRoom {
    protected override store: MatchLog | null = log;
    protected override codes: JoinCodeRegistry = registry;
    protected override limits: RoomLimits = roomLimits;
    protected override outbox: NoticeOutbox | null = outbox;
    protected override now: () => number = serverNow;
  };
}
