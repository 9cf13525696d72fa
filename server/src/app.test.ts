import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ScenarioSummary } from '@entanglement/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createApp } from './app.ts';
import { boundPort, close, listen } from './listen.ts';

const INDEX_HTML = '<!doctype html><title>Entanglement test client</title>';

let server: Server;
let base: string;
let clientDist: string;

beforeAll(async () => {
  clientDist = await mkdtemp(join(tmpdir(), 'entanglement-client-'));
  await writeFile(join(clientDist, 'index.html'), INDEX_HTML);
  await writeFile(join(clientDist, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  server = await listen(createApp({ clientDist }), 0, '127.0.0.1');
  base = `http://127.0.0.1:${boundPort(server)}`;
});

afterAll(async () => {
  await close(server);
  await rm(clientDist, { recursive: true, force: true });
});

describe('the API', () => {
  test('GET /api/health says the server is up', async () => {
    const res = await fetch(`${base}/api/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ok: true, name: 'entanglement' });
  });

  test('GET /api/scenarios lists the shipped scenarios with their seats', async () => {
    const res = await fetch(`${base}/api/scenarios`);
    expect(res.status).toBe(200);
    const list = (await res.json()) as ScenarioSummary[];
    const main = list.find((s) => s.id === 'main');
    expect(main).toBeDefined();
    expect(list.filter((s) => s.id === 'main')).toHaveLength(1);
    expect(main!.title).not.toBe('');
    expect(main!.description).not.toBe('');
    expect(main!.seats.required.length).toBeGreaterThan(0);
    for (const seat of [...main!.seats.required, ...main!.seats.optional]) {
      expect(seat).toEqual({
        id: expect.any(String),
        name: expect.any(String),
        kind: expect.any(String),
        colour: expect.stringMatching(/^#[0-9a-f]{6}$/),
      });
    }
  });

  test.each([
    ['GET', '/api/nope'],
    ['GET', '/api/scenarios/main/extra'],
    ['POST', '/api/health'],
  ])('%s %s is a 404 with a JSON error', async (method, path) => {
    const res = await fetch(`${base}${path}`, { method });
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: string };
    expect(body.error).toContain(path);
  });
});

describe('the client', () => {
  test.each(['/', '/match/abc', '/join'])('GET %s serves index.html', async (path) => {
    const res = await fetch(`${base}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toBe(INDEX_HTML);
  });

  test('a missing file is a 404, not the page', async () => {
    const res = await fetch(`${base}/assets/missing.js`);
    expect(res.status).toBe(404);
  });

  test('/favicon.ico leads to the SVG icon', async () => {
    const res = await fetch(`${base}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.url).toBe(`${base}/favicon.svg`);
    expect(res.headers.get('content-type')).toMatch(/^image\/svg\+xml/);
  });
});
