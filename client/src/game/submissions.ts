import type { Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';
import { actorBadge } from './actor-badge.ts';

/**
 * Who has finished this phase: every seat's public "done" mark (the view
 * shows other seats' done flags, never their orders), people or bot.
 */
export function createSubmissions(scenario: Scenario) {
  const list = el('ul', { class: 'submissions__list' });
  const summary = el('p', { class: 'submissions__summary' });
  const element = el(
    'section',
    { class: 'panel submissions', 'aria-label': t('submissions.whoIsDone') },
    el('h2', {}, t('submissions.whoIsDone')),
    summary,
    list,
  );
  return {
    element,
    update(s: MatchSnapshot) {
      const view = s.view;
      if (!view) return;
      const bots = new Set(s.lobby?.seats.filter((x) => x.bot).map((x) => x.seat));
      const away = new Set(s.lobby?.seats.filter((x) => x.away).map((x) => x.seat));
      const people = new Map(s.lobby?.seats.map((x) => [x.seat, x.people.map((p) => p.nickname)]));
      let done = 0;
      list.replaceChildren(
        ...view.seats.map((seat) => {
          const actor = scenario.actors.find((a) => a.id === seat)!;
          const isDone = view.drafts[seat]?.done ?? false;
          if (isDone) done++;
          const who = bots.has(seat)
            ? `${s.lobby?.botLevel ?? ''} bot`.trim()
            : away.has(seat)
              ? s.lobby?.awayRule.on
                ? t('away.marked')
                : 'away: a bot stands in'
              : (people.get(seat) ?? []).join(', ') || 'nobody connected';
          return el(
            'li',
            {
              class: `submissions__seat${isDone ? ' is-done' : ''}`,
              'data-seat': seat,
              'data-away': String(away.has(seat)),
            },
            el('span', { class: 'submissions__mark', 'aria-hidden': 'true' }, isDone ? '✔' : '…'),
            actorBadge(actor),
            el('span', { class: 'submissions__who' }, `${who} · ${isDone ? 'done' : 'deciding'}`),
          );
        }),
      );
      summary.textContent = `${done} of ${view.seats.length} done`;
    },
  };
}
