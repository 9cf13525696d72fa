import type { ChartedTrack, Scenario, TrackSeries } from '@entanglement/shared';
import { CHARTED_TRACKS } from '@entanglement/shared';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { el } from '../dom.ts';

const TRACK_NAMES: Record<ChartedTrack, string> = {
  power: 'Power',
  wealth: 'Wealth',
  autonomy: 'Autonomy',
  reputation: 'Reputation',
  security: 'Security',
  cohesion: 'Cohesion',
  influence: 'Influence (sum over regions)',
};

/** Dashes per series so that lines differ by more than colour (colour-blind players). */
const DASHES: number[][] = [[], [8, 4], [2, 3], [10, 3, 2, 3]];

/**
 * The charts of a replay: one track of every seated actor over the rounds
 * (the track chosen in a select), and global tension. Each line carries the
 * actor's colour, a dash pattern and its emblem in the legend.
 */
export function createCharts(scenario: Scenario, series: TrackSeries) {
  const track = el(
    'select',
    { 'aria-label': 'Track to chart' },
    ...CHARTED_TRACKS.map((t) => el('option', { value: t }, TRACK_NAMES[t])),
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
  const width = () => Math.max(280, Math.min(1400, element.clientWidth - 32 || 600));

  const draw = () => {
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
          axes: [
            { stroke: '#a9b6c8', grid: { stroke: '#2a3d5a' }, label: 'Round', incrs: [1] },
            { stroke: '#a9b6c8', grid: { stroke: '#2a3d5a' } },
          ],
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
          axes: [
            { stroke: '#a9b6c8', grid: { stroke: '#2a3d5a' }, label: 'Round', incrs: [1] },
            { stroke: '#a9b6c8', grid: { stroke: '#2a3d5a' } },
          ],
          series: [{ label: 'Round' }, { label: 'Tension', stroke: '#f2c14e', width: 2 }],
        },
        [series.rounds, series.tension],
        tensionBox,
      ),
    );
  };
  track.addEventListener('change', draw);

  return {
    element,
    /** Draws once the element is in the page (uPlot measures it). */
    draw,
    destroy() {
      for (const p of plots.splice(0)) p.destroy();
    },
  };
}
