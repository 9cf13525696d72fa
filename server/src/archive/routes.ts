import {
  API_ROUTES,
  type CreatedMatch,
  MAX_OWN_MATCHES,
  type OWN_ROLES,
} from '@entanglement/shared';
import { type Request, type Response, Router } from 'express';
import { nanoid } from 'nanoid';
import { cutAfterAnswer, readBody } from '../doors/body.ts';
import type { Limits } from '../doors/limits.ts';
import { mount } from '../http/mount.ts';
import type { ForkLaunch } from '../rooms/fork-setup.ts';
import { SqliteMatchStore } from '../store/sqlite.ts';
import { hashToken } from '../store/tokens.ts';
import { type MatchStore, StoreError } from '../store/types.ts';
import { archiveCredential, archiveRole } from './access.ts';
import { type ArchiveRead, ArchiveReader } from './archive-reader.ts';
import { checkHost } from './auth.ts';
import type { ForkStart } from './fork-start.ts';
import { ImportRunner } from './import-runner.ts';
import { roundProblem } from './notes.ts';

/** What the replay routes need of the store. */
export type ReplayArchive = Pick<
  MatchStore,
  | 'getMatch'
  | 'getMatchFile'
  | 'importFinished'
  | 'addAnnotation'
  | 'listAnnotations'
  | 'deleteAnnotation'
  | 'listReflections'
  | 'listSeats'
  | 'listFinished'
  | 'setPublic'
  | 'setLabel'
  | 'setShareHash'
  | 'deleteFinished'
>;

type OwnRole = (typeof OWN_ROLES)[number];

/**
 * The replay and export routes, mounted under /api (docs/replays.md):
 * the match file (public chat, or all chat for the host), its tracks as CSV,
 * its debrief, importing a match file, and the host's annotations. What
 * readers are sent is built off the event loop and kept (ArchiveReader), and
 * imports are checked off it too (ImportRunner).
 */
export function archiveRouter(
  store: ReplayArchive,
  limits: Limits,
  forkMatch?: (launch: ForkLaunch) => Promise<CreatedMatch>,
): Router {
  const router = Router();
  const reader = new ArchiveReader(store, store instanceof SqliteMatchStore ? store.file : null);
  const notFound = (res: Response, id: string) =>
    res.status(404).json({
      error: `No finished match with the id "${id}" is open to you: a match is private to its host and players until the host shares its link or makes it public.`,
    });
  /** The finished match and how the request may read it; answered 404 when it may not. */
  const readable = async (id: string, req: Request, res: Response) => {
    const match = await store.getMatch(id);
    const role =
      match && match.finishedAt !== null
        ? await archiveRole(store, match, archiveCredential(req))
        : null;
    if (!match || role === null) {
      notFound(res, id);
      return null;
    }
    return { match, role };
  };
  /** The finished match if the request carries its host token; else answered (404, 401, 403). */
  const hosted = async (id: string, req: Request, res: Response) => {
    const match = await store.getMatch(id);
    if (!match || match.finishedAt === null) {
      notFound(res, id);
      return null;
    }
    const host = checkHost(req, match.hostTokenHash);
    if (!host.ok) {
      res.status(host.status).json({ error: host.error });
      return null;
    }
    return match;
  };

  const imports = new ImportRunner({
    commandsPerSeatPhase: limits.importCommandsPerSeatPhase,
    seconds: limits.importSeconds,
  });
  // The file is read here as bytes and parsed and replayed in a worker thread (import-runner.ts).
  mount(router, API_ROUTES.importMatch, async ({ req, res, send }) => {
    const read = await readBody(req, limits.importBytes, 'a match file');
    if (!read.ok) {
      if (read.status === 0) return void res.destroy();
      cutAfterAnswer(res);
      send(read.status, { error: read.error });
      return;
    }
    const check = await imports.check(read.bytes);
    if (!check.ok) {
      const { ok: _ok, status, ...body } = check;
      send(status, body);
      return;
    }
    try {
      await store.importFinished(check.match);
    } catch (err) {
      if (!(err instanceof StoreError && err.code === 'invalid')) throw err;
      send(400, { error: `This match file cannot be stored: ${err.message}` });
      return;
    }
    const id = check.match.record.id;
    for (const note of check.annotations) await store.addAnnotation(id, note);
    send(201, { id, hostToken: check.hostToken });
  });

  mount(router, API_ROUTES.matchFile, async ({ params, query, req, res, send }) => {
    const { id } = params;
    const chat = query.chat ?? 'public';
    const found = await readable(params.id, req, res);
    if (!found) return;
    const { match } = found;
    if (chat === 'all') {
      // Private channels are the players': only the match's host (the teacher) reads them.
      const host = checkHost(req, match.hostTokenHash);
      if (!host.ok) {
        send(host.status, { error: host.error });
        return;
      }
    }
    const file = await reader.read(id, 'file', chat);
    if (!file.ok) return void notFound(res, id);
    const [annotations, reflections] = await Promise.all([
      store.listAnnotations(id),
      store.listReflections(id),
    ]);
    // The file's JSON as built once, with what can change (notes, reflections) added at its end:
    // its bytes are written as they are (no copy, no ETag over megabytes).
    const more = Buffer.from(`,${JSON.stringify({ annotations, reflections }).slice(1)}`);
    sendBytes(res, 'application/json; charset=utf-8', file.bytes.subarray(0, -1), more);
  });

  /**
   * "What if?": a new live match from a moment of this finished one. The
   * worker replays the match the server holds (the client sends only the
   * moment and the changed decisions, checked by their schema and then by
   * the engine); the room opens a lobby with a new join code.
   */
  mount(router, API_ROUTES.forkMatch, async ({ params, body, req, res, send }) => {
    if (!forkMatch) {
      send(503, { error: 'This server does not create matches.' });
      return;
    }
    if (!(await readable(params.id, req, res))) return;
    const { timers, botLevel, reseed, entry, change } = body;
    const read = await reader.fork(params.id, {
      entry,
      reseed: reseed ? nanoid() : null,
      ...(change ? { change } : {}),
    });
    if (!read.ok) {
      if ('notFound' in read) return void notFound(res, params.id);
      if ('fork' in read) send(read.fork.status, { error: read.fork.error });
      else send(409, { error: read.replay.message });
      return;
    }
    const start = JSON.parse(Buffer.from(read.bytes).toString('utf8')) as ForkStart;
    send(201, await forkMatch({ start, timers, botLevel }));
  });

  mount(router, API_ROUTES.tracks, async ({ params, req, res }) => {
    const { id } = params;
    if (!(await readable(params.id, req, res))) return;
    const csv = await reader.read(id, 'csv');
    if (!derivedOk(csv, res, id)) return;
    res.attachment(`${id}-tracks.csv`);
    sendBytes(res, 'text/csv; charset=utf-8', csv.bytes);
  });

  mount(router, API_ROUTES.debrief, async ({ params, req, res }) => {
    const { id } = params;
    if (!(await readable(params.id, req, res))) return;
    const body = await reader.read(id, 'debrief');
    if (!derivedOk(body, res, id)) return;
    sendBytes(res, 'application/json; charset=utf-8', body.bytes);
  });

  mount(router, API_ROUTES.annotations, async ({ params, req, res, send }) => {
    const found = await readable(params.id, req, res);
    if (!found) return;
    send(200, { annotations: await store.listAnnotations(found.match.id) });
  });

  // ---- who may read a finished match (docs/security.md, "Archives") ----

  /** A browser's own matches: those its credentials (host tokens, passes, link keys) open. */
  mount(router, API_ROUTES.ownMatches, async ({ body, send }) => {
    const roles = new Map<string, OwnRole>();
    for (const { id, token } of body.credentials) {
      const match = await store.getMatch(id);
      if (!match || match.finishedAt === null) continue;
      const role = await archiveRole(store, match, token);
      // Public matches are in the public list; here only the browser's own.
      if (role !== null && role !== 'public' && roles.get(id) !== 'host') roles.set(id, role);
    }
    const page = await store.listFinished({
      limit: MAX_OWN_MATCHES,
      offset: 0,
      ids: [...roles.keys()],
      ...(body.label ? { label: body.label } : {}),
    });
    send(200, {
      total: page.total,
      matches: page.matches.map((m) => ({ ...m, role: roles.get(m.id) ?? 'link' })),
    });
  });

  /** The host makes a finished match public (listed and readable by anyone) or private again. */
  mount(router, API_ROUTES.visibility, async ({ params, body, req, res, send }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    await store.setPublic(match.id, body.public);
    send(200, { id: match.id, public: body.public });
  });

  /** The host labels a finished match (a class, a period); an empty label removes it. */
  mount(router, API_ROUTES.label, async ({ params, body, req, res, send }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    const label = body.label || null;
    await store.setLabel(match.id, label);
    send(200, { id: match.id, label });
  });

  /**
   * The host's share link: a new key each time (the previous link stops
   * working), kept as its hash; DELETE withdraws it.
   */
  mount(router, API_ROUTES.share, async ({ params, req, res, send }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    const key = nanoid();
    await store.setShareHash(match.id, hashToken(key));
    send(201, { key, path: `/replay/${encodeURIComponent(match.id)}?key=${key}` });
  });
  mount(router, API_ROUTES.unshare, async ({ params, req, res }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    await store.setShareHash(match.id, null);
    res.status(204).end();
  });

  /** The host deletes a finished match with its log, chat, notes and reflections. */
  mount(router, API_ROUTES.deleteMatch, async ({ params, req, res }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    await store.deleteFinished(match.id);
    reader.forget(match.id);
    res.status(204).end();
  });

  mount(router, API_ROUTES.addAnnotation, async ({ params, body, req, res, send }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    // The schema bounds the round by the longest match; this match's own rounds bound it here.
    const wrongRound = roundProblem(body.round, match.rounds ?? 0);
    if (wrongRound) {
      send(400, { error: wrongRound });
      return;
    }
    const saved = await store.addAnnotation(match.id, { ...body, at: Date.now() });
    send(201, saved);
  });

  mount(router, API_ROUTES.deleteAnnotation, async ({ params, req, res, send }) => {
    const match = await hosted(params.id, req, res);
    if (!match) return;
    if (!(await store.deleteAnnotation(match.id, params.note))) {
      send(404, { error: `Match ${match.id} has no annotation ${params.note}.` });
      return;
    }
    res.status(204).end();
  });

  return router;
}

/** Answers 200 with `parts` as the body, written as they are. */
function sendBytes(res: Response, type: string, ...parts: Uint8Array[]): void {
  res.setHeader('Content-Type', type);
  res.setHeader(
    'Content-Length',
    parts.reduce((n, p) => n + p.length, 0),
  );
  for (const part of parts.slice(0, -1)) res.write(part);
  res.end(parts.at(-1));
}

/**
 * Whether a derived document was built; else the refusal is answered: no
 * such match (404), or a stored match whose rules version this server no
 * longer runs (409, the ReplayError).
 */
function derivedOk(
  read: ArchiveRead,
  res: Response,
  id: string,
): read is Extract<ArchiveRead, { ok: true }> {
  if (read.ok) return true;
  if ('notFound' in read) res.status(404).json({ error: `No finished match has the id "${id}".` });
  else if ('fork' in read) res.status(read.fork.status).json({ error: read.fork.error });
  else
    res
      .status(409)
      .json({ error: read.replay.message, code: read.replay.code, at: read.replay.at });
  return false;
}
