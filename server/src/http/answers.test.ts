import {
  API_ROUTES,
  type ApiRouteName,
  MATCH_FILE_FORMAT,
  MATCH_FILE_VERSION,
  openReplay,
  recordRandomMatch,
} from '@entanglement/shared';
import { describe, expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from '../rooms/stored-server.ts';
import { answerProblem, routeFor } from '../testing/api-conformance.ts';

const env = useStoredServer('entanglement-answers-');

/** Every route the calls below reached, by name: the last test checks none was left out. */
const reached = new Set<ApiRouteName>();

type Json = Record<string, any>;

/** Calls the API and checks its answer against the route's documented statuses and schemas. */
async function call(
  method: string,
  path: string,
  options: { body?: unknown; token?: string } = {},
): Promise<{ status: number; body: Json }> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  const res = await fetch(`${env.base}/api${path}`, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  const answer = { status: res.status, type: res.headers.get('content-type'), text };
  expect(answerProblem(method, path, answer), `${method} ${path}`).toBeNull();
  reached.add(routeFor(method, path)!);
  let body: Json = {};
  try {
    body = JSON.parse(text);
  } catch {}
  return { status: res.status, body };
}

/** A short recorded match as another server would export it. */
function matchFile() {
  const rec = recordRandomMatch('main', { rounds: 4 }, 'answers-test');
  const final = openReplay(rec).finalState();
  return {
    format: MATCH_FILE_FORMAT,
    version: MATCH_FILE_VERSION,
    id: 'elsewhere-answers',
    scenarioId: rec.scenarioId,
    rulesVersion: rec.rulesVersion,
    seed: rec.seed,
    settings: rec.settings,
    seats: final.seats.map((seat) => ({ seat, nickname: `N ${seat}`, kind: 'bot' as const })),
    commands: [...rec.log],
    chat: [{ seq: 1, from: final.seats[0]!, channel: 'public', text: 'gg', at: 2 }],
    phaseHashes: [...rec.phaseHashes],
    createdAt: 1,
    finishedAt: 3,
    winner: final.seats[0]!,
    rounds: final.round,
  };
}

describe('every answer of the API matches its route’s schema', () => {
  test('the live routes', async () => {
    expect((await call('GET', '/health')).status).toBe(200);
    expect((await call('GET', '/scenarios')).status).toBe(200);
    expect((await call('GET', '/address')).status).toBe(200);
    expect((await call('GET', '/openapi.json')).status).toBe(200);
    expect((await call('GET', '/docs')).status).toBe(200);
    const created = await call('POST', '/matches', { body: TUTORIAL_MATCH });
    expect(created.status).toBe(201);
    expect(
      (await call('POST', '/matches', { body: { ...TUTORIAL_MATCH, rounds: 99 } })).status,
    ).toBe(400);
    expect(
      (await call('POST', '/matches', { body: { ...TUTORIAL_MATCH, scenario: 'nope' } })).status,
    ).toBe(400);
    const found = await call('GET', `/join/${created.body.code.toLowerCase()}`);
    expect(found.body).toEqual({ roomId: created.body.roomId, code: created.body.code });
    expect((await call('GET', '/join/ZZZZZZ')).status).toBe(404);
    expect((await call('GET', `/join/${'Z'.repeat(41)}`)).status).toBe(400);
    const credentials = [{ id: created.body.roomId, token: created.body.hostToken }];
    const live = await call('POST', '/matches/live', { body: { credentials } });
    expect(live.body.matches.map((m: Json) => [m.id, m.role, m.stage])).toEqual([
      [created.body.roomId, 'host', 'lobby'],
    ]);
    expect((await call('POST', '/matches/live', { body: { credentials: 'all' } })).status).toBe(
      400,
    );
    // This server sends no notifications (notify.test.ts has one that does).
    expect((await call('GET', '/notifications')).body).toEqual({ publicKey: null, email: false });
    const optIn = { matchId: created.body.roomId, pass: 'p'.repeat(21), email: 'a@example.org' };
    expect((await call('POST', '/notifications', { body: optIn })).status).toBe(503);
    expect((await call('POST', '/notifications', { body: { matchId: 'x' } })).status).toBe(400);
    expect((await call('POST', '/notifications/off', { body: optIn })).status).toBe(503);
  });

  test('the archive routes, answering and refusing', async () => {
    const file = matchFile();
    const imported = await call('POST', '/matches/import', { body: file });
    expect(imported.status).toBe(201);
    expect((await call('POST', '/matches/import', { body: { format: 'nope' } })).status).toBe(400);
    const tampered = { ...file, seed: 'another seed' };
    expect((await call('POST', '/matches/import', { body: tampered })).status).toBe(422);
    const { id, hostToken } = imported.body as { id: string; hostToken: string };
    const token = hostToken;
    const path = `/matches/${id}`;

    expect((await call('GET', path)).status).toBe(404);
    expect((await call('GET', `${path}?chat=all`, { token })).status).toBe(200);
    expect((await call('GET', `${path}?chat=all`, { token: 'y'.repeat(21) })).status).toBe(404);
    expect((await call('GET', `${path}?chat=some`)).status).toBe(400);
    expect((await call('GET', `${path}/debrief`, { token })).status).toBe(200);
    expect((await call('GET', `${path}/tracks.csv`, { token })).status).toBe(200);
    expect((await call('GET', `${path}/annotations`, { token })).status).toBe(200);
    expect((await call('GET', '/matches/no-such/debrief')).status).toBe(404);
    const fork = `${path}/fork`;
    expect((await call('POST', fork, { body: { entry: 1 }, token })).status).toBe(201);
    expect((await call('POST', fork, { body: { entry: 1 } })).status).toBe(404);
    expect((await call('POST', fork, { body: { entry: 'one' }, token })).status).toBe(400);
    expect((await call('POST', fork, { body: { entry: 199 }, token })).status).toBe(422);

    const note = { round: 1, phase: 'news', text: 'Look here.' };
    expect((await call('POST', `${path}/annotations`, { body: note })).status).toBe(401);
    expect((await call('POST', `${path}/annotations`, { body: note, token: 'x' })).status).toBe(
      403,
    );
    const late = { ...note, round: file.rounds + 1 };
    const bad = await call('POST', `${path}/annotations`, { body: late, token });
    expect(bad.body.error).toBe(`round must be a whole number from 1 to ${file.rounds}.`);
    const made = await call('POST', `${path}/annotations`, { body: note, token });
    expect(made.status).toBe(201);
    expect((await call('DELETE', `${path}/annotations/x`, { token })).status).toBe(400);
    expect((await call('DELETE', `${path}/annotations/${made.body.id}`, { token })).status).toBe(
      204,
    );
    expect((await call('DELETE', `${path}/annotations/${made.body.id}`, { token })).status).toBe(
      404,
    );

    expect(
      (await call('POST', `${path}/visibility`, { body: { public: 'yes' }, token })).status,
    ).toBe(400);
    expect(
      (await call('POST', `${path}/visibility`, { body: { public: true }, token })).status,
    ).toBe(200);
    expect(
      (await call('POST', `${path}/label`, { body: { label: 'a\u0007b' }, token })).status,
    ).toBe(400);
    expect((await call('POST', `${path}/label`, { body: { label: '9B' } })).status).toBe(401);
    expect(
      (await call('POST', `${path}/label`, { body: { label: ' 9B ' }, token })).body.label,
    ).toBe('9B');
    expect((await call('GET', '/matches?label=9B')).body.matches[0].label).toBe('9B');
    const listed = await call('GET', '/matches?limit=5');
    expect(listed.body.matches.map((m: Json) => m.id)).toContain(id);
    const refused = await call('GET', '/matches?limit=500');
    expect(refused.body.error).toBe('limit must be a whole number from 1 to 100.');
    expect((await call('GET', '/matches?from=2024-13')).body.error).toBe(
      'from must be a date written YYYY-MM-DD.',
    );
    const mine = await call('POST', '/matches/mine', { body: { credentials: [{ id, token }] } });
    expect(mine.body.matches.map((m: Json) => [m.id, m.role])).toEqual([[id, 'host']]);
    expect((await call('POST', '/matches/mine', { body: { credentials: 'all' } })).status).toBe(
      400,
    );

    const shared = await call('POST', `${path}/share`, { token });
    expect(shared.status).toBe(201);
    expect((await call('DELETE', `${path}/share`, { token })).status).toBe(204);
    expect((await call('DELETE', path)).status).toBe(401);
    expect((await call('DELETE', path, { token })).status).toBe(204);
    expect((await call('GET', `${path}/annotations`, { token })).status).toBe(404);
  });

  test('no route of the table was left unchecked', () => {
    expect(Object.keys(API_ROUTES).filter((name) => !reached.has(name as ApiRouteName))).toEqual(
      [],
    );
  });
});

describe('the check itself', () => {
  test('catches an undocumented status, a body off its schema and a wrong media type', () => {
    const json = 'application/json; charset=utf-8';
    expect(
      answerProblem('GET', '/api/health', { status: 200, type: json, text: '{"ok":true}' }),
    ).toMatch(/^health 200: name: /);
    expect(answerProblem('GET', '/api/health', { status: 201, type: json, text: '{}' })).toMatch(
      /does not document/,
    );
    expect(
      answerProblem('GET', '/api/matches/x/tracks.csv', { status: 200, type: json, text: '{}' }),
    ).toMatch(/not text\/csv/);
    expect(answerProblem('GET', '/api/nope', { status: 404, type: json, text: '{}' })).toMatch(
      /no route/,
    );
  });
});
