import { ServerError } from '@colyseus/core';
import {
  API_ROUTES,
  type CreatedMatch,
  DEFAULT_PAGE,
  type LiveStanding,
} from '@entanglement/shared';
import { type ErrorRequestHandler, Router } from 'express';
import { archiveRouter, type ReplayArchive } from './archive/routes.ts';
import { requestLog } from './doors/gate.ts';
import type { Limits } from './doors/limits.ts';
import { docsRoutes } from './http/docs-routes.ts';
import { mount } from './http/mount.ts';
import { isLoopback } from './lan-addresses.ts';
import { type NotifyRoutesOptions, notifyRoutes } from './notify/routes.ts';
import type { ForkLaunch } from './rooms/fork-setup.ts';
import { normaliseCode } from './rooms/join-codes.ts';
import { listScenarios } from './scenarios.ts';
import type { MatchStore } from './store/types.ts';

/**
 * What the API reads of the store: the archive of finished matches; with the
 * rest of a full store, also replays, exports, imports and annotations.
 */
export type Archive = Pick<MatchStore, 'listFinished' | 'getMatchFile'> & Partial<ReplayArchive>;

const REPLAY_METHODS = [
  'getMatch',
  'importFinished',
  'addAnnotation',
  'listAnnotations',
  'deleteAnnotation',
  'listReflections',
  'listSeats',
  'setPublic',
  'setLabel',
  'setShareHash',
  'deleteFinished',
] as const;

function replayArchive(archive: Archive | null | undefined): ReplayArchive | null {
  if (!archive) return null;
  return REPLAY_METHODS.every((m) => typeof archive[m] === 'function')
    ? (archive as ReplayArchive)
    : null;
}

export interface ApiOptions {
  /** The room id of the live match with this join code, or null. */
  findMatch: (code: string) => Promise<string | null>;
  /** The archive behind /api/matches; without one the archive is empty. */
  archive?: Archive | null;
  limits: Limits;
  /** Creates a match from the creator's options (POST /api/matches); none: matches cannot be created. */
  createMatch?: (options: unknown) => Promise<CreatedMatch>;
  /** Opens the lobby of a fork the archive computed (POST /api/matches/:id/fork); none: refused. */
  forkMatch?: (launch: ForkLaunch) => Promise<CreatedMatch>;
  /** The addresses other devices on the network reach this server at (GET /api/address). */
  reachableAddresses?: () => string[];
  /** Where the live match `id` stands for the holder of `token`, or null (POST /api/matches/live). */
  liveStanding?: (id: string, token: string) => Promise<LiveStanding | null>;
  /** Notifications' opt-in and opt-out (/api/notifications); null: this server sends none. */
  notify?: NotifyRoutesOptions | null;
}

const DAY_MS = 24 * 3600 * 1000;

/**
 * The JSON API, mounted at /api. Each route is one entry of API_ROUTES
 * (shared/src/http/routes.ts), mounted with `mount`: its inputs are checked
 * against the entry's schemas before its handler runs, and the OpenAPI
 * document at /api/openapi.json lists it. A new route is a new entry there
 * and a `mount` here.
 */
export function apiRouter(options: ApiOptions): Router {
  const api = Router();

  mount(api, API_ROUTES.health, ({ send }) => send(200, { ok: true, name: 'entanglement' }));
  api.use(docsRoutes());

  mount(api, API_ROUTES.scenarios, ({ send }) => send(200, listScenarios()));

  // A page opened on localhost cannot show students "localhost": it asks where else the server
  // is reachable. Only a browser on this very machine is told the machine's network addresses.
  mount(api, API_ROUTES.address, ({ req, send }) => {
    const local = isLoopback(req.socket.remoteAddress);
    send(200, { addresses: local ? (options.reachableAddresses?.() ?? []) : [] });
  });

  mount(api, API_ROUTES.join, async ({ params, send }) => {
    const roomId = await options.findMatch(params.code);
    if (roomId === null) {
      send(404, { error: `No match is open with the code "${params.code}".` });
      return;
    }
    send(200, { roomId, code: normaliseCode(params.code) });
  });

  // The host credential is the answer to this request, and to no one else (docs/security.md).
  mount(
    api,
    API_ROUTES.createMatch,
    async ({ body, send }) => {
      if (!options.createMatch) {
        send(503, { error: 'This server does not create matches.' });
        return;
      }
      try {
        send(201, await options.createMatch(body));
      } catch (error) {
        // A refused option (the room's ServerError) is the creator's to fix; anything else is ours.
        if (!(error instanceof ServerError)) throw error;
        send(400, { error: error.message });
      }
    },
    { refusedAs: 'Cannot create the match: ' },
  );

  // "My matches": each credential asks its own room; one that opens nothing adds nothing.
  mount(api, API_ROUTES.liveMatches, async ({ body, send }) => {
    const ask = options.liveStanding;
    const answers = ask
      ? await Promise.all(body.credentials.map(({ id, token }) => ask(id, token)))
      : [];
    // A host who also plays holds both: one entry, as the host, with the seat the pass holds.
    const byId = new Map<string, LiveStanding>();
    for (const a of answers) {
      if (a === null) continue;
      const had = byId.get(a.id);
      if (!had) byId.set(a.id, a);
      else
        byId.set(a.id, {
          ...(a.role === 'host' ? a : had),
          role: 'host',
          seat: had.seat ?? a.seat,
          waitingOnMe: had.waitingOnMe || a.waitingOnMe,
        });
    }
    send(200, { matches: [...byId.values()] });
  });

  // Opting in to notifications, and out (docs/server.md, "Notifications").
  api.use(notifyRoutes(options.notify ?? null));

  mount(api, API_ROUTES.listMatches, async ({ query, send }) => {
    const { limit = DEFAULT_PAGE, offset = 0, scenario, from, to } = query;
    // An empty label (spaces only) is no filter.
    const label = query.label || undefined;
    if (!options.archive) {
      send(200, { total: 0, limit, offset, matches: [] });
      return;
    }
    const page = await options.archive.listFinished({
      limit,
      offset,
      scenario,
      label,
      // The public archive: a match is private to its host and players until its host makes it public.
      publicOnly: true,
      from,
      // `to` names the last day included.
      to: to === undefined ? undefined : to + DAY_MS,
    });
    send(200, { total: page.total, limit, offset, matches: page.matches });
  });

  // Replays, exports, imports and annotations (docs/replays.md); it answers GET /matches/:id first.
  const replays = replayArchive(options.archive);
  if (replays) api.use(archiveRouter(replays, options.limits, options.forkMatch));

  // Without the replay routes nobody's access can be checked: no finished match is served.
  mount(api, API_ROUTES.matchFile, ({ params, send }) => {
    send(404, { error: `No finished match has the id "${params.id}".` });
  });

  api.use((req, res) => {
    res.status(404).json({ error: `No API route for ${req.method} ${req.originalUrl}` });
  });

  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    // The server's own failure (a refusal is answered before it gets here): logged with its stack.
    requestLog(req).error({ err, method: req.method, url: req.originalUrl }, 'request failed');
    res.status(500).json({ error: 'The server failed to answer this request; see its log.' });
  };
  api.use(onError);

  return api;
}
