import type { Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';
import { actorBadge } from './actor-badge.ts';
import { formatClock, formatDeadline, remainingMs } from './countdown.ts';
import { createNotifyControl } from './notify-control.ts';
import { createTensionGauge } from './tension.ts';

/** Round, phase and time left, World Tension, the player's seat and the connection: the top line of the game. */
export function createStatusBar(scenario: Scenario) {
  const round = el('span', { class: 'status-bar__round' });
  const phase = el('strong', { class: 'status-bar__phase', 'data-testid': 'phase' });
  const clock = el('span', {
    class: 'status-bar__clock',
    role: 'timer',
    'aria-label': t('status.timeLeft'),
  });
  const seat = el('span', { class: 'status-bar__seat' });
  const tension = createTensionGauge('compact');
  const notify = createNotifyControl();
  const element = el(
    'header',
    { class: 'status-bar' },
    round,
    phase,
    clock,
    tension.element,
    seat,
    notify.element,
  );
  let snapshot: MatchSnapshot | null = null;
  let seatShown: string | null | undefined;

  const tick = () => {
    if (!snapshot?.timer) return;
    const left = remainingMs(snapshot.timer);
    const deadline = formatDeadline(snapshot.timer);
    clock.textContent = snapshot.timer.paused
      ? t('status.paused', { clock: formatClock(left) })
      : `${formatClock(left)}${deadline ? ` · ${deadline}` : ''}`;
    clock.classList.toggle('status-bar__clock--low', !snapshot.timer.paused && left < 15_000);
  };
  const interval = window.setInterval(tick, 250);

  return {
    element,
    update(s: MatchSnapshot) {
      snapshot = s;
      const view = s.view;
      if (view) {
        const label = scenario.roundLabels[view.round - 1];
        round.textContent = `${t('status.round', { round: view.round, rounds: view.settings.rounds })}${label ? ` · ${label}` : ''}`;
        phase.textContent = t(`phase.${view.phase}`);
        tension.update(view.tension);
      }
      if (seatShown !== s.seat) {
        seatShown = s.seat;
        const actor = scenario.actors.find((a) => a.id === s.seat);
        seat.replaceChildren(
          actor ? actorBadge(actor, t('status.you', { name: actor.name })) : t('status.watching'),
        );
      }
      notify.update(s);
      tick();
    },
    destroy() {
      window.clearInterval(interval);
    },
  };
}
