import { entanglementMeter, type Scenario, stateOfView } from '@entanglement/shared';
import { el } from '../dom.ts';
import { actorBadge } from '../game/actor-badge.ts';
import { createMapSlot } from '../game/map-slot.ts';
import { createStatusBar } from '../game/status-bar.ts';
import { createSubmissions } from '../game/submissions.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { joinLink } from './lobby.ts';
import type { Screen } from './screen.ts';

/**
 * The classroom's big screen: a spectator's view (never a seat's secrets).
 * In the lobby it shows the join code and link large and the seats filling
 * up; in play the map, the phase and timer, who is done and the
 * entanglement meter.
 */
export function createProjectorScreen(scenario: Scenario, _connection: MatchConnection): Screen {
  const lobbyPart = el('div', { class: 'projector__lobby' });
  const status = createStatusBar(scenario);
  const map = createMapSlot(scenario);
  const meter = el('section', { class: 'panel meter', 'aria-label': 'Entanglement meter' });
  const crises = el('section', { class: 'panel projector__crises', 'aria-label': 'Crises' });
  const submissions = createSubmissions(scenario);
  const code = el('p', { class: 'projector__code' });
  const playPart = el(
    'div',
    { class: 'projector__play' },
    status.element,
    el('div', { class: 'projector__map' }, map.element),
    el('aside', { class: 'projector__side' }, meter, crises, submissions.element, code),
  );
  const element = el('div', { class: 'projector' }, lobbyPart, playPart);
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

  return {
    element,
    update(s: MatchSnapshot) {
      const lobby = s.lobby!;
      const inLobby = lobby.stage === 'lobby';
      lobbyPart.hidden = !inLobby;
      playPart.hidden = inLobby;
      if (inLobby) {
        lobbyPart.replaceChildren(
          el('h1', {}, scenario.title),
          el('p', { class: 'projector__invite' }, 'Join at'),
          el('p', { class: 'projector__link' }, joinLink(lobby.code).replace(/^https?:\/\//, '')),
          el('p', { class: 'projector__invite' }, 'with the code'),
          el('p', { class: 'projector__big-code', 'data-testid': 'join-code' }, lobby.code),
          el(
            'ul',
            { class: 'projector__seats' },
            ...lobby.seats.map((seat) => {
              const actor = scenario.actors.find((a) => a.id === seat.seat)!;
              const names = seat.people.map((p) => p.nickname).join(', ');
              return el(
                'li',
                { class: names ? 'is-taken' : '' },
                actorBadge(actor),
                el('span', {}, names || 'open'),
              );
            }),
          ),
        );
        return;
      }
      status.update(s);
      code.textContent = `Join code ${lobby.code}`;
      submissions.update(s);
      const view = s.view;
      if (!view) return;
      map.update(view);
      const reading = entanglementMeter(scenario, stateOfView(view));
      const worst = scenario.cards.find((c) => c.id === reading.worstCard);
      meter.replaceChildren(
        el('h2', {}, 'Entanglement meter'),
        el('p', { class: 'meter__value', 'data-testid': 'meter' }, String(reading.worst)),
        el(
          'p',
          {},
          reading.worst === 0
            ? 'No crisis anywhere would drag anyone in through a treaty right now.'
            : `actors a single crisis could drag in through treaties right now${worst ? ` (worst: ${worst.title})` : ''}: ${reading.worstActors.map(name).join(', ')}.`,
        ),
        el(
          'p',
          { class: 'hint' },
          `${reading.exposed.length} actors are exposed to at least one crisis.`,
        ),
      );
      const live = view.crises.filter((c) => c.live);
      crises.replaceChildren(
        el('h2', {}, 'Crises'),
        live.length === 0
          ? el('p', {}, 'No live crisis.')
          : el(
              'ul',
              {},
              ...live.map((c) => {
                const card = scenario.cards.find((x) => x.id === c.card);
                const region = scenario.regions.find((r) => r.id === c.region)?.name ?? c.region;
                return el(
                  'li',
                  {},
                  el('strong', {}, card?.title ?? c.card),
                  ` · ${region} · severity ${c.preview}`,
                );
              }),
            ),
      );
    },
    destroy() {
      status.destroy();
      map.destroy();
    },
  };
}
