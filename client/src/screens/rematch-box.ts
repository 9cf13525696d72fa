import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { routePath } from '../router.ts';

/**
 * On the end screen: the host's Rematch button (the same scenario and
 * settings, the same people), and for everyone the host invited the way to
 * its lobby once it exists (their browser keeps its credentials: see
 * MatchConnection's `rematch`).
 */
export function createRematchBox(connection: MatchConnection) {
  const start = el(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'rematch' },
    t('rematch.start'),
  );
  const status = el('p', { role: 'status' });
  const open = el(
    'a',
    { class: 'button', 'data-testid': 'rematch-open', hidden: '' },
    t('rematch.open'),
  );
  start.addEventListener('click', () => {
    start.disabled = true;
    status.textContent = t('rematch.starting');
    connection.host({ action: 'rematch' });
  });
  const element = el('section', { class: 'end__rematch', hidden: '' }, start, status, open);
  return {
    element,
    update(s: MatchSnapshot) {
      element.hidden = !s.isHost && s.rematch === null;
      start.hidden = !s.isHost || s.rematch !== null;
      if (s.lastError?.type === 'host' && !s.rematch) {
        start.disabled = false;
        status.textContent = s.lastError.reason;
      }
      if (!s.rematch) return;
      status.textContent = t('rematch.ready');
      open.hidden = false;
      const { roomId, code } = s.rematch;
      open.setAttribute('href', routePath({ page: 'match', roomId, code, projector: false }));
    },
  };
}
