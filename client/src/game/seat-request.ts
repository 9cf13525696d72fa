import type { Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';

/** The words of this module (kept together for the i18n catalogue). */
const TEXT = {
  title: 'Join the match',
  intro: 'You are watching. Ask the host for a place: join a seat’s team or take over from a bot.',
  seatLabel: 'Seat to ask for',
  ask: 'Ask the host',
  withdraw: 'Withdraw my request',
  waiting: (seat: string) => `You asked for ${seat}; the host will answer.`,
  team: (seat: string, people: string) => `${seat}: join ${people}`,
  bot: (seat: string) => `${seat}: take over from the bot`,
  away: (seat: string) => `${seat}: its players are away`,
  dismiss: 'Close',
};

/**
 * A spectator during play asks the host for a seat (`requestSeat`): the
 * seats as the lobby lists them, each with what taking it means, and the
 * open request with a way to withdraw it. The host's answer comes back as a
 * notice (`createNotice`).
 */
export function createSeatRequest(scenario: Scenario, connection: MatchConnection) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const seat = el('select', { 'aria-label': TEXT.seatLabel, 'data-testid': 'request-seat' });
  const ask = el('button', { type: 'button', class: 'button button--small' }, TEXT.ask);
  const withdraw = el('button', { type: 'button', class: 'button button--small' }, TEXT.withdraw);
  const status = el('p', { class: 'seat-request__status', role: 'status' });
  const error = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  ask.addEventListener('click', () => {
    if (seat.value) connection.requestSeat(seat.value);
  });
  withdraw.addEventListener('click', () => connection.requestSeat(null));
  const element = el(
    'section',
    { class: 'panel seat-request', 'aria-label': TEXT.title, hidden: '' },
    el('h2', {}, TEXT.title),
    el('p', {}, TEXT.intro),
    el('div', { class: 'host__row' }, seat, ask),
    status,
    withdraw,
    error,
  );
  let seatsKey: string | null = null;

  return {
    element,
    update(s: MatchSnapshot) {
      const open = s.lobby?.stage === 'playing' && s.seat === null && !s.isHost;
      element.hidden = !open;
      if (!open || !s.lobby) return;
      const options = s.lobby.seats.map((x) => {
        const label = x.bot
          ? TEXT.bot(name(x.seat))
          : x.people.length > 0
            ? TEXT.team(name(x.seat), x.people.map((p) => p.nickname).join(', '))
            : TEXT.away(name(x.seat));
        return { value: x.seat, label };
      });
      const key = JSON.stringify(options);
      if (key !== seatsKey) {
        seatsKey = key;
        const keep = seat.value;
        seat.replaceChildren(...options.map((o) => el('option', { value: o.value }, o.label)));
        if (options.some((o) => o.value === keep)) seat.value = keep;
      }
      const waiting = s.requested;
      status.textContent = waiting ? TEXT.waiting(name(waiting)) : '';
      status.hidden = !waiting;
      withdraw.hidden = !waiting;
      ask.disabled = options.length === 0;
      const refused = s.lastError?.type === 'requestSeat' ? s.lastError.reason : '';
      error.hidden = !refused;
      error.textContent = refused;
    },
  };
}

/** What the server told this person about their place (handed to a bot, a request answered), until closed. */
export function createNotice(connection: MatchConnection) {
  const text = el('span', {});
  const close = el('button', { type: 'button', class: 'button button--small' }, TEXT.dismiss);
  close.addEventListener('click', () => connection.dismissNotice());
  const element = el(
    'div',
    { class: 'notice', role: 'status', 'data-testid': 'seat-notice', hidden: '' },
    text,
    close,
  );
  return {
    element,
    update(s: MatchSnapshot) {
      element.hidden = s.notice === null;
      text.textContent = s.notice ?? '';
    },
  };
}
