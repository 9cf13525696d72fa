import { afterEach, describe, expect, it, vi } from 'vitest';
import { isLocalHost, reachableOrigin } from './reachable-origin.ts';

const page = (url: string) => {
  const u = new URL(url);
  return { hostname: u.hostname, origin: u.origin, protocol: u.protocol, port: u.port } as Location;
};
const answer = (body: unknown, ok = true) =>
  vi.fn(async () => ({ ok, json: async () => body }) as Response);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('the origin students can open', () => {
  it('is the LAN address with the page’s port when the page was opened on localhost', async () => {
    vi.stubGlobal('fetch', answer({ addresses: ['192.168.1.7', '10.0.0.2'] }));
    expect(await reachableOrigin(page('http://localhost:2567/match/x'))).toBe(
      'http://192.168.1.7:2567',
    );
    expect(await reachableOrigin(page('http://127.0.0.1:5173/'))).toBe('http://192.168.1.7:5173');
  });

  it('is the page’s own origin when it was opened at an address others can reach, without asking', async () => {
    const fetch = answer({ addresses: ['192.168.1.7'] });
    vi.stubGlobal('fetch', fetch);
    expect(await reachableOrigin(page('https://class.example.org/match/x'))).toBe(
      'https://class.example.org',
    );
    expect(fetch).not.toHaveBeenCalled();
  });

  it('stays localhost when the server knows no other address, refuses, or answers nonsense', async () => {
    for (const f of [
      answer({ addresses: [] }),
      answer({ error: 'no' }, false),
      answer({ addresses: ['<script>', 7] }),
      vi.fn(async () => {
        throw new Error('offline');
      }),
    ]) {
      vi.stubGlobal('fetch', f);
      expect(await reachableOrigin(page('http://localhost:2567/'))).toBe('http://localhost:2567');
    }
  });

  it('knows this machine’s own names', () => {
    for (const h of ['localhost', '127.0.0.1', '127.1.2.3', '[::1]'])
      expect(isLocalHost(h)).toBe(true);
    for (const h of ['192.168.1.7', 'class.example.org', '10.0.0.1'])
      expect(isLocalHost(h)).toBe(false);
  });
});
