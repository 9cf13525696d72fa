import { API_ROUTES } from '@entanglement/shared';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { ApiError, apiPath, callApi, callApiEmpty } from './api.ts';

/** The next fetch answers `status` with `body` (JSON unless a string). */
function answer(status: number, body?: unknown) {
  const text = body === undefined ? null : typeof body === 'string' ? body : JSON.stringify(body);
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(text, { status }));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiPath', () => {
  test('fills the route’s parameters, escaped, and writes its query', () => {
    expect(apiPath(API_ROUTES.matchFile, { id: 'a b/c' }, { chat: 'all' })).toBe(
      '/api/matches/a%20b%2Fc?chat=all',
    );
    expect(apiPath(API_ROUTES.deleteAnnotation, { id: 'm', note: 7 })).toBe(
      '/api/matches/m/annotations/7',
    );
    expect(() => apiPath(API_ROUTES.join)).toThrow(/needs its code/);
  });
});

describe('callApi', () => {
  test('returns the answer as the route’s schema parses it, with the request it documents', async () => {
    const fetch = answer(201, { roomId: 'r1', code: 'ABCDEF', hostToken: 't'.repeat(21) });
    const created = await callApi(API_ROUTES.createMatch, 201, '/api/matches', {
      body: { scenario: 'main', nickname: 'Ann' },
    });
    expect(created.roomId).toBe('r1');
    const [url, init] = fetch.mock.calls[0]!;
    expect(url).toBe('/api/matches');
    expect(init?.method).toBe('POST');
    expect(init?.body).toBe('{"scenario":"main","nickname":"Ann"}');
  });

  test('a malformed answer is an error naming the field, not a crash later', async () => {
    answer(200, { roomId: 5, code: 'ABCDEF' });
    const error = await callApi(API_ROUTES.join, 200, '/api/join/abcdef').catch((e) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect(error.malformed).toBe(true);
    expect(error.message).toMatch(/^The server's answer is not as documented: roomId: /);
    answer(200, 'not json');
    await expect(callApi(API_ROUTES.health, 200, '/api/health')).rejects.toThrow(
      /not as documented/,
    );
  });

  test('a refusal carries the server’s sentence and problems; anything else its status', async () => {
    answer(400, { error: 'limit must be a whole number from 1 to 100.', problems: ['a', 'b'] });
    const refused = await callApi(API_ROUTES.listMatches, 200, '/api/matches').catch((e) => e);
    expect(refused).toMatchObject({
      message: 'limit must be a whole number from 1 to 100.',
      status: 400,
      problems: ['a', 'b'],
      malformed: false,
    });
    answer(502, '<html>Bad gateway</html>');
    await expect(callApi(API_ROUTES.health, 200, '/api/health')).rejects.toThrow(
      'The server answered 502.',
    );
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => {
        throw new TypeError('Failed to fetch');
      }),
    );
    await expect(callApi(API_ROUTES.health, 200, '/api/health')).rejects.toMatchObject({
      status: 0,
      message: 'The server cannot be reached. Check your connection and try again.',
    });
  });

  test('an empty answer is awaited as 204, with the credential as a bearer token', async () => {
    const fetch = answer(204);
    await callApiEmpty(API_ROUTES.deleteMatch, '/api/matches/m', { token: 'secret' });
    expect((fetch.mock.calls[0]![1]!.headers as Record<string, string>).Authorization).toBe(
      'Bearer secret',
    );
    answer(403, { error: "That token is not this match's host token." });
    await expect(callApiEmpty(API_ROUTES.deleteMatch, '/api/matches/m')).rejects.toThrow(
      /host token/,
    );
  });
});
