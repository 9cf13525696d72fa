import {
  type CrisisPreview,
  hostCommands,
  type LegalOption,
  type LobbyMessage,
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
import { extensionStep, formatClock } from './countdown.ts';

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

/** The words of the seat controls (kept together for the i18n catalogue). */
const SEAT_TEXT = {
  requests: 'Seat requests',
  noRequests: 'Nobody is asking for a seat.',
  asks: (who: string, seat: string, bot: boolean) =>
    bot ? `${who} asks to take over ${seat} from its bot` : `${who} asks to join ${seat}`,
  approve: 'Approve',
  decline: 'Decline',
  move: 'Move a person',
  moveWho: 'Person to move',
  moveTo: 'Seat to move them to',
  moveButton: 'Seat them here',
  fromBot: 'Give a bot’s seat to a person',
  botSeat: 'Seat a bot plays',
  botWho: 'Person to give it to',
  botButton: 'Give them this seat',
  watching: 'watching',
};

/** Everyone connected, with where they are now: the options of the host's person lists. */
function peopleChoices(scenario: Scenario, lobby: LobbyMessage) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  return [
    ...lobby.seats.flatMap((x) =>
      x.people.map((p) => ({ id: p.id, label: `${p.nickname} (${name(x.seat)})` })),
    ),
    ...lobby.spectators.map((p) => ({ id: p.id, label: `${p.nickname} (${SEAT_TEXT.watching})` })),
  ];
}

/** Fills a select with options (value, label), keeping the chosen one when it is still there. */
function fill(select: HTMLSelectElement, options: readonly { id: string; label: string }[]) {
  const keep = select.value;
  select.replaceChildren(...options.map((o) => el('option', { value: o.id }, o.label)));
  if (options.some((o) => o.id === keep)) select.value = keep;
}

/**
 * The host's seat controls during play: the spectators' open requests
 * (approve or decline), moving a person to a seat people play (a new pass
 * for it; the old one stops working) and giving a bot's seat to a person.
 * Only what the server allows is offered: people move to seats people play,
 * bot seats are given only from their own list.
 */
function createSeatControls(scenario: Scenario, connection: MatchConnection) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const requests = el('ul', {
    class: 'host__requests',
    'aria-live': 'polite',
    'data-testid': 'seat-requests',
  });
  const moveWho = el('select', { 'aria-label': SEAT_TEXT.moveWho, 'data-testid': 'move-who' });
  const moveTo = el('select', { 'aria-label': SEAT_TEXT.moveTo, 'data-testid': 'move-to' });
  const move = button(SEAT_TEXT.moveButton, () => {
    if (moveWho.value && moveTo.value)
      connection.host({ action: 'assignSeat', person: moveWho.value, seat: moveTo.value });
  });
  const botSeat = el('select', { 'aria-label': SEAT_TEXT.botSeat, 'data-testid': 'bot-seat-back' });
  const botWho = el('select', { 'aria-label': SEAT_TEXT.botWho, 'data-testid': 'bot-seat-who' });
  const giveBack = button(SEAT_TEXT.botButton, () => {
    if (botSeat.value && botWho.value)
      connection.host({ action: 'giveBotSeat', person: botWho.value, seat: botSeat.value });
  });
  const botRow = el(
    'div',
    {},
    el('h3', {}, SEAT_TEXT.fromBot),
    el('div', { class: 'host__row host__row--stack' }, botSeat, botWho, giveBack),
  );
  const element = el(
    'div',
    {},
    el('h3', {}, SEAT_TEXT.requests),
    requests,
    el('h3', {}, SEAT_TEXT.move),
    el('div', { class: 'host__row host__row--stack' }, moveWho, moveTo, move),
    botRow,
  );
  let key: string | null = null;
  return {
    element,
    update(s: MatchSnapshot) {
      const lobby = s.lobby;
      if (!lobby) return;
      const next = JSON.stringify([lobby.seats, lobby.spectators, s.seatRequests]);
      if (next === key) return;
      key = next;
      requests.replaceChildren(
        ...(s.seatRequests.length === 0
          ? [el('li', { class: 'host__none' }, SEAT_TEXT.noRequests)]
          : s.seatRequests.map((r) =>
              el(
                'li',
                { class: 'host__request' },
                el('span', {}, SEAT_TEXT.asks(r.nickname, name(r.seat), r.bot)),
                button(SEAT_TEXT.approve, () =>
                  connection.host({ action: 'approveRequest', person: r.person }),
                ),
                button(SEAT_TEXT.decline, () =>
                  connection.host({ action: 'declineRequest', person: r.person }),
                ),
              ),
            )),
      );
      const people = peopleChoices(scenario, lobby);
      const humans = lobby.seats
        .filter((x) => !x.bot)
        .map((x) => ({ id: x.seat, label: name(x.seat) }));
      const bots = lobby.seats
        .filter((x) => x.bot)
        .map((x) => ({ id: x.seat, label: name(x.seat) }));
      fill(moveWho, people);
      fill(moveTo, humans);
      fill(botWho, people);
      fill(botSeat, bots);
      move.disabled = people.length === 0 || humans.length === 0;
      botRow.hidden = bots.length === 0;
      giveBack.disabled = people.length === 0;
    },
  };
}

/**
 * The host's controls during play: the clock (pause, resume, extend, skip),
 * injecting a crisis with the engine's preview of who it would drag in,
 * the seats (requests, moving people, handing a seat to a bot and back),
 * and ending the match.
 */
export function createHostControls(scenario: Scenario, connection: MatchConnection) {
  const pause = button('Pause', () =>
    connection.host({ action: connection.current.timer?.paused ? 'resume' : 'pause' }),
  );
  const extend = button('Extend', () =>
    connection.host({ action: 'extend', seconds: extensionStep(connection.current.timer) }),
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
  const seats = createSeatControls(scenario, connection);
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
    seats.element,
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
      seats.update(s);
      pause.textContent = s.timer?.paused ? 'Resume' : 'Pause';
      const left = s.timer?.extensionsLeft ?? 0;
      const step = extensionStep(s.timer);
      const amount = step < 3600 ? `${Math.round(step / 60)} min` : formatClock(step * 1000);
      extend.textContent = `Extend +${amount} (${left} left)`;
      extend.disabled = left === 0;
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
