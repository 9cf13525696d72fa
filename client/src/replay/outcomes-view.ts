import {
  CHARTED_TRACKS,
  type ChartedTrack,
  type OutcomeSummary,
  type RunOutcome,
  type Scenario,
  type SeatOutcome,
  type Spread,
} from '@entanglement/shared';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';

const COUNTS: readonly (keyof SeatOutcome)[] = ['entrapped', 'abandoned', 'abandonedBy', 'wars'];

/** A spread as text: the median, and the range of the middle 80 % when it is not one number. */
function spreadText(s: Spread): string {
  return s.p10 === s.p90 ? String(s.median) : `${s.median} (${s.p10}–${s.p90})`;
}

/**
 * What really happened from the fork point on (`actual`) beside the other
 * side (`other`: the bots' runs, or the fork's one match in its debrief),
 * seat by seat: wins, entrapments, abandonments both ways and wars, then one
 * seat's track over the rounds as a chart (the original's line and the
 * other side's median with its 10–90 % band).
 */
export function renderOutcomes(
  scenario: Scenario,
  actual: RunOutcome,
  other: OutcomeSummary,
  fromRound: number,
  otherLabel: string,
) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const seats = Object.keys(actual.seats);
  const head = el(
    'tr',
    {},
    el('th', { scope: 'col' }, t('outcomes.seat')),
    el('th', { scope: 'col' }, t('outcomes.won')),
    ...COUNTS.map((k) => el('th', { scope: 'col' }, t(`outcomes.${k}`))),
  );
  const cell = (original: string, then: string) =>
    el('td', {}, el('span', { class: 'outcomes__actual' }, original), ' / ', then);
  const rows = seats.map((s) =>
    el(
      'tr',
      { 'data-seat': s },
      el('th', { scope: 'row' }, name(s)),
      cell(actual.winner === s ? '✓' : '–', `${other.wins[s] ?? 0}/${other.runs}`),
      ...COUNTS.map((k) =>
        cell(String(actual.seats[s]![k]), spreadText(other.seats[s]?.[k] ?? zero())),
      ),
    ),
  );
  const seatSelect = el(
    'select',
    { 'aria-label': t('outcomes.chartSeat') },
    ...seats.map((s) => el('option', { value: s }, name(s))),
  );
  const trackSelect = el(
    'select',
    { 'aria-label': t('outcomes.chartTrack') },
    ...CHARTED_TRACKS.map((k) => el('option', { value: k }, t(`outcomes.track.${k}`))),
  );
  const chartBox = el('div', { class: 'chart', 'data-testid': 'outcomes-chart' });
  const element = el(
    'div',
    { class: 'outcomes', 'data-testid': 'outcomes' },
    el(
      'p',
      {},
      other.runs === 1
        ? t('outcomes.legendOne', { other: otherLabel })
        : t('outcomes.legend', { other: otherLabel }),
    ),
    el(
      'div',
      { class: 'fork__scroll' },
      el('table', { class: 'fork__table' }, el('thead', {}, head), el('tbody', {}, ...rows)),
    ),
    el(
      'p',
      {},
      el('label', {}, `${t('outcomes.chartSeat')} `, seatSelect),
      ' ',
      el('label', {}, `${t('outcomes.chartTrack')} `, trackSelect),
    ),
    chartBox,
  );

  let plot: uPlot | null = null;
  const draw = () => {
    plot?.destroy();
    const seat = seatSelect.value;
    const track = trackSelect.value as ChartedTrack;
    const spreads = other.tracks[seat]?.[track] ?? [];
    const points = Math.max(actual.tracks.length, spreads.length);
    const rounds = Array.from({ length: points }, (_, i) => fromRound + i);
    const original = rounds.map((_, i) => actual.tracks[i]?.[seat]?.[track] ?? null);
    const pick = (k: keyof Spread) => rounds.map((_, i) => spreads[i]?.[k] ?? null);
    const width = Math.max(280, Math.min(1200, element.clientWidth - 16 || 600));
    plot = new uPlot(
      {
        width,
        height: 220,
        scales: { x: { time: false } },
        axes: [
          {
            stroke: '#a9b6c8',
            grid: { stroke: '#2a3d5a' },
            label: t('outcomes.round'),
            incrs: [1],
          },
          { stroke: '#a9b6c8', grid: { stroke: '#2a3d5a' } },
        ],
        series: [
          {},
          { label: t('outcomes.original'), stroke: '#f0c05a', width: 3 },
          {
            label: other.runs > 1 ? `${otherLabel}: ${t('outcomes.median')}` : otherLabel,
            stroke: '#5ac8c8',
            width: 2,
          },
          ...(other.runs > 1
            ? [
                { label: '10 %', stroke: '#5ac8c8', dash: [4, 4], width: 1 },
                { label: '90 %', stroke: '#5ac8c8', dash: [4, 4], width: 1 },
              ]
            : []),
        ],
      },
      other.runs > 1
        ? [rounds, original, pick('median'), pick('p10'), pick('p90')]
        : [rounds, original, pick('median')],
      chartBox,
    );
  };
  seatSelect.addEventListener('change', draw);
  trackSelect.addEventListener('change', draw);
  return { element, draw, destroy: () => plot?.destroy() };
}

function zero(): Spread {
  return { min: 0, p10: 0, median: 0, p90: 0, max: 0, mean: 0 };
}
