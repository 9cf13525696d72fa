import type { ChartedTrack, Scenario, TrackSeries } from '@entanglement/shared';
import { CHARTED_TRACKS } from '@entanglement/shared';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';

/** Dashes per series so that lines differ by more than colour (colour-blind players). */
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

/** Axis and grid colours: light on the dark screen, dark on white paper. */
const INKS = {
  screen: { axis: '#a9b6c8', grid: '#2a3d5a' },
  paper: { axis: '#222222', grid: '#bbbbbb' },
};
/** The charts' width on A4 paper (CSS px inside the default margins). */
const PAPER_WIDTH = 680;

/**
 * The charts of a replay: one track of every seated actor over the rounds
 * (the track chosen in a select), and global tension. Each line carries the
 * actor's colour, a dash pattern and its emblem in the legend.
 */
export function createCharts(scenario: Scenario, series: TrackSeries) {
  const track = el(
    'select',
    { 'aria-label': 'Track to chart' },
    ...CHARTED_TRACKS.map((k) => el('option', { value: k }, t(`outcomes.track.${k}`))),
  );
  const tracksBox = el('div', { class: 'chart', 'data-testid': 'track-chart' });
  const tensionBox = el('div', { class: 'chart', 'data-testid': 'tension-chart' });
  const element = el(
    'section',
    { class: 'panel charts', 'aria-label': 'Charts' },
    el('h2', {}, 'Over the rounds'),
    el('label', {}, 'Track ', track),
    tracksBox,
    el('h3', {}, 'Global tension'),
    tensionBox,
  );
  const actor = (id: string) => scenario.actors.find((a) => a.id === id);
  const plots: uPlot[] = [];
  let paper = false;
  const width = () =>
    paper ? PAPER_WIDTH : Math.max(280, Math.min(1400, element.clientWidth - 32 || 600));

  const draw = () => {
    const ink = paper ? INKS.paper : INKS.screen;
    const axes = [
      { stroke: ink.axis, grid: { stroke: ink.grid }, label: 'Round', incrs: [1] },
      { stroke: ink.axis, grid: { stroke: ink.grid } },
    ];
    for (const p of plots.splice(0)) p.destroy();
    const t = track.value as ChartedTrack;
    const seats = series.seats.filter(
      (s) => t !== 'cohesion' || series.series[s]![t].some((v) => v >= 0),
    );
    plots.push(
      new uPlot(
        {
          width: width(),
          height: 240,
          scales: { x: { time: false } },
          axes,
          series: [
            { label: 'Round' },
            ...seats.map((s, i) => ({
              label: `${actor(s)?.emblem ?? s} ${actor(s)?.short ?? s}`,
              stroke: actor(s)?.colour ?? '#ccc',
              width: 2,
              dash: DASHES[i % DASHES.length],
            })),
          ],
        },
        [series.rounds, ...seats.map((s) => series.series[s]![t])],
        tracksBox,
      ),
      new uPlot(
        {
          width: width(),
          height: 160,
          scales: { x: { time: false }, y: { range: [0, 10] } },
          axes,
          series: [{ label: 'Round' }, { label: 'Tension', stroke: '#f2c14e', width: 2 }],
        },
        [series.rounds, series.tension],
        tensionBox,
      ),
    );
  };
  track.addEventListener('change', draw);
  /** Redraws for paper (page width, dark ink) or back for the screen. */
  const forPaper = (on: boolean) => {
    if (paper === on) return;
    paper = on;
    draw();
  };
  // The browser's Print fires these around printing; uPlot draws at once, so the paper sees the redraw.
  const beforePrint = () => forPaper(true);
  const afterPrint = () => forPaper(false);
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  return {
    element,
    /** Draws once the element is in the page (uPlot measures it). */
    draw,
    forPaper,
    destroy() {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      for (const p of plots.splice(0)) p.destroy();
    },
  };
}
