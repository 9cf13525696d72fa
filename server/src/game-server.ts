import { createServer, type Server as HttpServer } from 'node:http';
import { matchMaker, Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MATCH_ROOM } from '@entanglement/shared';
import type { Archive } from './api.ts';
import { createApp } from './app.ts';
import { boundPort } from './listen.ts';
import { joinCodes } from './rooms/join-codes.ts';
import { type MatchLog, MatchRoom } from './rooms/match-room.ts';
import { loadPlans, offerRestore, type Restorable } from './rooms/restore.ts';

/** The largest WebSocket frame a client may send; a bigger one closes its connection (1009). */
export const MAX_PAYLOAD_BYTES = 4 * 1024;

export interface GameServerOptions {
  port: number;
  host: string;
  clientDist: string;
  /**
   * Where matches append their command logs, seats and results, and where
   * GET /api/matches reads the archive; without one matches live in memory only.
   */
  store?: MatchLog & Archive & Partial<Restorable>;
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
  const app = createApp({
    clientDist: options.clientDist,
    findMatch: (code) => joinCodes.lookup(code),
    archive: options.store ?? null,
  });
  const http = createServer(app);
  const transport = new WebSocketTransport({ server: http, maxPayload: MAX_PAYLOAD_BYTES });
  const colyseus = new Server({ transport, greet: false, gracefullyShutdown: false });
  colyseus.define(MATCH_ROOM, options.store ? matchRoomWith(options.store) : MatchRoom);

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    colyseus.listen(options.port, options.host).then(() => {
      http.off('error', reject);
      resolve();
    }, reject);
  });

  if (options.store) await restoreLive(options.store);

  let stopping: Promise<void> | null = null;
  const stop = () => {
    stopping ??= (async () => {
      await colyseus.gracefullyShutdown(false);
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
async function restoreLive(store: Partial<Restorable>): Promise<void> {
  const { listLive, loadLog, listSeats, loadClock } = store;
  if (!listLive || !loadLog || !listSeats || !loadClock) return;
  const plans = await loadPlans(store as Restorable);
  for (const plan of plans) {
    try {
      await matchMaker.createRoom(MATCH_ROOM, offerRestore(plan));
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      console.error(`Match ${plan.record.id} could not be restored: ${reason}`);
    }
  }
}

/** The match room class with a store. */
function matchRoomWith(log: MatchLog): typeof MatchRoom {
  return class StoredMatchRoom extends MatchRoom {
    protected override store: MatchLog | null = log;
  };
}
