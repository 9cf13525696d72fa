import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { API_ROUTES, openApiDocument, openApiPath } from '@entanglement/shared';
import type { Router } from 'express';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { apiRouter } from '../api.ts';
import { createApp } from '../app.ts';
import { DEFAULT_LIMITS } from '../doors/limits.ts';
import { boundPort, close, listen } from '../listen.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';

let dir: string;
let store: SqliteMatchStore;
let server: Server;
let base: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-openapi-'));
  store = openSqliteStore({ dataDir: join(dir, 'data') });
  server = await listen(createApp({ clientDist: dir, archive: store }), 0, '127.0.0.1');
  base = `http://127.0.0.1:${boundPort(server)}`;
});

afterAll(async () => {
  await close(server);
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

interface Layer {
  route?: { path: string; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every `METHOD /api/path` an Express router serves, its routers mounted without a path included. */
function mounted(router: { stack: Layer[] }): string[] {
  return router.stack.flatMap((layer) => {
    if (layer.route)
      return Object.keys(layer.route.methods).map(
        (m) => `${m.toUpperCase()} ${openApiPath(layer.route!.path)}`,
      );
    return layer.handle?.stack ? mounted(layer.handle as { stack: Layer[] }) : [];
  });
}

describe('the OpenAPI document', () => {
  test('lists every route the API mounts, and nothing else', () => {
    // A full store: the replay routes are mounted too.
    const router = apiRouter({
      findMatch: async () => null,
      archive: store,
      limits: DEFAULT_LIMITS,
    }) as Router & { stack: Layer[] };
    const served = new Set(mounted(router));
    const doc = openApiDocument('test');
    const documented = new Set(
      Object.entries(doc.paths).flatMap(([path, ops]) =>
        Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
      ),
    );
    expect([...served].sort()).toEqual([...documented].sort());
    expect(documented.size).toBe(Object.keys(API_ROUTES).length);
  });

  test('is OpenAPI 3.1 with every path parameter declared, and served at /api/openapi.json', async () => {
    const res = await fetch(`${base}/api/openapi.json`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const doc = (await res.json()) as ReturnType<typeof openApiDocument>;
    expect(doc.openapi).toBe('3.1.0');
    expect(doc).toEqual(JSON.parse(JSON.stringify(openApiDocument(doc.info.version))));
    // Every reference leads to a component.
    const refs = [...JSON.stringify(doc).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)];
    expect(refs.length).toBeGreaterThan(20);
    for (const [, name] of refs) expect(doc.components.schemas, name).toHaveProperty([name!]);
    for (const [path, ops] of Object.entries(doc.paths)) {
      const names = [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      for (const op of Object.values(ops)) {
        const inPath = op!.parameters.filter((p) => p.in === 'path').map((p) => p.name);
        expect(inPath, `${path}`).toEqual(names);
        expect(Object.keys(op!.responses).length).toBeGreaterThan(1);
      }
    }
    // The schemas are zod's: a request body names its fields and their bounds.
    const ref = doc.paths['/api/matches']!.post!.requestBody!.content['application/json']!.schema
      .$ref as string;
    expect(ref).toBe('#/components/schemas/CreateMatchBody');
    const create = doc.components.schemas.CreateMatchBody as {
      properties: Record<string, { maximum?: number }>;
      required: string[];
    };
    expect(create.required).toEqual(expect.arrayContaining(['scenario', 'nickname']));
    expect(create.properties.rounds!.maximum).toBe(16);
  });
});

describe('the docs page', () => {
  test('renders every route with its parameters and schemas, as escaped HTML without scripts', async () => {
    const res = await fetch(`${base}/api/docs`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await res.text();
    for (const route of Object.values(API_ROUTES))
      expect(html).toContain(
        `<span class="method">${route.method.toUpperCase()}</span> <code>${openApiPath(route.path)}</code>`,
      );
    expect(html).toContain('<code>limit</code>');
    expect(html).not.toMatch(/<script|src=|https?:\/\/(?!127)/);
    // Each reference is a link to its schema on the page.
    for (const name of Object.keys(openApiDocument('x').components.schemas))
      expect(html).toContain(`id="schema-${name}"`);
    expect(html).toContain('<a href="#schema-CreateMatchBody">CreateMatchBody</a>');
    // Schemas are shown escaped: the body of the create route quotes its fields as JSON text.
    expect(html).toContain('&quot;nickname&quot;');
  });
});
