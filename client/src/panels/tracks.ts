import { el } from '../dom.ts';
import { createTensionGauge } from '../game/tension.ts';
import { t } from '../i18n/index.ts';
import { createPanel, note, section } from './kit.ts';
import type { Panel } from './panel.ts';
import {
  PUBLIC_COLUMNS,
  publicTable,
  scoreSoFar,
  seatTracks,
  type TrackLine,
} from './tracks-model.ts';

/** A list of labelled numbers; `pnl-tracks` is the seat's own tracks (tests read it), `pnl-budget` the round's spending. */
function lines(items: TrackLine[], kind: 'tracks' | 'budget' = 'tracks'): HTMLElement {
  return el(
    'dl',
    { class: `pnl-${kind}` },
    ...items.flatMap((t) => [
      el('dt', {}, t.label),
      el('dd', {}, el('strong', {}, t.value), el('span', { class: 'pnl-hint' }, t.hint)),
    ]),
  );
}

/** World Tension, the one track every seat shares, with what happens at its top. */
function worldTension(tension: number): HTMLElement {
  const gauge = createTensionGauge('full');
  gauge.update(tension);
  return section(t('tracksPanel.worldTension'), gauge.element);
}

/** The seat's own state: tracks, Entangled, what its plans spend, its secret objective; for spectators every seat's public tracks. */
export function createTracksPanel(): Panel {
  return createPanel('tracks', t('tracksPanel.myState'), (kit) => {
    const { scenario, view, seat } = kit.ctx;
    const mine = seat ? seatTracks(scenario, view, seat) : null;
    const score = seat ? scoreSoFar(scenario, view, seat) : null;
    if (!mine) {
      const rows = publicTable(scenario, view);
      return [
        note(t('tracksPanel.youAreWatchingThese')),
        worldTension(view.tension),
        note(PUBLIC_COLUMNS.map((c) => `${c.short} = ${c.long}`).join(', ')),
        el(
          'div',
          { class: 'pnl-scroll' },
          el(
            'table',
            { class: 'pnl-table' },
            el(
              'thead',
              {},
              el(
                'tr',
                {},
                el('th', { scope: 'col' }, 'Seat'),
                ...PUBLIC_COLUMNS.map((c) =>
                  el(
                    'th',
                    { scope: 'col', 'aria-label': c.long },
                    el('abbr', { title: c.long }, c.short),
                  ),
                ),
              ),
            ),
            el(
              'tbody',
              {},
              ...rows.map((r) =>
                el(
                  'tr',
                  {},
                  el('th', { scope: 'row' }, r.name),
                  ...r.cells.map((n) => el('td', {}, String(n))),
                ),
              ),
            ),
          ),
        ),
      ];
    }
    return [
      el('p', { class: 'pnl-lead' }, `You play ${mine.name}.`),
      mine.entangled
        ? el(
            'p',
            { class: 'pnl-alert pnl-alert--entrapment' },
            el('span', { 'aria-hidden': 'true' }, '∞ '),
            mine.entangled,
          )
        : null,
      lines(mine.tracks),
      worldTension(view.tension),
      section('Influence', note(mine.influence)),
      section(t('tracksPanel.thisRound'), lines(mine.budget, 'budget')),
      mine.markers.length > 0
        ? section(
            'Markers',
            el('ul', { class: 'pnl-list' }, ...mine.markers.map((m) => el('li', {}, m))),
          )
        : null,
      section(
        t('tracksPanel.secretObjective'),
        el('p', { class: 'pnl-secret' }, mine.objective ?? t('tracksPanel.youHaveNoSecret')),
      ),
      score
        ? section(
            t('tracksPanel.scoreIfTheMatch'),
            el(
              'ul',
              { class: 'pnl-list', 'data-testid': 'score' },
              ...score.map((l) => el('li', {}, l)),
            ),
          )
        : null,
    ];
  });
}
