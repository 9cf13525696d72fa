import type { ActorKind } from '@entanglement/shared';
import type { ScenarioSummary, SeatSummary } from './api.ts';
import { el } from './dom.ts';

const KIND_LABELS: Record<ActorKind, string> = {
  greatPower: 'Great power',
  globalSouth: 'Global South',
  nonPlayer: 'Non-player',
};

const PITCH =
  'Lead China, Russia, the United States & NATO or a state of the Global South. ' +
  'Each round you offer flexible partnerships or binding treaties, and each round a crisis ' +
  'tests them. Commit too deeply and a partner drags you into a war you did not choose: ' +
  'that is entrapment. Hedge too much and your partners leave you alone when you need them: ' +
  'that is abandonment. Steer between the two.';

export interface HomePage {
  showLoading(): void;
  showError(message: string, retry: () => void): void;
  showScenarios(scenarios: readonly ScenarioSummary[]): void;
}

/** Builds the home page inside `root` and returns the handle that fills its scenario list. */
export function renderHome(root: HTMLElement): HomePage {
  const list = el('div', { class: 'scenario-area', 'aria-live': 'polite' });
  root.replaceChildren(
    el(
      'header',
      { class: 'hero' },
      el('img', { class: 'hero__logo', src: '/favicon.svg', alt: '', width: '72', height: '72' }),
      el('h1', {}, 'Entanglement'),
      el('p', { class: 'hero__tagline' }, 'A diplomacy game of alliances and the risks they carry'),
      el('p', { class: 'hero__pitch' }, PITCH),
    ),
    el(
      'main',
      {},
      el(
        'section',
        { 'aria-labelledby': 'scenarios-title' },
        el('h2', { id: 'scenarios-title' }, 'Scenarios'),
        list,
      ),
    ),
    el('footer', { class: 'footer' }, 'Hosting and joining matches come next.'),
  );

  return {
    showLoading() {
      list.replaceChildren(el('p', { class: 'status' }, 'Loading scenarios…'));
    },
    showError(message, retry) {
      const button = el('button', { type: 'button', class: 'button' }, 'Try again');
      button.addEventListener('click', retry);
      list.replaceChildren(
        el(
          'div',
          { class: 'status status--error', role: 'alert' },
          el('p', {}, `Could not load the scenarios. ${message}`),
          button,
        ),
      );
    },
    showScenarios(scenarios) {
      list.replaceChildren(
        scenarios.length === 0
          ? el('p', { class: 'status' }, 'No scenarios are installed.')
          : el('ul', { class: 'scenarios' }, ...scenarios.map(scenarioCard)),
      );
    },
  };
}

function scenarioCard(scenario: ScenarioSummary): HTMLLIElement {
  const { required, optional, minOptional, maxOptional } = scenario.seats;
  return el(
    'li',
    { class: 'scenario' },
    el('h3', { class: 'scenario__title' }, scenario.title),
    el(
      'p',
      { class: 'scenario__meta' },
      seatCount(required.length + minOptional, required.length + maxOptional),
    ),
    el('p', { class: 'scenario__description' }, scenario.description),
    seatGroup('Always seated', required),
    optional.length > 0 && seatGroup(optionalLabel(minOptional, maxOptional), optional),
  );
}

function seatCount(min: number, max: number): string {
  return min === max ? `${min} seats` : `${min}–${max} seats`;
}

function optionalLabel(min: number, max: number): string {
  if (min === 0) return max === 1 ? 'Optional' : `Optional, up to ${max}`;
  return min === max ? `Choose ${min}` : `Choose ${min}–${max}`;
}

function seatGroup(label: string, seats: readonly SeatSummary[]): HTMLElement {
  return el(
    'div',
    { class: 'seats' },
    el('h4', { class: 'seats__label' }, label),
    el('ul', { class: 'seats__list' }, ...seats.map(seatChip)),
  );
}

function seatChip(seat: SeatSummary): HTMLLIElement {
  const chip = el(
    'li',
    { class: 'seat', title: KIND_LABELS[seat.kind] ?? seat.kind },
    el('span', { class: 'seat__dot', 'aria-hidden': 'true' }),
    seat.name,
  );
  chip.style.setProperty('--seat-colour', seat.colour);
  return chip;
}
