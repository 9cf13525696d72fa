import { type Request, type Response, Router } from 'express';
import { nanoid } from 'nanoid';
import { cutAfterAnswer, jsonBody, readBody } from '../doors/body.ts';
import { API_BODY_BYTES } from '../doors/gate.ts';
import type { Limits } from '../doors/limits.ts';
import { SqliteMatchStore } from '../store/sqlite.ts';
import { hashToken } from '../store/tokens.ts';
import { type MatchStore, StoreError } from '../store/types.ts';
import { type ArchiveRole, archiveCredential, archiveRole } from './access.ts';
import { type ArchiveRead, ArchiveReader } from './archive-reader.ts';
import { checkHost } from './auth.ts';
import { ImportRunner } from './import-runner.ts';
import { noteOf } from './notes.ts';

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
  | 'setShareHash'
  | 'deleteFinished'
>;

/** How many matches a browser may ask about at once (POST /api/matches/mine). */
export const MAX_OWN_MATCHES = 200;

/**
 * The replay and export routes, mounted under /api (docs/replays.md):
 * the match file (public chat, or all chat for the host), its tracks as CSV,
 * its debrief, importing a match file, and the host's annotations. What
 * readers are sent is built off the event loop and kept (ArchiveReader), and
 * imports are checked off it too (ImportRunner).
 */
export function archiveRouter(store: ReplayArchive, limits: Limits): Router {
  const router = Router();
  const reader = new ArchiveReader(store, store instanceof SqliteMatchStore ? store.file : null);
  const notFound = (res: Response, id: string) =>
    res.status(404).json({
      error: `No finished match with the id "${id}" is open to you: a match is private to its host and players until the host shares its link or makes it public.`,
    });
  /** The finished match and how the request may read it; answered 404 when it may not. */
  const readable = async (req: Request<{ id: string }>, res: Response) => {
    const match = await store.getMatch(req.params.id);
    const role =
      match && match.finishedAt !== null
        ? await archiveRole(store, match, archiveCredential(req))
        : null;
    if (!match || role === null) {
      notFound(res, req.params.id);
      return null;
    }
    return { match, role };
  };
  /** The finished match if the request carries its host token; else answered (404, 401, 403). */
  const hosted = async (req: Request<{ id: string }>, res: Response) => {
    const match = await store.getMatch(req.params.id);
    if (!match || match.finishedAt === null) {
      notFound(res, req.params.id);
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
  router.post('/matches/import', async (req, res) => {
    const read = await readBody(req, limits.importBytes, 'a match file');
    if (!read.ok) {
      if (read.status === 0) return void res.destroy();
      cutAfterAnswer(res);
      res.status(read.status).json({ error: read.error });
      return;
    }
    const check = await imports.check(read.bytes);
    if (!check.ok) {
      const { ok: _ok, status, ...body } = check;
      res.status(status).json(body);
      return;
    }
    try {
      await store.importFinished(check.match);
    } catch (err) {
      if (!(err instanceof StoreError && err.code === 'invalid')) throw err;
      res.status(400).json({ error: `This match file cannot be stored: ${err.message}` });
      return;
    }
    const id = check.match.record.id;
    for (const note of check.annotations) await store.addAnnotation(id, note);
    res.status(201).json({ id, hostToken: check.hostToken });
  });

  router.get('/matches/:id', async (req, res) => {
    const id = req.params.id;
    const chat = req.query.chat ?? 'public';
    if (chat !== 'public' && chat !== 'all') {
      res.status(400).json({ error: 'chat must be "public" or "all".' });
      return;
    }
    const found = await readable(req, res);
    if (!found) return;
    const { match } = found;
    if (chat === 'all') {
      // Private channels are the players': only the match's host (the teacher) reads them.
      const host = checkHost(req, match.hostTokenHash);
      if (!host.ok) {
        res.status(host.status).json({ error: host.error });
        return;
      }
    }
    const file = await reader.read(id, 'file', chat);
    if (!file.ok) return notFound(res, id);
    const [annotations, reflections] = await Promise.all([
      store.listAnnotations(id),
      store.listReflections(id),
    ]);
    // The file's JSON as built once, with what can change (notes, reflections) added at its end:
    // its bytes are written as they are (no copy, no ETag over megabytes).
    const more = Buffer.from(`,${JSON.stringify({ annotations, reflections }).slice(1)}`);
    sendBytes(res, 'application/json; charset=utf-8', file.bytes.subarray(0, -1), more);
  });

  router.get('/matches/:id/tracks.csv', async (req, res) => {
    const id = req.params.id;
    if (!(await readable(req, res))) return;
    const csv = await reader.read(id, 'csv');
    if (!derivedOk(csv, res, id)) return;
    res.attachment(`${id}-tracks.csv`);
    sendBytes(res, 'text/csv; charset=utf-8', csv.bytes);
  });

  router.get('/matches/:id/debrief', async (req, res) => {
    const id = req.params.id;
    if (!(await readable(req, res))) return;
    const body = await reader.read(id, 'debrief');
    if (!derivedOk(body, res, id)) return;
    sendBytes(res, 'application/json; charset=utf-8', body.bytes);
  });

  router.get('/matches/:id/annotations', async (req, res) => {
    const found = await readable(req, res);
    if (!found) return;
    res.json({ annotations: await store.listAnnotations(found.match.id) });
  });

  // ---- who may read a finished match (docs/security.md, "Archives") ----

  /** A browser's own matches: those its credentials (host tokens, passes, link keys) open. */
  router.post('/matches/mine', jsonBody(API_BODY_BYTES, 'this request'), async (req, res) => {
    const list = (req.body as { credentials?: unknown } | undefined)?.credentials;
    const valid =
      Array.isArray(list) &&
      list.length <= MAX_OWN_MATCHES &&
      list.every(
        (c) =>
          typeof c === 'object' &&
          c !== null &&
          typeof c.id === 'string' &&
          c.id.length <= 40 &&
          typeof c.token === 'string' &&
          c.token.length <= 64,
      );
    if (!valid) {
      res.status(400).json({
        error: `credentials must be a list of at most ${MAX_OWN_MATCHES} { id, token } pairs.`,
      });
      return;
    }
    const roles = new Map<string, ArchiveRole>();
    for (const { id, token } of list as { id: string; token: string }[]) {
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
    });
    res.json({
      total: page.total,
      matches: page.matches.map((m) => ({ ...m, role: roles.get(m.id) })),
    });
  });

  /** The host makes a finished match public (listed and readable by anyone) or private again. */
  router.post(
    '/matches/:id/visibility',
    jsonBody<{ id: string }>(API_BODY_BYTES, 'this request'),
    async (req, res) => {
      const isPublic = (req.body as { public?: unknown } | undefined)?.public;
      if (typeof isPublic !== 'boolean') {
        res.status(400).json({ error: 'public must be true or false.' });
        return;
      }
      const match = await hosted(req, res);
      if (!match) return;
      await store.setPublic(match.id, isPublic);
      res.json({ id: match.id, public: isPublic });
    },
  );

  /**
   * The host's share link: a new key each time (the previous link stops
   * working), kept as its hash; DELETE withdraws it.
   */
  router.post('/matches/:id/share', async (req, res) => {
    const match = await hosted(req, res);
    if (!match) return;
    const key = nanoid();
    await store.setShareHash(match.id, hashToken(key));
    res.status(201).json({ key, path: `/replay/${encodeURIComponent(match.id)}?key=${key}` });
  });
  router.delete('/matches/:id/share', async (req, res) => {
    const match = await hosted(req, res);
    if (!match) return;
    await store.setShareHash(match.id, null);
    res.status(204).end();
  });

  /** The host deletes a finished match with its log, chat, notes and reflections. */
  router.delete('/matches/:id', async (req, res) => {
    const match = await hosted(req, res);
    if (!match) return;
    await store.deleteFinished(match.id);
    reader.forget(match.id);
    res.status(204).end();
  });

  router.post(
    '/matches/:id/annotations',
    jsonBody<{ id: string }>(API_BODY_BYTES, 'this request'),
    async (req, res) => {
      const match = await store.getMatch(req.params.id);
      if (!match || match.finishedAt === null) return notFound(res, req.params.id);
      const host = checkHost(req, match.hostTokenHash);
      if (!host.ok) {
        res.status(host.status).json({ error: host.error });
        return;
      }
      const note = noteOf(req.body, match.rounds ?? 0);
      if (typeof note === 'string') {
        res.status(400).json({ error: note });
        return;
      }
      const saved = await store.addAnnotation(match.id, { ...note, at: Date.now() });
      res.status(201).json(saved);
    },
  );

  router.delete('/matches/:id/annotations/:note', async (req, res) => {
    const match = await store.getMatch(req.params.id);
    if (!match || match.finishedAt === null) return notFound(res, req.params.id);
    const host = checkHost(req, match.hostTokenHash);
    if (!host.ok) {
      res.status(host.status).json({ error: host.error });
      return;
    }
    const note = Number(req.params.note);
    if (!(await store.deleteAnnotation(match.id, note))) {
      res.status(404).json({ error: `Match ${match.id} has no annotation ${req.params.note}.` });
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
  else
    res
      .status(409)
      .json({ error: read.replay.message, code: read.replay.code, at: read.replay.at });
  return false;
}
