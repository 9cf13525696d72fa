import {
  type CrisisPreview,
  hostCommands,
  type LegalOption,
  previewCrisis,
  type Scenario,
  type SeatView,
  stateOfView,
  TIE_LEVELS,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { optionReason, refusalText } from '../i18n/problem-words.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';

/** The engine's inject option for the host now: the cards it takes, or why none. */
function injectOption(scenario: Scenario, view: SeatView): LegalOption | undefined {
  return hostCommands(scenario, stateOfView(view)).find((o) => o.kind === 'injectCrisis');
}

/** The cards the engine lets the host inject now, as cards. */
export function injectChoices(scenario: Scenario, view: SeatView): Scenario['cards'] {
  const ids = new Set(injectOption(scenario, view)?.targets ?? []);
  return scenario.cards.filter((c) => ids.has(c.id));
}

/** The engine's preview of a crisis in words: who its calls would drag in, and through what. */
export function previewLines(scenario: Scenario, preview: CrisisPreview): string[] {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  if (preview.calls.length === 0) return ['Nobody would be called in.'];
  return preview.calls.map((call) => {
    const via = call.callers
      .map(
        (c) =>
          `${name(c.party)} (${c.via === 'bloc' ? `bloc ${c.bloc}` : c.via === 'tie' ? TIE_LEVELS[c.level] : 'its footprint'})`,
      )
      .join(' and ');
    const kind = call.treaty
      ? ' — treaty call, cannot hedge'
      : call.asked
        ? ' — asked by its ally, not bound'
        : '';
    return `${name(call.actor)}${kind}: called by ${via}; ${call.stake} stake`;
  });
}

/**
 * The host's controls during play: the clock (pause, resume, extend, skip),
 * injecting a crisis with the engine's preview of who it would drag in,
 * handing a seat to a bot, and ending the match.
 */
export function createHostControls(scenario: Scenario, connection: MatchConnection) {
  const pause = button('Pause', () =>
    connection.host({ action: connection.current.timer?.paused ? 'resume' : 'pause' }),
  );
  const extend = button('One more minute', () =>
    connection.host({ action: 'extend', seconds: 60 }),
  );
  const skip = button('End this phase now', () => {
    if (confirm('End this phase now? Seats that have not finished get their default orders.'))
      connection.host({ action: 'skip' });
  });
  const end = button('End the match', () => {
    if (confirm('End the match for everyone now?')) connection.host({ action: 'end' });
  });
  const card = el('select', { id: 'inject-card', 'aria-label': 'Crisis to inject' });
  const preview = el('ul', { class: 'host__preview', 'aria-live': 'polite' });
  const inject = button('Inject this crisis', () => {
    if (card.value) connection.host({ action: 'inject', card: card.value });
  });
  const seat = el('select', { id: 'bot-seat', 'aria-label': 'Seat to hand to a bot' });
  const toBot = button('Hand to a bot', () => {
    if (seat.value && confirm('A bot will play this seat from now on. Continue?'))
      connection.host({ action: 'replaceWithBot', seat: seat.value });
  });
  const error = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  const element = el(
    'section',
    { class: 'panel host', 'aria-label': 'Host controls' },
    el('h2', {}, 'Host controls'),
    el('div', { class: 'host__row' }, pause, extend, skip),
    el('h3', {}, 'Inject a crisis'),
    el('div', { class: 'host__row' }, card, inject),
    preview,
    el('h3', {}, 'Seats'),
    el('div', { class: 'host__row' }, seat, toBot),
    el('div', { class: 'host__row' }, end),
    error,
  );
  let cardsKey = '';
  // Not a key any seat list gives, so the first update always fills the select.
  let seatsKey: string | null = null;
  let lastError: unknown = null;
  let view: SeatView | null = null;

  const showPreview = () => {
    if (!view || !card.value) return preview.replaceChildren();
    const p = previewCrisis(scenario, stateOfView(view), card.value);
    preview.replaceChildren(
      ...(p ? previewLines(scenario, p) : []).map((line) => el('li', {}, line)),
    );
  };
  card.addEventListener('change', showPreview);

  return {
    element,
    update(s: MatchSnapshot) {
      view = s.view;
      pause.textContent = s.timer?.paused ? 'Resume' : 'Pause';
      if (view) {
        const cards = injectChoices(scenario, view);
        const key = cards.map((c) => c.id).join(',');
        if (key !== cardsKey) {
          cardsKey = key;
          const keep = card.value;
          card.replaceChildren(
            ...cards.map((c) => el('option', { value: c.id }, `${c.title} (${c.year})`)),
          );
          if (cards.some((c) => c.id === keep)) card.value = keep;
        }
        showPreview();
        const option = injectOption(scenario, view);
        inject.disabled = !option?.available;
        inject.title = option?.available
          ? ''
          : option
            ? optionReason(option, scenario)
            : t('problem.matchOver');
      }
      const humans = s.lobby?.seats.filter((x) => !x.bot) ?? [];
      const key = humans.map((x) => x.seat).join(',');
      if (key !== seatsKey) {
        seatsKey = key;
        seat.replaceChildren(
          ...humans.map((x) =>
            el(
              'option',
              { value: x.seat },
              `${x.name} (${x.people.map((p) => p.nickname).join(', ') || 'away'})`,
            ),
          ),
        );
        toBot.disabled = humans.length === 0;
      }
      if (s.lastError !== lastError) {
        lastError = s.lastError;
        error.hidden = s.lastError?.type !== 'host';
        error.textContent = s.lastError?.type === 'host' ? refusalText(s.lastError, scenario) : '';
      }
    },
  };
}

function button(label: string, onClick: () => void): HTMLButtonElement {
  const b = el('button', { type: 'button', class: 'button button--small' }, label);
  b.addEventListener('click', onClick);
  return b;
}
