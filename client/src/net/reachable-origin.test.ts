import { afterEach, describe, expect, test, vi } from 'vitest';
import { reachableOrigin } from './reachable-origin.ts';

const page = (origin: string) => {
  const url = new URL(origin);
  return { origin, hostname: url.hostname, protocol: url.protocol, port: url.port } as Location;
};
const answer = (body: unknown) =>
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => new Response(JSON.stringify(body), { status: 200 })),
  );

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('reachableOrigin', () => {
  test('a page on localhost links to the first address the server names, on its own port', async () => {
    answer({ addresses: ['192.168.1.20', '10.0.0.2'] });
    expect(await reachableOrigin(page('http://localhost:2567'))).toBe('http://192.168.1.20:2567');
  });

  test('a malformed answer, or an address that is not plain, leaves the page’s own origin', async () => {
    answer({ addresses: '192.168.1.20' });
    expect(await reachableOrigin(page('http://localhost:2567'))).toBe('http://localhost:2567');
    answer({ addresses: ['evil.example/<script>'] });
    expect(await reachableOrigin(page('http://localhost:2567'))).toBe('http://localhost:2567');
  });

  test('a page opened at another name does not ask', async () => {
    const fetch = vi.fn();
    vi.stubGlobal('fetch', fetch);
    expect(await reachableOrigin(page('http://192.168.1.5:2567'))).toBe('http://192.168.1.5:2567');
    expect(fetch).not.toHaveBeenCalled();
  });
});

test('only this machine’s own names count as local', async () => {
  const { isLocalHost } = await import('./reachable-origin.ts');
  expect(['localhost', '127.0.0.1', '127.1.2.3', '[::1]'].every(isLocalHost)).toBe(true);
  expect(['192.168.1.7', 'class.example.org', '10.0.0.2'].some(isLocalHost)).toBe(false);
});
