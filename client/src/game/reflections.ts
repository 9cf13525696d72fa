import type { ReflectionPrompt } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';

/**
 * The reflection questions put to this seat after a resolution ("why did
 * your seat abandon Armenia?"): one line each, optional. Answers go with the
 * match into the replay and the debrief.
 */
export function createReflections(connection: MatchConnection) {
  const element = el('section', {
    class: 'reflections',
    'aria-label': t('reflections.questionsForYourSeat'),
    'aria-live': 'polite',
    hidden: '',
  });
  let shown: readonly ReflectionPrompt[] = [];

  const card = (prompt: ReflectionPrompt) => {
    const input = el('input', {
      maxlength: '300',
      placeholder: t('reflections.oneLineOptional'),
      'aria-label': t('reflections.yourAnswer'),
    });
    const form = el(
      'form',
      { class: 'reflections__form' },
      el('p', { class: 'reflections__question' }, prompt.question),
      el(
        'div',
        { class: 'reflections__row' },
        input,
        el('button', { type: 'submit', class: 'button button--small' }, 'Answer'),
        el(
          'button',
          { type: 'button', class: 'button button--small button--ghost', 'data-skip': '' },
          'Skip',
        ),
      ),
    );
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) connection.reflect(prompt, text);
    });
    form.querySelector('[data-skip]')!.addEventListener('click', () => connection.dismiss(prompt));
    return form;
  };

  return {
    element,
    update(s: MatchSnapshot) {
      if (s.prompts === shown) return;
      shown = s.prompts;
      element.hidden = s.prompts.length === 0;
      element.replaceChildren(...s.prompts.slice(0, 2).map(card));
    },
  };
}
