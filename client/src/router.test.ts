import { describe, expect, it } from 'vitest';
import { parseRoute, type Route, routePath } from './router.ts';

describe('routes', () => {
  it.each<[string, string, Route]>([
    ['/', '', { page: 'home' }],
    ['/join/ABC234', '', { page: 'join', code: 'ABC234' }],
    ['/match/r1', '', { page: 'match', roomId: 'r1', projector: false }],
    ['/match/r1', '?projector', { page: 'match', roomId: 'r1', projector: true }],
    [
      '/match/r1',
      '?projector&code=ABC234',
      { page: 'match', roomId: 'r1', projector: true, code: 'ABC234' },
    ],
    ['/match/r1', '?tutorial', { page: 'match', roomId: 'r1', projector: false, tutorial: true }],
    ['/archive', '', { page: 'archive' }],
    ['/mine', '', { page: 'mine' }],
    ['/carry', '', { page: 'carry' }],
    ['/replay/m1', '', { page: 'replay', matchId: 'm1' }],
    ['/join', '', { page: 'notFound', path: '/join' }],
    ['/match/a/b', '', { page: 'notFound', path: '/match/a/b' }],
  ])('%s%s', (path, search, route) => {
    expect(parseRoute(path, search)).toEqual(route);
    if (route.page !== 'notFound') expect(routePath(route)).toBe(path + search);
  });
});
