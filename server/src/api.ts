import { ServerError } from '@colyseus/core';
import type { CreatedMatch } from '@entanglement/shared';
import { type ErrorRequestHandler, Router } from 'express';
import { archiveRouter, type ReplayArchive } from './archive/routes.ts';
import { jsonBody } from './doors/body.ts';
import { API_BODY_BYTES, requestLog } from './doors/gate.ts';
import type { Limits } from './doors/limits.ts';
import { isLoopback } from './lan-addresses.ts';
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
  /** The addresses other devices on the network reach this server at (GET /api/address). */
  reachableAddresses?: () => string[];
}

/** Page size of GET /api/matches when `limit` is not given, and the largest allowed. */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;

const DAY_MS = 24 * 3600 * 1000;

/** A day from the query string (YYYY-MM-DD, UTC) as ms since the epoch; undefined when absent, null when malformed. */
function queryDay(raw: unknown): number | undefined | null {
  if (raw === undefined) return undefined;
  if (typeof raw !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(raw)) return null;
  const ms = Date.parse(`${raw}T00:00:00Z`);
  return Number.isNaN(ms) ? null : ms;
}

/** A whole number from the query string, the default when absent, or null when malformed. */
function queryInt(raw: unknown, fallback: number, min: number, max: number): number | null {
  if (raw === undefined) return fallback;
  if (typeof raw !== 'string' || !/^\d+$/.test(raw)) return null;
  const value = Number(raw);
  return value >= min && value <= max ? value : null;
}

/** The JSON API, mounted at /api. */
export function apiRouter(options: ApiOptions): Router {
  const api = Router();

  api.get('/health', (_req, res) => {
    res.json({ ok: true, name: 'entanglement' });
  });

  api.get('/scenarios', (_req, res) => {
    res.json(listScenarios());
  });

  // A page opened on localhost cannot show students "localhost": it asks where else the server
  // is reachable. Only a browser on this very machine is told the machine's network addresses.
  api.get('/address', (req, res) => {
    const local = isLoopback(req.socket.remoteAddress);
    res.json({ addresses: local ? (options.reachableAddresses?.() ?? []) : [] });
  });

  api.get('/join/:code', async (req, res) => {
    const roomId = await options.findMatch(req.params.code);
    if (roomId === null) {
      res.status(404).json({ error: `No match is open with the code "${req.params.code}".` });
      return;
    }
    res.json({ roomId, code: normaliseCode(req.params.code) });
  });

  // The host credential is the answer to this request, and to no one else (docs/security.md).
  api.post('/matches', jsonBody(API_BODY_BYTES, 'this request'), async (req, res) => {
    if (!options.createMatch) {
      res.status(503).json({ error: 'This server does not create matches.' });
      return;
    }
    try {
      res.status(201).json(await options.createMatch(req.body));
    } catch (error) {
      // A refused option (the room's ServerError) is the creator's to fix; anything else is ours.
      if (!(error instanceof ServerError)) throw error;
      res.status(400).json({ error: error.message });
    }
  });

  api.get('/matches', async (req, res) => {
    const limit = queryInt(req.query.limit, DEFAULT_PAGE, 1, MAX_PAGE);
    if (limit === null) {
      res.status(400).json({ error: `limit must be a whole number from 1 to ${MAX_PAGE}.` });
      return;
    }
    const offset = queryInt(req.query.offset, 0, 0, Number.MAX_SAFE_INTEGER);
    if (offset === null) {
      res.status(400).json({ error: 'offset must be a whole number, 0 or more.' });
      return;
    }
    const scenario = req.query.scenario;
    if (scenario !== undefined && (typeof scenario !== 'string' || scenario === '')) {
      res.status(400).json({ error: 'scenario must be one scenario id.' });
      return;
    }
    const from = queryDay(req.query.from);
    const to = queryDay(req.query.to);
    if (from === null || to === null) {
      res.status(400).json({ error: 'from and to must be dates written YYYY-MM-DD.' });
      return;
    }
    if (!options.archive) {
      res.json({ total: 0, limit, offset, matches: [] });
      return;
    }
    const page = await options.archive.listFinished({
      limit,
      offset,
      scenario,
      // The public archive: a match is private to its host and players until its host makes it public.
      publicOnly: true,
      from,
      // `to` names the last day included.
      to: to === undefined ? undefined : to + DAY_MS,
    });
    res.json({ total: page.total, limit, offset, matches: page.matches });
  });

  // Replays, exports, imports and annotations (docs/replays.md); it answers GET /matches/:id first.
  const replays = replayArchive(options.archive);
  if (replays) api.use(archiveRouter(replays, options.limits));

  // Without the replay routes nobody's access can be checked: no finished match is served.
  api.get('/matches/:id', async (req, res) => {
    res.status(404).json({ error: `No finished match has the id "${req.params.id}".` });
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
