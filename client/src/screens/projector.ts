import {
  classBrief,
  entanglementMeter,
  type HeadlineKind,
  PHASE_NAMES,
  roundHeadlines,
  type Scenario,
  type SeatView,
  stateOfView,
} from '@entanglement/shared';
import { renderSVG } from 'uqr';
import { el } from '../dom.ts';
import { actorBadge } from '../game/actor-badge.ts';
import { formatClock, formatDeadline, remainingMs } from '../game/countdown.ts';
import { createMapSlot } from '../game/map-slot.ts';
import { createSubmissions } from '../game/submissions.ts';
import { createTensionGauge } from '../game/tension.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { isLocalHost, reachableOrigin } from '../net/reachable-origin.ts';
import type { Screen } from './screen.ts';

const HEADLINE_TITLES: Record<HeadlineKind, string> = {
  entrapment: 'Entrapment',
  abandonment: 'Abandonment',
  treatyMade: 'Treaty made',
  treatyBroken: 'Treaty broken',
  war: 'War',
};

/** A join link as shown: no scheme, allowed to wrap only before its path. */
function linkText(link: string): (string | HTMLElement)[] {
  const bare = link.replace(/^https?:\/\//, '');
  const slash = bare.indexOf('/');
  return slash < 0 ? [bare] : [bare.slice(0, slash), el('wbr'), bare.slice(slash)];
}

/** Said under a link only this computer can open (the server knows no network address of its own). */
function localOnlyWarning(link: string): HTMLElement | null {
  return isLocalHost(new URL(link).hostname)
    ? el(
        'p',
        { class: 'projector__warning', 'data-testid': 'local-only' },
        t('projector.thisAddressWorksOn'),
      )
    : null;
}

/** A QR code of `link` as an image (an SVG data URL: nothing is parsed into the page). */
function qrImage(link: string, className: string): HTMLImageElement {
  const svg = renderSVG(link, { ecc: 'M', border: 2 });
  return el('img', {
    class: className,
    src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
    alt: `QR code of the join link ${link}`,
    'data-testid': 'join-qr',
    'data-link': link,
  });
}

/** How World Tension moved this round, from the round's tension events. */
function tensionChange(account: SeatView['account'], tension: number): HTMLElement {
  const moves = account.filter((e) => e.type === 'tension');
  const first = moves[0];
  const before = first
    ? (first.amounts?.tension ?? tension) - (first.amounts?.change ?? 0)
    : tension;
  return el(
    'p',
    { class: 'projector__tension-change', 'data-testid': 'tension-change' },
    before === tension
      ? `World Tension stays at ${tension}.`
      : `World Tension ${tension > before ? 'rises' : 'eases'} from ${before} to ${tension}.`,
  );
}

/**
 * The classroom's big screen, read from the back row: a spectator's view
 * (never a seat's secrets). In the lobby the join link, its QR code and the
 * code large, and the seats filling up; in play the phase and what the class
 * is asked to do now, a large timer, the map, World Tension, the
 * entanglement meter, who is done, and at Resolution the round's headlines.
 * The join link uses the address other devices reach the server at, not the
 * teacher's localhost.
 */
export function createProjectorScreen(scenario: Scenario, _connection: MatchConnection): Screen {
  const lobbyPart = el('div', { class: 'projector__lobby' });
  const round = el('p', { class: 'projector__round' });
  const phase = el('h1', { class: 'projector__phase', 'data-testid': 'phase' });
  const now = el('p', { class: 'projector__now', 'data-testid': 'what-now' });
  const ifNothing = el('p', { class: 'projector__if-nothing' });
  const clock = el('p', {
    class: 'projector__clock',
    role: 'timer',
    'aria-label': t('projector.timeLeftInThis'),
    'data-testid': 'clock',
  });
  const tension = createTensionGauge('full');
  const head = el(
    'header',
    { class: 'projector__head' },
    el('div', { class: 'projector__brief' }, round, phase, now, ifNothing),
    el(
      'section',
      { class: 'projector__tension', 'aria-label': t('projector.worldTension') },
      el('h2', {}, t('projector.worldTension')),
      tension.element,
    ),
    clock,
  );
  const map = createMapSlot(scenario);
  const headlines = el('section', {
    class: 'projector__headlines',
    'aria-label': t('projector.headlinesOfTheRound'),
    'data-testid': 'headlines',
  });
  const join = el('section', { class: 'panel projector__join', 'aria-label': t('projector.join') });
  const meter = el('section', {
    class: 'panel meter',
    'aria-label': t('projector.entanglementMeter'),
  });
  const crises = el('section', {
    class: 'panel projector__crises',
    'aria-label': t('projector.crises'),
  });
  const submissions = createSubmissions(scenario);
  const playPart = el(
    'div',
    { class: 'projector__play' },
    head,
    el('div', { class: 'projector__map' }, map.element, headlines),
    // Focusable: the side column scrolls when its crises overflow, and keys must reach it too.
    el(
      'aside',
      { class: 'projector__side', tabindex: '0' },
      join,
      meter,
      submissions.element,
      crises,
    ),
  );
  const element = el('div', { class: 'projector' }, lobbyPart, playPart);
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

  let origin = location.origin;
  let snapshot: MatchSnapshot | null = null;
  let joinShown = '';
  let lobbyShown = '';
  void reachableOrigin().then((found) => {
    origin = found;
    if (snapshot) render(snapshot);
  });

  const tick = () => {
    const timer = snapshot?.timer;
    if (!timer) {
      clock.textContent = '';
      return;
    }
    const left = remainingMs(timer);
    const deadline = formatDeadline(timer);
    clock.textContent = timer.paused
      ? `Paused ${formatClock(left)}`
      : `${formatClock(left)}${deadline ? ` · ${deadline}` : ''}`;
    clock.classList.toggle('is-low', !timer.paused && left < 15_000);
    clock.classList.toggle('is-paused', timer.paused);
  };
  const interval = window.setInterval(tick, 250);

  const renderLobby = (s: MatchSnapshot, link: string) => {
    const lobby = s.lobby!;
    const key = JSON.stringify([link, lobby.seats]);
    if (key === lobbyShown) return;
    lobbyShown = key;
    lobbyPart.replaceChildren(
      el('h1', {}, scenario.title),
      el(
        'div',
        { class: 'projector__invitation' },
        qrImage(link, 'projector__qr projector__qr--large'),
        el(
          'div',
          {},
          el('p', { class: 'projector__invite' }, t('projector.scanTheCodeOr')),
          el('p', { class: 'projector__link', 'data-testid': 'join-link' }, ...linkText(link)),
          localOnlyWarning(link),
          el('p', { class: 'projector__invite' }, 'and type the code'),
          el('p', { class: 'projector__big-code', 'data-testid': 'join-code' }, lobby.code),
        ),
      ),
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
  };

  const renderJoin = (link: string, code: string) => {
    if (joinShown === link) return;
    joinShown = link;
    join.replaceChildren(
      qrImage(link, 'projector__qr'),
      el(
        'div',
        {},
        el('h2', {}, t('projector.joinOrComeBack')),
        el('p', { class: 'projector__join-link', 'data-testid': 'join-link' }, ...linkText(link)),
        el('p', { class: 'projector__code' }, t('projector.code'), el('strong', {}, code)),
        localOnlyWarning(link),
      ),
    );
  };

  const render = (s: MatchSnapshot) => {
    const lobby = s.lobby!;
    const link = `${origin}/join/${lobby.code}`;
    const inLobby = lobby.stage === 'lobby';
    lobbyPart.hidden = !inLobby;
    playPart.hidden = inLobby;
    if (inLobby) {
      renderLobby(s, link);
      return;
    }
    renderJoin(link, lobby.code);
    submissions.update(s);
    const view = s.view;
    if (!view) return;
    const label = scenario.roundLabels[view.round - 1];
    round.textContent = `Round ${view.round} of ${view.settings.rounds}${label ? ` · ${label}` : ''}`;
    phase.textContent = PHASE_NAMES[view.phase];
    const brief = classBrief(view.phase, view.settings.pace, view.round >= view.settings.rounds);
    now.textContent = brief.now;
    ifNothing.textContent = brief.ifNothing;
    map.update(view);
    tension.update(view.tension);

    const reading = entanglementMeter(scenario, stateOfView(view));
    const worst = scenario.cards.find((c) => c.id === reading.worstCard);
    meter.replaceChildren(
      el('h2', {}, t('projector.entanglementMeter')),
      el('p', { class: 'meter__value', 'data-testid': 'meter' }, String(reading.worst)),
      el(
        'p',
        {},
        reading.worst === 0
          ? t('projector.noCrisisAnywhereWould')
          : `${reading.worst === 1 ? 'actor' : 'actors'} a single crisis could drag in through treaties right now${worst ? ` (worst: ${worst.title})` : ''}: ${reading.worstActors.map(name).join(', ')}.`,
      ),
    );

    const resolving = view.phase === 'resolution';
    headlines.hidden = !resolving;
    crises.hidden = resolving;
    if (resolving) {
      const list = roundHeadlines(scenario, view.account);
      headlines.replaceChildren(
        el('h2', {}, `Headlines of round ${view.round}`),
        tensionChange(view.account, view.tension),
        list.length === 0
          ? el('p', {}, t('projector.aQuietRoundNo'))
          : el(
              'ul',
              {},
              ...list.map((h) =>
                el(
                  'li',
                  { class: `headline headline--${h.kind}`, 'data-kind': h.kind },
                  el('strong', {}, HEADLINE_TITLES[h.kind]),
                  ' ',
                  h.text,
                ),
              ),
            ),
      );
    } else {
      const live = view.crises.filter((c) => c.live);
      crises.replaceChildren(
        el('h2', {}, t('projector.crises')),
        live.length === 0
          ? el('p', {}, t('projector.noLiveCrisis'))
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
    }
  };

  return {
    element,
    update(s: MatchSnapshot) {
      snapshot = s;
      render(s);
      tick();
    },
    destroy() {
      window.clearInterval(interval);
      map.destroy();
    },
  };
}
