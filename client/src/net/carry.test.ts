import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { carryLink, keepCarried, readCarried } from './carry.ts';
import { loadCredentials, type MatchCredentials, saveCredentials } from './credentials.ts';

/** A localStorage of this test's own (the tests run in Node). */
function fakeStorage(): Storage {
  const items = new Map<string, string>();
  return {
    get length() {
      return items.size;
    },
    key: (i) => [...items.keys()][i] ?? null,
    getItem: (k) => items.get(k) ?? null,
    setItem: (k, v) => void items.set(k, String(v)),
    removeItem: (k) => void items.delete(k),
    clear: () => items.clear(),
  };
}

beforeEach(() => vi.stubGlobal('window', { localStorage: fakeStorage() }));
afterEach(() => vi.unstubAllGlobals());

const hosted: MatchCredentials = {
  roomId: 'r1',
  nickname: 'Ms Rivera',
  code: 'ABC123',
  hostToken: 'host-token-1',
  savedAt: 1,
};
const seat: MatchCredentials = {
  roomId: 'r2',
  nickname: '李老师',
  seat: 'china',
  seatToken: 'pass-2',
  savedAt: 1,
};
const fragment = (link: string) => link.slice(link.indexOf('#'));
const encode = (value: unknown) =>
  `#${btoa(JSON.stringify(value)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '')}`;

describe('carrying matches to another device', () => {
  test('the link carries each match in its fragment and reads back the same, names in any script', () => {
    const link = carryLink('https://game.example', [hosted, seat]);
    expect(link.startsWith('https://game.example/carry#')).toBe(true);
    // The tokens are only after the '#': never sent to a server.
    expect(link.split('#')[0]).not.toContain('token');
    expect(readCarried(fragment(link))).toEqual([
      { roomId: 'r1', nickname: 'Ms Rivera', code: 'ABC123', hostToken: 'host-token-1' },
      { roomId: 'r2', nickname: '李老师', seat: 'china', seatToken: 'pass-2' },
    ]);
  });

  test.each([
    ['not base64', '#%%%'],
    ['not JSON', `#${btoa('nope')}`],
    ['not a list', encode({ roomId: 'r1', hostToken: 'x' })],
    ['an empty list', encode([])],
    ['an entry without a key', encode([{ roomId: 'r1', nickname: 'a' }])],
    ['an unknown field', encode([{ roomId: 'r1', hostToken: 'x', admin: 'yes' }])],
    ['a number for a token', encode([{ roomId: 'r1', hostToken: 7 }])],
    ['an oversize field', encode([{ roomId: 'r1', hostToken: 'x'.repeat(500) }])],
    [
      'too many entries',
      encode(Array.from({ length: 201 }, (_, i) => ({ roomId: `r${i}`, seatToken: 'p' }))),
    ],
  ])('refuses a fragment with %s', (_what, text) => {
    expect(readCarried(text)).toBeNull();
  });

  test('keeping fills in what this browser lacks and never replaces what it holds', () => {
    saveCredentials({ roomId: 'r2', nickname: 'Lee', seat: 'russia', seatToken: 'mine' });
    const carried = readCarried(fragment(carryLink('https://x', [hosted, seat])))!;
    expect(keepCarried(carried)).toBe(1);
    expect(loadCredentials('r1')).toMatchObject({ hostToken: 'host-token-1', code: 'ABC123' });
    // The seat this browser holds in r2 stays its own.
    expect(loadCredentials('r2')).toMatchObject({
      seat: 'russia',
      seatToken: 'mine',
      nickname: 'Lee',
    });
    expect(keepCarried(carried)).toBe(0);
  });
});
