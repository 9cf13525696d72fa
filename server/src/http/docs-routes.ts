import { API_ROUTES, openApiDocument } from '@entanglement/shared';
import { Router } from 'express';
import pkg from '../../package.json' with { type: 'json' };
import { docsPage } from './docs-page.ts';
import { mount } from './mount.ts';

/**
 * GET /api/openapi.json and GET /api/docs: the API's own description, built
 * once from the route table (it cannot change while the server runs).
 */
export function docsRoutes(): Router {
  const router = Router();
  const doc = openApiDocument(pkg.version);
  const json = JSON.stringify(doc);
  const page = docsPage(doc);
  mount(router, API_ROUTES.openapi, ({ res }) => {
    res.type('application/json').send(json);
  });
  mount(router, API_ROUTES.docs, ({ res }) => {
    // A page of text only: no script runs, nothing is fetched from elsewhere.
    res.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'");
    res.type('text/html').send(page);
  });
  return router;
}
