import {
  actualOutcome,
  type ForkOrigin,
  openReplay,
  PHASE_NAMES,
  type Replay,
  type Scenario,
  summariseOutcomes,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { fetchMatchFile } from './load.ts';
import { renderOutcomes } from './outcomes-view.ts';

/**
 * The debrief of a fork: for each seat, what happened from the fork point
 * on in the original beside this fork (wins, entrapments, abandonments,
 * wars, and any track over the rounds). The original is read with this
 * browser's credential for it; without one the section says so.
 */
export function createForkCompare(scenario: Scenario, fork: Replay, origin: ForkOrigin) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const body = el('div', { 'data-testid': 'fork-compare-body' }, t('replay.loadingTheMatch'));
  const element = el(
    'section',
    {
      class: 'panel fork',
      'aria-label': t('outcomes.compareTitle'),
      'data-testid': 'fork-compare',
    },
    el('h2', {}, t('outcomes.compareTitle')),
    el(
      'p',
      {},
      t('outcomes.compareExplain', {
        from: origin.from,
        round: origin.round,
        phase: PHASE_NAMES[origin.phase],
        changed: origin.changedSeat
          ? t('outcomes.changedSeat', { seat: name(origin.changedSeat) })
          : '',
      }),
      origin.reseeded ? ` ${t('outcomes.reseeded')}` : '',
      ' ',
      el('a', { href: `/replay/${encodeURIComponent(origin.from)}` }, t('outcomes.openOriginal')),
    ),
    body,
  );
  let shown: ReturnType<typeof renderOutcomes> | null = null;
  fetchMatchFile(origin.from)
    .then(({ file }) => {
      const original = openReplay({ ...file, log: file.commands });
      const moment = original.timeline[origin.entry];
      if (!moment) throw new Error(`it has no moment ${origin.entry}`);
      shown = renderOutcomes(
        scenario,
        actualOutcome(original, moment.endStep),
        summariseOutcomes([actualOutcome(fork, origin.step)]),
        origin.round,
        t('outcomes.thisFork'),
      );
      body.replaceChildren(shown.element);
      shown.draw();
    })
    .catch((error: unknown) => {
      body.textContent = t('outcomes.originalUnavailable', {
        reason: error instanceof Error ? error.message : String(error),
      });
    });
  return { element, destroy: () => shown?.destroy() };
}
