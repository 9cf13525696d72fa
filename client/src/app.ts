import { el } from './dom.ts';
import { applyDocumentLanguage, onLanguageChange, t } from './i18n/index.ts';
import { languageSwitch } from './i18n/switch.ts';
import { forgetOldCredentials, rememberNickname, saveCredentials } from './net/credentials.ts';
import { findMatchByCode } from './net/join.ts';
import { MatchConnection } from './net/match-connection.ts';
import { navigate, parseRoute, type Route } from './router.ts';
import { renderArchive } from './screens/archive.ts';
import { renderCarry } from './screens/carry.ts';
import { renderHome } from './screens/home.ts';
import { mountMatch } from './screens/match-screen.ts';
import { renderMyMatches } from './screens/my-matches.ts';
import { renderReplay } from './screens/replay.ts';
import { startTutorial } from './tutorial/setup.ts';

/**
 * The single-page app: one screen per route. A match screen keeps its
 * connection while the address stays on that match; leaving the page for
 * another route closes it.
 */
export function startApp(root: HTMLElement): void {
  forgetOldCredentials();
  let connection: MatchConnection | null = null;
  let unmount: (() => void) | null = null;

  const home = {
    async create(options: Parameters<typeof MatchConnection.create>[0]) {
      rememberNickname(options.nickname);
      connection = await MatchConnection.create(options);
      navigate({ page: 'match', roomId: connection.current.roomId, projector: false });
    },
    async join(code: string, nickname: string) {
      rememberNickname(nickname);
      const roomId = await findMatchByCode(code);
      saveCredentials({ roomId, nickname, code: code.trim().toUpperCase() });
      connection = await MatchConnection.open(roomId, nickname);
      navigate({ page: 'match', roomId, projector: false });
    },
    async learn(nickname: string) {
      connection = await startTutorial(nickname);
      navigate({
        page: 'match',
        roomId: connection.current.roomId,
        projector: false,
        tutorial: true,
      });
    },
    openArchive: () => navigate({ page: 'archive' }),
    openMine: () => navigate({ page: 'mine' }),
  };

  const show = (route: Route) => {
    unmount?.();
    unmount = null;
    if (route.page !== 'match' && connection) {
      void connection.leave();
      connection = null;
    }
    document.body.dataset.page = route.page;
    switch (route.page) {
      case 'home':
        return renderHome(root, home);
      case 'join':
        return renderHome(root, home, route.code);
      case 'archive':
        return renderArchive(root);
      case 'mine':
        unmount = renderMyMatches(root);
        return;
      case 'carry':
        return renderCarry(root);
      case 'replay':
        unmount = renderReplay(root, route.matchId);
        return;
      case 'match': {
        const reuse = connection?.current.roomId === route.roomId ? connection : null;
        // A link that carries the join code opens the match on this browser.
        if (route.code) saveCredentials({ roomId: route.roomId, code: route.code });
        const mounted = mountMatch(root, route.roomId, route.projector, reuse, route.tutorial);
        unmount = mounted.unmount;
        mounted.connection.then((c) => {
          connection = c;
        });
        return;
      }
      case 'notFound':
        root.replaceChildren(
          el(
            'main',
            { class: 'card narrow' },
            el('h1', {}, t('app.notFound')),
            el('p', {}, t('app.nothingAt', { path: route.path })),
            el('a', { href: '/', class: 'button' }, t('app.goHome')),
          ),
        );
    }
  };

  window.addEventListener('popstate', () => show(parseRoute(location.pathname, location.search)));
  // Internal links move without reloading the page (and so keep the connection).
  document.addEventListener('click', (event) => {
    const link = (event.target as Element | null)?.closest?.('a[href^="/"]');
    if (!link || event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey)
      return;
    if (link.getAttribute('target') || link.hasAttribute('download')) return;
    const href = link.getAttribute('href')!;
    if (href.startsWith('/api/')) return;
    event.preventDefault();
    const url = new URL(href, location.origin);
    history.pushState(null, '', url.pathname + url.search);
    show(parseRoute(url.pathname, url.search));
  });
  // The language switch sits outside the screens, on every page; a new language redraws the
  // current screen in place (a match screen keeps its connection).
  let switcher = languageSwitch();
  document.body.prepend(switcher);
  applyDocumentLanguage();
  onLanguageChange(() => {
    const fresh = languageSwitch();
    switcher.replaceWith(fresh);
    switcher = fresh;
    show(parseRoute(location.pathname, location.search));
  });
  show(parseRoute(location.pathname, location.search));
}
