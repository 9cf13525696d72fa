import {
  debrief,
  openReplay,
  PHASES,
  type Phase,
  ReplayError,
  trackSeries,
  tracksCsv,
} from '@entanglement/shared';
import { type Response, Router } from 'express';
import { jsonBody } from '../doors/body.ts';
import { API_BODY_BYTES } from '../doors/gate.ts';
import type { Limits } from '../doors/limits.ts';
import { MAX_NOTE_LENGTH, type MatchFile, type MatchStore, StoreError } from '../store/types.ts';
import { checkHost } from './auth.ts';
import { checkImport } from './import.ts';

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
>;

/** How many finished matches' derived documents (CSV, debrief) are kept in memory. */
const CACHE_SIZE = 32;

/**
 * The replay and export routes, mounted under /api (docs/replays.md):
 * the match file (public chat, or all chat for the host), its tracks as CSV,
 * its debrief, importing a match file, and the host's annotations.
 * A finished match never changes, so what is derived from it is cached.
 */
export function archiveRouter(store: ReplayArchive, limits: Limits): Router {
  const router = Router();
  const derived = new Map<string, { csv?: string; debrief?: unknown }>();
  const cached = (id: string) => {
    let hit = derived.get(id);
    if (!hit) {
      hit = {};
      derived.set(id, hit);
      if (derived.size > CACHE_SIZE) derived.delete(derived.keys().next().value!);
    }
    return hit;
  };
  const notFound = (res: Response, id: string) =>
    res.status(404).json({ error: `No finished match has the id "${id}".` });

  router.post(
    '/matches/import',
    jsonBody<Record<string, never>>(limits.importBytes, 'a match file'),
    async (req, res) => {
      const check = checkImport(req.body);
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
      res.status(201).json({ id: check.match.record.id, hostToken: check.hostToken });
    },
  );

  router.get('/matches/:id', async (req, res) => {
    const id = req.params.id;
    const chat = req.query.chat ?? 'public';
    if (chat !== 'public' && chat !== 'all') {
      res.status(400).json({ error: 'chat must be "public" or "all".' });
      return;
    }
    const match = await store.getMatch(id);
    if (!match || match.finishedAt === null) return notFound(res, id);
    if (chat === 'all') {
      // Private channels are the players': only the match's host (the teacher) reads them.
      const host = checkHost(req, match.hostTokenHash);
      if (!host.ok) {
        res.status(host.status).json({ error: host.error });
        return;
      }
    }
    const file = await store.getMatchFile(id, { chat });
    if (!file) return notFound(res, id);
    const [annotations, reflections] = await Promise.all([
      store.listAnnotations(id),
      store.listReflections(id),
    ]);
    res.json({ ...file, annotations, reflections });
  });

  router.get('/matches/:id/tracks.csv', async (req, res) => {
    const id = req.params.id;
    const hit = derived.get(id)?.csv;
    const csv = hit ?? replayed(await store.getMatchFile(id, { chat: 'public' }), res, tracks);
    if (csv === undefined) return;
    if (csv === null) return notFound(res, id);
    cached(id).csv = csv;
    res.type('text/csv; charset=utf-8').attachment(`${id}-tracks.csv`).send(csv);
  });

  router.get('/matches/:id/debrief', async (req, res) => {
    const id = req.params.id;
    const hit = derived.get(id)?.debrief;
    const body = hit ?? replayed(await store.getMatchFile(id, { chat: 'public' }), res, debrief);
    if (body === undefined) return;
    if (body === null) return notFound(res, id);
    cached(id).debrief = body;
    res.json(body);
  });

  router.get('/matches/:id/annotations', async (req, res) => {
    const match = await store.getMatch(req.params.id);
    if (!match || match.finishedAt === null) return notFound(res, req.params.id);
    res.json({ annotations: await store.listAnnotations(match.id) });
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

function tracks(replay: ReturnType<typeof openReplay>): string {
  return tracksCsv(trackSeries(replay));
}

/**
 * `derive` applied to the replay of `file`; null when there is no such match;
 * undefined once a refusal has been answered (a stored match whose rules
 * version this server no longer runs).
 */
function replayed<T>(
  file: MatchFile | null,
  res: Response,
  derive: (replay: ReturnType<typeof openReplay>) => T,
): T | null | undefined {
  if (!file) return null;
  try {
    const replay = openReplay({
      scenarioId: file.scenarioId,
      rulesVersion: file.rulesVersion,
      seed: file.seed,
      settings: file.settings,
      log: file.commands as Parameters<typeof openReplay>[0]['log'],
      phaseHashes: file.phaseHashes,
    });
    return derive(replay);
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    res.status(409).json({ error: err.message, code: err.code, at: err.at });
    return undefined;
  }
}

/** An annotation from a request body, or what is wrong with it. */
function noteOf(
  body: unknown,
  rounds: number,
): { round: number; phase: Phase; text: string } | string {
  const b = (body ?? {}) as Record<string, unknown>;
  const last = Math.max(1, rounds);
  if (!Number.isInteger(b.round) || (b.round as number) < 1 || (b.round as number) > last)
    return `round must be a whole number from 1 to ${last}.`;
  if (typeof b.phase !== 'string' || !(PHASES as readonly string[]).includes(b.phase))
    return `phase must be one of ${PHASES.join(', ')}.`;
  if (typeof b.text !== 'string' || b.text.trim() === '' || b.text.length > MAX_NOTE_LENGTH)
    return `text must be 1 to ${MAX_NOTE_LENGTH} characters.`;
  return { round: b.round as number, phase: b.phase as Phase, text: b.text };
}
