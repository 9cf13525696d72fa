import { awards, type Scenario, scoreMatch, stateOfView } from '@entanglement/shared';
import { el } from '../dom.ts';
import { oneDecimal, signedOneDecimal } from '../format.ts';
import { actorBadge } from '../game/actor-badge.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { roundAccounts, whatHappenedToYou } from '../panels/account-model.ts';
import { downloadButton } from '../replay/load.ts';
import { seatCredits } from '../seat-credits.ts';
import { createRematchBox } from './rematch-box.ts';
import type { Screen } from './screen.ts';

/**
 * The end of the match: the engine's ranking (scoreMatch on the final view,
 * which reveals everything once the match is over), each actor's score
 * broken down, the awards, and the way to the archived match.
 */
export function createEndScreen(scenario: Scenario, connection: MatchConnection): Screen {
  const element = el('main', { class: 'end' });
  const rematch = createRematchBox(connection);
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  let shownStep = -1;

  return {
    element,
    update(s: MatchSnapshot) {
      rematch.update(s);
      const view = s.view;
      const lobby = s.lobby!;
      const step = view?.step ?? -2;
      if (step === shownStep) return;
      shownStep = step;
      const links = el(
        'p',
        { class: 'end__links' },
        downloadButton(
          s.roomId,
          `/api/matches/${encodeURIComponent(s.roomId)}`,
          `match-${s.roomId}.json`,
          t('end.downloadTheMatchFile'),
          'button',
        ),
        ' ',
        el(
          'a',
          { href: `/replay/${encodeURIComponent(s.roomId)}`, class: 'button' },
          t('end.replayAndDebrief'),
        ),
        ' ',
        el('a', { href: '/archive', class: 'button button--ghost' }, t('end.finishedMatches')),
        ' ',
        el('a', { href: '/', class: 'button button--ghost' }, t('end.home')),
      );
      if (view?.phase !== 'ended') {
        element.replaceChildren(
          el('h1', {}, t('end.theHostEndedThe')),
          el(
            'p',
            {},
            `It stopped in round ${view?.round ?? '?'} before its last round, so there is no ranking and no secret is revealed.`,
          ),
          links,
          rematch.element,
        );
        return;
      }
      const state = stateOfView(view);
      const scores = scoreMatch(scenario, state);
      const ending = view.ending;
      element.replaceChildren(
        el('h1', {}, t('end.matchOver')),
        el(
          'p',
          { class: 'end__why' },
          ending?.reason === 'greatPowerWar'
            ? `A great-power war ended the match in round ${ending.round}. Those whose actions pushed Tension to the top rank last; everyone else loses a quarter of their stars.`
            : ending?.reason === 'endedEarly'
              ? `The host ended the match in round ${ending.round}. Goals and par are fitted to the ${ending.roundsPlayed} round${ending.roundsPlayed === 1 ? '' : 's'} played.`
              : `The match ended after round ${ending?.round ?? view.round}.`,
        ),
        lastRound(scenario, view.account, s.seat) ?? '',
        el(
          'ol',
          { class: 'ranking', 'data-testid': 'ranking' },
          ...scores.map((score) => {
            const actor = scenario.actors.find((a) => a.id === score.seat)!;
            const people = lobby.seats.find((x) => x.seat === score.seat);
            const who =
              seatCredits(lobby.seatHistory, score.seat, ending?.round ?? view.round) ??
              (people?.bot ? 'bot' : (people?.people.map((p) => p.nickname).join(', ') ?? ''));
            return el(
              'li',
              { class: `ranking__row${score.seat === s.seat ? ' is-mine' : ''}` },
              el('span', { class: 'ranking__rank' }, `#${score.rank}`),
              actorBadge(actor),
              el('span', { class: 'ranking__who' }, who),
              el(
                'span',
                { class: 'ranking__score' },
                `${oneDecimal(score.stars)} stars, par ${oneDecimal(score.par)}: ${signedOneDecimal(score.margin)}`,
              ),
              el(
                'ul',
                { class: 'ranking__goals' },
                ...score.goals.map((g) =>
                  el(
                    'li',
                    {},
                    `${g.label}: ${oneDecimal(g.value)} → ${'★'.repeat(g.stars) || 'no star'}`,
                  ),
                ),
                score.objective
                  ? el(
                      'li',
                      {},
                      `Secret objective — ${score.objective.text}: ${score.objective.met ? 'met ★' : 'not met'}`,
                    )
                  : null,
                score.grievancePenalty
                  ? el('li', {}, `Grievances held against it: −${score.grievancePenalty}`)
                  : null,
                score.warMaker ? el('li', {}, t('end.pushedTheWorldInto')) : null,
              ),
            );
          }),
        ),
        el('h2', {}, t('end.awards')),
        el(
          'ul',
          { class: 'awards' },
          ...awards(scenario, state).map((a) =>
            el('li', {}, `${a.title}: ${name(a.seat)} (${oneDecimal(a.value)})`),
          ),
        ),
        links,
        rematch.element,
      );
    },
  };
}

/**
 * The last round's resolution, which no Resolution phase showed: what
 * happened to the seat first, then the whole account, folded.
 */
function lastRound(
  scenario: Scenario,
  account: Parameters<typeof roundAccounts>[1],
  seat: string | null,
): HTMLElement | null {
  const last = Math.max(0, ...account.map((e) => e.round));
  if (last === 0) return null;
  const events = account.filter((e) => e.round === last);
  const mine = seat ? whatHappenedToYou(scenario, events, seat) : null;
  const parts = roundAccounts(scenario, events, seat, { mine: false, part: 'all' })[0]?.parts ?? [];
  return el(
    'section',
    { class: 'end__last', 'aria-label': t('end.theLastRound'), 'data-testid': 'last-round' },
    el('h2', {}, `What happened in round ${last}`),
    mine ? el('ul', { class: 'end__mine' }, ...mine.lines.map((line) => el('li', {}, line))) : null,
    el(
      'details',
      {},
      el('summary', {}, t('end.theWholeAccountOf')),
      ...parts.map((p) =>
        el(
          'section',
          { 'aria-label': p.title },
          el('h3', {}, p.title),
          el('ul', {}, ...p.lines.map((l) => el('li', {}, l.text))),
        ),
      ),
    ),
  );
}
