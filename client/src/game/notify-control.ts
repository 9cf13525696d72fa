import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { loadCredentials } from '../net/credentials.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';
import {
  NotifyRefused,
  notifyAvailability,
  notifyOff,
  notifyOn,
  notifyState,
} from '../net/notifications.ts';

/**
 * "Notify me", in the status bar: a seat's person opts in to be told when a
 * phase starts, when its deadline is near and they are not done, and when
 * the match ends, by push to this browser and, where the server sends
 * e-mail, at an address. Shown only to someone holding a seat, while the
 * match is on, when this browser or the server can notify at all.
 */
export function createNotifyControl() {
  const summary = el('summary', { class: 'notify__summary', 'data-testid': 'notify-toggle' });
  const email = el('input', {
    type: 'email',
    class: 'notify__email',
    autocomplete: 'email',
    maxlength: '254',
  });
  const emailRow = el(
    'label',
    { class: 'notify__field' },
    el('span', {}, t('notify.email')),
    email,
  );
  const action = el('button', { type: 'button', class: 'button button--small' });
  const status = el('p', { class: 'notify__status', 'aria-live': 'polite' });
  const panel = el(
    'div',
    { class: 'notify__panel' },
    el('p', { class: 'notify__what' }, t('notify.what')),
    emailRow,
    action,
    status,
  );
  const element = el('details', { class: 'notify', hidden: '' }, summary, panel);

  let roomId = '';
  let pass: string | null = null;
  let busy = false;
  let shownFor = '';

  const show = () => {
    const on = roomId !== '' && notifyState(roomId) !== null;
    summary.textContent = on ? t('notify.on') : t('notify.off');
    summary.classList.toggle('notify__summary--on', on);
    action.textContent = on ? t('notify.turnOff') : t('notify.turnOn');
    emailRow.hidden = on || emailRow.dataset.offered !== 'yes';
    action.disabled = busy;
  };

  action.addEventListener('click', async () => {
    if (!pass || busy) return;
    busy = true;
    status.textContent = '';
    show();
    const on = notifyState(roomId) !== null;
    try {
      if (on) await notifyOff(roomId, pass);
      else await notifyOn(roomId, pass, email.value.trim() || null);
      status.textContent = on ? t('notify.turnedOff') : t('notify.turnedOn');
    } catch (error) {
      status.textContent =
        error instanceof NotifyRefused
          ? t(`notify.${error.reason}`)
          : t('notify.failed', { reason: error instanceof Error ? error.message : '' });
    } finally {
      busy = false;
      show();
    }
  });

  return {
    element,
    update(s: MatchSnapshot) {
      roomId = s.roomId;
      const saved = s.seat ? loadCredentials(s.roomId) : null;
      pass = saved?.seat === s.seat ? (saved?.seatToken ?? null) : null;
      const playing = s.lobby?.stage !== 'ended';
      const key = `${roomId} ${pass} ${playing}`;
      if (key === shownFor) return;
      shownFor = key;
      if (!pass || !playing) {
        element.hidden = true;
        return;
      }
      void notifyAvailability().then((offer) => {
        emailRow.dataset.offered = offer.email ? 'yes' : 'no';
        element.hidden = !offer.push && !offer.email;
        show();
      });
    },
  };
}
