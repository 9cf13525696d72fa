import { debrief, getScenario, openReplay, type Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import type { MatchSnapshot } from '../net/match-connection.ts';
import { renderDebrief } from '../replay/debrief-view.ts';
import { fetchMatchFile } from '../replay/load.ts';
import { navigate } from '../router.ts';
import { type CoachStep, currentStep, STEP_IDS } from './steps.ts';
import './tutorial.css';

/**
 * The tutorial's coach: a small card over the match screens with the
 * current step (its action, and the engine's words on what it does), and
 * the control for it outlined and scrolled into view. When the tab holding
 * the control is not open, the tab is outlined first. The outline is a
 * style rule on the control's selector, so panels that redraw keep it. At
 * the end it renders the match's concept debrief under the end screen.
 */
export function createCoach() {
  const progress = el('p', { class: 'coach__progress', 'data-testid': 'coach-progress' });
  const title = el('h2', { class: 'coach__title', 'data-testid': 'coach-title' });
  const fold = el(
    'button',
    {
      type: 'button',
      class: 'button button--small button--ghost coach__fold',
      'aria-expanded': 'true',
    },
    'Hide',
  );
  const body = el('div', { class: 'coach__body' });
  const element = el(
    'aside',
    {
      class: 'coach',
      'aria-label': 'Tutorial coach',
      'aria-live': 'polite',
      'data-testid': 'coach',
      hidden: '',
    },
    el('div', { class: 'coach__head' }, el('div', {}, progress, title), fold),
    body,
  );
  const debriefSlot = el('section', {
    class: 'coach-debrief',
    'aria-label': 'Tutorial debrief',
    hidden: '',
  });
  const debriefBody = el('div', {});
  debriefSlot.append(debriefBody);
  const outline = el('style', { 'data-coach': '' });
  document.head.append(outline);
  fold.addEventListener('click', () => {
    const folded = element.dataset.folded !== 'true';
    element.dataset.folded = String(folded);
    fold.textContent = folded ? 'Show' : 'Hide';
    fold.setAttribute('aria-expanded', String(!folded));
  });

  let last: MatchSnapshot | null = null;
  let shown = '';
  let outlined = '';
  let debriefFor = '';

  const render = () => {
    const s = last;
    const scenario = s?.lobby ? getScenario(s.lobby.scenario) : null;
    const step = s && scenario ? currentStep(scenario, s.view, s.seat) : null;
    if (!s || !scenario || !step) {
      element.hidden = true;
      document.body.classList.remove('has-coach');
      highlight('');
      return;
    }
    element.hidden = false;
    // Room under a floating card only: at the end the card heads the debrief.
    document.body.classList.toggle('has-coach', step.id !== 'debrief');
    const tabButton = step.tab
      ? document.querySelector<HTMLElement>(`[data-tab="${step.tab}"]`)
      : null;
    const tabClosed = tabButton !== null && tabButton.getAttribute('aria-selected') !== 'true';
    const key = JSON.stringify([step, tabClosed]);
    if (key !== shown) {
      shown = key;
      drawStep(step, tabClosed ? (tabButton?.textContent ?? step.tab) : null);
    }
    highlight(
      tabClosed
        ? `[data-tab="${step.tab}"]`
        : step.target
          ? `${step.tab ? `#pane-${step.tab} ` : ''}${step.target}`
          : '',
    );
    if (step.id === 'debrief') showDebrief(scenario, s.roomId);
  };

  /** At the end the card stops floating: it heads the debrief, where it covers nothing. */
  const settleInDebrief = () => {
    if (element.parentElement === debriefSlot) return;
    element.classList.add('coach--inline');
    debriefSlot.prepend(element);
  };

  const drawStep = (step: CoachStep, openTab: string | null) => {
    element.dataset.step = step.id;
    progress.textContent = `Tutorial · step ${step.number} of ${STEP_IDS.length}`;
    title.textContent = step.title;
    body.replaceChildren(
      step.lead ? el('p', {}, step.lead) : '',
      ...step.quotes.map((q) => el('blockquote', { class: 'coach__quote' }, q)),
      el(
        'p',
        { class: 'coach__do', 'data-testid': 'coach-action' },
        openTab ? `Open the ${openTab} tab (outlined). Then: ${step.action}` : step.action,
      ),
      step.id === 'debrief'
        ? el(
            'p',
            {},
            el(
              'a',
              { href: `/replay/${encodeURIComponent(last?.roomId ?? '')}`, class: 'button' },
              'Open the full replay',
            ),
            ' ',
            el('a', { href: '/', class: 'button button--ghost' }, 'Home'),
          )
        : '',
    );
  };

  /** Outlines what `selector` finds (now and after any redraw) and scrolls it into view once. */
  const highlight = (selector: string) => {
    if (selector !== outlined) {
      outlined = selector;
      // On one column the card covers the bottom of the page: scroll the control above it.
      outline.textContent = selector
        ? `${selector} { outline: 3px solid var(--warn) !important; outline-offset: 3px; ` +
          'animation: coach-pulse 1.6s ease-in-out infinite; }\n' +
          `@media (max-width: 52rem) { ${selector} { scroll-margin: 4rem 0 calc(var(--coach-room, 38vh) + 1rem); } }`
        : '';
      scrolled = false;
    }
    if (!selector || scrolled) return;
    const target = document.querySelector(selector);
    if (!target) return;
    scrolled = true;
    target.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  };
  let scrolled = false;

  const showDebrief = (scenario: Scenario, roomId: string) => {
    if (debriefFor === roomId) return;
    debriefFor = roomId;
    debriefSlot.hidden = false;
    settleInDebrief();
    const status = el('p', { class: 'status', role: 'status' }, 'Loading the debrief…');
    debriefBody.replaceChildren(status);
    void loadDebrief(scenario, roomId).then(
      (node) => {
        debriefBody.replaceChildren(node);
        debriefSlot.scrollIntoView({ block: 'start', behavior: 'smooth' });
      },
      (error: unknown) => {
        const retry = el('button', { type: 'button', class: 'button button--small' }, 'Try again');
        retry.addEventListener('click', () => {
          debriefFor = '';
          showDebrief(scenario, roomId);
        });
        status.className = 'status status--error';
        status.setAttribute('role', 'alert');
        status.replaceChildren(
          `The debrief cannot be loaded: ${error instanceof Error ? error.message : String(error)} `,
          retry,
        );
      },
    );
  };

  // The room the page leaves under the card follows the card's height.
  const resize = new ResizeObserver(() =>
    document.documentElement.style.setProperty('--coach-room', `${element.offsetHeight}px`),
  );
  resize.observe(element);

  // A tab opened by hand changes no snapshot: look again after each click.
  const onClick = () => requestAnimationFrame(render);
  document.addEventListener('click', onClick, true);

  return {
    element,
    /** Placed under the match screen: the debrief, once the match has ended. */
    debrief: debriefSlot,
    update(s: MatchSnapshot) {
      last = s;
      render();
    },
    destroy() {
      document.removeEventListener('click', onClick, true);
      resize.disconnect();
      document.body.classList.remove('has-coach');
      document.documentElement.style.removeProperty('--coach-room');
      outline.remove();
    },
  };
}

/**
 * The concept debrief of the finished match, as the replay page computes it
 * from the archived match file. The server archives the match as it ends,
 * so a first request may come just before the file is there: a few tries.
 */
async function loadDebrief(scenario: Scenario, roomId: string): Promise<HTMLElement> {
  let lastError: unknown = null;
  for (let attempt = 1; attempt <= 6; attempt++) {
    try {
      const archived = await fetchMatchFile(roomId);
      const replay = openReplay({ ...archived.file, log: archived.file.commands });
      const node = renderDebrief(
        scenario,
        debrief(replay),
        () => navigate({ page: 'replay', matchId: roomId }),
        archived.reflections,
      );
      node.dataset.testid = 'tutorial-debrief';
      return node;
    } catch (error) {
      lastError = error;
      await new Promise((r) => setTimeout(r, 500 * attempt));
    }
  }
  throw lastError;
}
