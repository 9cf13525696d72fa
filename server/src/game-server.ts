import { createServer, type Server as HttpServer } from 'node:http';
import { Server } from '@colyseus/core';
import { WebSocketTransport } from '@colyseus/ws-transport';
import { MATCH_ROOM } from '@entanglement/shared';
import { createApp } from './app.ts';
import { boundPort } from './listen.ts';
import { joinCodes } from './rooms/join-codes.ts';
import { type MatchLog, MatchRoom } from './rooms/match-room.ts';

/** The largest WebSocket frame a client may send; a bigger one closes its connection (1009). */
export const MAX_PAYLOAD_BYTES = 4 * 1024;

export interface GameServerOptions {
  port: number;
  host: string;
  clientDist: string;
  /** Where matches append their command logs; without one they live in memory only. */
  store?: MatchLog;
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

/** The match room class with a store. */
function matchRoomWith(log: MatchLog): typeof MatchRoom {
  return class StoredMatchRoom extends MatchRoom {
    protected override store: MatchLog | null = log;
  };
}
