import { PHASE_NAMES, type Replay, type Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';

/** Playback speeds: phases shown per second. */
const SPEEDS = [0.5, 1, 2, 4] as const;

/** An entrapment or abandonment on the timeline, with the entry to jump to. */
export interface TimelineMark {
  entry: number;
  type: 'entrapment' | 'abandonment';
  text: string;
}

/** The entrapment and abandonment events of a replay, in order, described by the engine. */
export function timelineMarks(
  replay: Replay,
  describe: (event: Replay['events'][number]['event']) => string,
): TimelineMark[] {
  return replay.events
    .filter((e) => e.event.type === 'entrapment' || e.event.type === 'abandonment')
    .map((e) => ({
      entry: e.entry,
      type: e.event.type as TimelineMark['type'],
      text: describe(e.event),
    }));
}

export function entryLabel(scenario: Scenario, replay: Replay, index: number): string {
  const entry = replay.timeline[index]!;
  const year = scenario.roundLabels[entry.round - 1];
  return `Round ${entry.round}${year ? ` (${year})` : ''} · ${PHASE_NAMES[entry.phase]}`;
}

/**
 * The scrubber: a slider over every phase played, step back and forward,
 * play at several speeds, and the entrapment and abandonment marks as
 * buttons that jump to their phase. Keyboard: the slider takes arrow keys.
 */
export function createTimeline(
  scenario: Scenario,
  replay: Replay,
  marks: TimelineMark[],
  onSeek: (index: number) => void,
) {
  const last = replay.timeline.length - 1;
  const slider = el('input', {
    type: 'range',
    min: '0',
    max: String(last),
    step: '1',
    value: '0',
    class: 'timeline__slider',
    'aria-label': 'Moment of the match',
    'data-testid': 'scrubber',
  });
  const label = el('output', { class: 'timeline__label', 'data-testid': 'moment' });
  const back = el(
    'button',
    { type: 'button', class: 'button button--small', 'aria-label': 'One phase back' },
    '◀',
  );
  const forward = el(
    'button',
    { type: 'button', class: 'button button--small', 'aria-label': 'One phase forward' },
    '▶',
  );
  const play = el(
    'button',
    { type: 'button', class: 'button button--small', 'aria-pressed': 'false' },
    'Play',
  );
  const speed = el(
    'select',
    { 'aria-label': 'Speed' },
    ...SPEEDS.map((s) =>
      el('option', { value: String(s), ...(s === 1 ? { selected: '' } : {}) }, `${s}×`),
    ),
  );
  const ticks = el(
    'ol',
    { class: 'timeline__marks', 'aria-label': 'Entrapment and abandonment' },
    ...marks.map((m) => {
      const button = el(
        'button',
        {
          type: 'button',
          class: `timeline__mark timeline__mark--${m.type}`,
          'data-entry': String(m.entry),
        },
        el(
          'span',
          { class: 'timeline__mark-icon', 'aria-hidden': 'true' },
          m.type === 'entrapment' ? '∞' : '⚠',
        ),
        ` ${entryLabel(scenario, replay, m.entry)} — ${m.text}`,
      );
      button.addEventListener('click', () => seek(m.entry));
      return el('li', {}, button);
    }),
  );
  let current = 0;
  let timer: number | null = null;

  const seek = (index: number) => {
    current = Math.max(0, Math.min(last, index));
    slider.value = String(current);
    label.textContent = `${entryLabel(scenario, replay, current)} — ${current + 1} of ${last + 1}`;
    back.disabled = current === 0;
    forward.disabled = current === last;
    onSeek(current);
  };
  const stop = () => {
    if (timer !== null) window.clearInterval(timer);
    timer = null;
    play.textContent = 'Play';
    play.setAttribute('aria-pressed', 'false');
  };
  const start = () => {
    if (current === last) seek(0);
    play.textContent = 'Pause';
    play.setAttribute('aria-pressed', 'true');
    timer = window.setInterval(() => {
      if (current >= last) return stop();
      seek(current + 1);
    }, 1000 / Number(speed.value));
  };

  slider.addEventListener('input', () => seek(Number(slider.value)));
  back.addEventListener('click', () => seek(current - 1));
  forward.addEventListener('click', () => seek(current + 1));
  play.addEventListener('click', () => (timer === null ? start() : stop()));
  speed.addEventListener('change', () => {
    if (timer !== null) {
      stop();
      start();
    }
  });

  return {
    element: el(
      'section',
      { class: 'panel timeline', 'aria-label': 'Timeline' },
      el('div', { class: 'timeline__controls' }, back, play, forward, speed, label),
      slider,
      marks.length > 0
        ? el(
            'details',
            { class: 'timeline__details' },
            el(
              'summary',
              {},
              `Entrapment (${marks.filter((m) => m.type === 'entrapment').length}) and abandonment ` +
                `(${marks.filter((m) => m.type === 'abandonment').length}): jump to the moment`,
            ),
            ticks,
          )
        : el('p', { class: 'hint' }, 'No entrapment or abandonment in this match.'),
    ),
    seek,
    get current() {
      return current;
    },
    destroy: stop,
  };
}
