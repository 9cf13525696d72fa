import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';

/**
 * The strip at the top of the match page while the connection is not open:
 * "reconnecting" while the SDK or the page retries, a reason and a retry
 * button once it has given up. Nothing the player has done is lost: the
 * server keeps every accepted command.
 */
export function connectionBanner(): {
  element: HTMLElement;
  update(snapshot: MatchSnapshot, retry: () => void): void;
} {
  const element = el('div', {
    class: 'banner',
    role: 'status',
    'aria-live': 'assertive',
    hidden: '',
  });
  let shown = '';
  return {
    element,
    update(snapshot, retry) {
      const key = `${snapshot.status}:${snapshot.closedReason ?? ''}`;
      if (key === shown) return;
      shown = key;
      element.hidden = snapshot.status === 'open' || snapshot.status === 'connecting';
      element.className = `banner banner--${snapshot.status}`;
      if (snapshot.status === 'reconnecting') {
        element.replaceChildren(t('banner.reconnecting'));
        return;
      }
      if (snapshot.status !== 'closed') return element.replaceChildren();
      const button = el('button', { type: 'button', class: 'button' }, t('banner.tryAgain'));
      button.addEventListener('click', retry);
      const removed = /removed|left/.test(snapshot.closedReason ?? '');
      element.replaceChildren(
        `${snapshot.closedReason ?? t('banner.disconnected')} `,
        removed ? el('a', { href: '/' }, t('match.home')) : button,
      );
    },
  };
}
