import {
  ctxOf,
  type MatchState,
  objectiveOf,
  type Scenario,
  type SeatView,
  seatNow,
  stateOfView,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';
import { scoreSoFar } from '../panels/tracks-model.ts';

/**
 * The line under the status bar: what this seat is asked to do now and what
 * happens if it does nothing, in the engine's words; at the Briefing also the
 * seat's goals with its progress and its secret objective, so a round starts
 * from what the seat is playing for.
 */
export function createNowLine(scenario: Scenario) {
  const ask = el('strong', { class: 'now-line__ask', 'data-testid': 'now-ask' });
  const ifNothing = el('span', { class: 'now-line__default', 'data-testid': 'now-default' });
  const goals = el('section', {
    class: 'now-goals',
    'aria-label': t('now.goals'),
    'data-testid': 'now-goals',
  });
  const element = el(
    'section',
    { class: 'now-line', 'aria-label': t('now.label'), 'aria-live': 'polite' },
    ask,
    ifNothing,
  );

  return {
    element,
    /** The seat's goals, shown at the Briefing only: placed by the screen outside the sticky top. */
    goals,
    update(s: MatchSnapshot) {
      const view = s.view;
      if (!view || !s.seat || !view.seats.includes(s.seat)) {
        element.hidden = true;
        goals.replaceChildren();
        return;
      }
      element.hidden = false;
      const now = seatNow(scenario, stateOfView(view), s.seat);
      ask.textContent = now.ask;
      ifNothing.textContent = now.ifNothing;
      element.classList.toggle('now-line--done', now.done && now.owed === 0);
      goals.replaceChildren(
        ...(view.phase === 'news' ? briefingGoals(scenario, view, s.seat) : []),
      );
    },
  };
}

function briefingGoals(scenario: Scenario, view: SeatView, seat: string): HTMLElement[] {
  const lines = scoreSoFar(scenario, view, seat);
  if (!lines) return [];
  const objective = objectiveOf(ctxOf(scenario), stateOfView(view) as MatchState, seat);
  const out: HTMLElement[] = [
    el('h2', { class: 'now-goals__title' }, t('now.goalsTitle')),
    el('ul', { class: 'now-goals__list' }, ...lines.map((line) => el('li', {}, line))),
  ];
  if (objective)
    out.push(el('p', { class: 'now-goals__secret' }, t('now.secret', { text: objective.text })));
  return out;
}
