/** The pages of the client, one per address, so links can be shared and reloads land in place. */
export type Route =
  | { page: 'home' }
  | { page: 'join'; code: string }
  /**
   * `code`: the join code carried by a shared link (the projector's), which opens the match;
   * `tutorial`: the match is the guided tutorial, shown with its coach.
   */
  | { page: 'match'; roomId: string; projector: boolean; code?: string; tutorial?: boolean }
  | { page: 'archive' }
  /** The live matches this browser holds a credential for. */
  | { page: 'mine' }
  | { page: 'replay'; matchId: string }
  /** A link from another device carrying its matches' credentials (in the fragment). */
  | { page: 'carry' }
  | { page: 'notFound'; path: string };

export function parseRoute(path: string, search = ''): Route {
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  if (parts.length === 0) return { page: 'home' };
  const [first, second] = parts;
  if (first === 'join' && second && parts.length === 2) return { page: 'join', code: second };
  if (first === 'match' && second && parts.length === 2) {
    const query = new URLSearchParams(search);
    const code = query.get('code');
    return {
      page: 'match',
      roomId: second,
      projector: query.has('projector'),
      ...(code ? { code } : {}),
      ...(query.has('tutorial') ? { tutorial: true } : {}),
    };
  }
  if (first === 'archive' && parts.length === 1) return { page: 'archive' };
  if (first === 'mine' && parts.length === 1) return { page: 'mine' };
  if (first === 'carry' && parts.length === 1) return { page: 'carry' };
  if (first === 'replay' && second && parts.length === 2)
    return { page: 'replay', matchId: second };
  return { page: 'notFound', path };
}

export function routePath(route: Route): string {
  switch (route.page) {
    case 'home':
      return '/';
    case 'join':
      return `/join/${encodeURIComponent(route.code)}`;
    case 'match': {
      const query = [
        ...(route.projector ? ['projector'] : []),
        ...(route.code ? [`code=${encodeURIComponent(route.code)}`] : []),
        ...(route.tutorial ? ['tutorial'] : []),
      ];
      return `/match/${encodeURIComponent(route.roomId)}${query.length ? `?${query.join('&')}` : ''}`;
    }
    case 'archive':
      return '/archive';
    case 'mine':
      return '/mine';
    case 'carry':
      return '/carry';
    case 'replay':
      return `/replay/${encodeURIComponent(route.matchId)}`;
    case 'notFound':
      return route.path;
  }
}

/** Goes to a page without reloading: the app listens for `popstate`. */
export function navigate(route: Route, replace = false): void {
  const path = routePath(route);
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  window.dispatchEvent(new PopStateEvent('popstate'));
}
