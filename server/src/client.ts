import { existsSync } from 'node:fs';
import { extname, join } from 'node:path';
import express, { Router } from 'express';

/** True when `npm run build` has produced the client in `clientDist`. */
export function isClientBuilt(clientDist: string): boolean {
  return existsSync(join(clientDist, 'index.html'));
}

/**
 * Serves the built client: its files, `index.html` for any other page path (the
 * client routes itself), and a 404 for a missing file such as `/assets/x.js`.
 */
export function clientRouter(clientDist: string): Router {
  const router = Router();
  const indexHtml = join(clientDist, 'index.html');

  // Browsers ask for /favicon.ico whatever the page links; the icon is an SVG.
  router.get('/favicon.ico', (_req, res) => res.redirect(301, '/favicon.svg'));

  // Vite's build puts a content hash in every file name under assets/.
  router.use(
    '/assets',
    express.static(join(clientDist, 'assets'), { immutable: true, maxAge: '1y', index: false }),
  );
  router.use(express.static(clientDist, { index: false }));

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || extname(req.path) !== '') return next();
    if (!isClientBuilt(clientDist)) {
      res
        .status(503)
        .type('text/plain')
        .send('The Entanglement client is not built yet: run `npm run build`, then reload.');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(indexHtml);
  });

  return router;
}
