import { RULES } from '@entanglement/shared';
import { el } from '../dom.ts';

/** How close the world is to great-power war, in words a player reads. */
export function tensionWords(tension: number) {
  const max = RULES.maxTension;
  const level = tension >= max ? 'war' : tension >= RULES.highTension ? 'high' : 'calm';
  return {
    level,
    label: `World Tension ${tension} of ${max}`,
    atMax:
      level === 'war'
        ? 'Great-power war: the match is over, and the seats that pushed Tension there rank last.'
        : `At ${max}, great-power war ends the match at once: the seats that push it there rank last, and every other seat loses a quarter of its stars.`,
    high:
      level === 'high'
        ? `High Tension (${RULES.highTension} or more): ${RULES.cardsAtHighTension} crisis cards a round instead of 1.`
        : null,
  } as const;
}

/**
 * World Tension as a gauge of one cell per point up to great-power war, its
 * value and what happens at the top. `compact` is the status bar's one line
 * (the consequence in its tooltip and accessible description).
 */
export function createTensionGauge(variant: 'compact' | 'full') {
  const cells = el('span', { class: 'tension__cells', 'aria-hidden': 'true' });
  for (let i = 0; i < RULES.maxTension; i++) cells.append(el('span', { class: 'tension__cell' }));
  const value = el('span', { class: 'tension__value', 'data-testid': 'tension' });
  const note = el('span', { class: 'tension__note' });
  const high = el('span', { class: 'tension__high' });
  const element = el(
    variant === 'compact' ? 'span' : 'div',
    {
      class: `tension tension--${variant}`,
      role: 'meter',
      'aria-label': 'World Tension',
      'aria-valuemin': '0',
      'aria-valuemax': String(RULES.maxTension),
    },
    value,
    cells,
    note,
    variant === 'full' ? high : null,
  );
  let shown: number | null = null;
  return {
    element,
    update(tension: number) {
      if (shown === tension) return;
      shown = tension;
      const words = tensionWords(tension);
      element.dataset.level = words.level;
      element.setAttribute('aria-valuenow', String(tension));
      element.setAttribute('aria-valuetext', `${words.label}. ${words.atMax}`);
      value.textContent =
        variant === 'compact'
          ? `Tension ${tension}/${RULES.maxTension}`
          : `${tension} / ${RULES.maxTension}`;
      if (variant === 'compact') element.title = `${words.label}. ${words.atMax}`;
      cells.querySelectorAll('.tension__cell').forEach((cell, i) => {
        cell.classList.toggle('is-on', i < tension);
      });
      // The status bar says it in three words; the projector and My state in a sentence.
      note.textContent =
        variant === 'compact'
          ? words.level === 'war'
            ? 'great-power war'
            : `war at ${RULES.maxTension}`
          : words.atMax;
      high.textContent = words.high ?? '';
      high.hidden = !words.high;
    },
  };
}
