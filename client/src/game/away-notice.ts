import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';

/**
 * Shown to the people of a seat the away rule handed to a bot: what
 * happened, and the one control that takes the seat back (sending any
 * order or answer does the same, as webDiplomacy players expect).
 */
export function createAwayNotice(connection: MatchConnection) {
  const text = el('span', {});
  const back = el('button', { type: 'button', class: 'button button--small' }, t('away.takeBack'));
  back.addEventListener('click', () => {
    back.disabled = true;
    connection.takeSeatBack();
  });
  const element = el(
    'div',
    { class: 'notice notice--away', role: 'status', 'data-testid': 'away-notice', hidden: '' },
    text,
    back,
  );
  return {
    element,
    update(s: MatchSnapshot) {
      const rule = s.lobby?.awayRule;
      const mine = s.lobby?.seats.find((x) => x.seat === s.seat);
      const away = Boolean(rule?.on && mine?.away && s.lobby?.stage === 'playing');
      if (element.hidden === !away) return;
      element.hidden = !away;
      back.disabled = false;
      text.textContent = away ? t('away.yours', { count: rule!.afterPhases }) : '';
    },
  };
}
