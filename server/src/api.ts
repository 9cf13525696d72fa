import { type ErrorRequestHandler, Router } from 'express';
import { listScenarios } from './scenarios.ts';

export interface ApiOptions {
  findMatch: (code: string) => string | null;
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

  api.get('/join/:code', (req, res) => {
    const roomId = options.findMatch(req.params.code);
    if (roomId === null) {
      res.status(404).json({ error: `No match is open with the code "${req.params.code}".` });
      return;
    }
    res.json({ roomId, code: req.params.code.trim().toUpperCase() });
  });

  api.use((req, res) => {
    res.status(404).json({ error: `No API route for ${req.method} ${req.originalUrl}` });
  });

  const onError: ErrorRequestHandler = (err, req, res, next) => {
    if (res.headersSent) return next(err);
    console.error(`Error in ${req.method} ${req.originalUrl}:`, err);
    res.status(500).json({ error: 'The server failed to answer this request; see its log.' });
  };
  api.use(onError);

  return api;
}
