import {
  type LobbyMessage,
  PHASE_NAMES,
  type PhaseTimers,
  roundPhases,
  type Scenario,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { actorBadge } from '../game/actor-badge.ts';
import { createChat } from '../game/chat.ts';
import { t } from '../i18n/index.ts';
import { refusalText } from '../i18n/problem-words.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { reachableOrigin } from '../net/reachable-origin.ts';
import type { Screen } from './screen.ts';

/** The address a player types or scans to join: /join/CODE at an origin other devices can open. */
function joinLink(origin: string, code: string): string {
  return `${origin}/join/${code}`;
}

/**
 * The lobby: every seat with its actor's colour, emblem and interests, who
 * sits where (teams share a seat), spectators, and for the host the settings,
 * Start and a link to the projector view.
 */
export function createLobbyScreen(scenario: Scenario, connection: MatchConnection): Screen {
  const title = el('h1', {}, scenario.title);
  const forkNote = el('p', { class: 'lobby__fork', 'data-testid': 'lobby-fork', hidden: '' });
  const codeBox = el('div', { class: 'join-code' });
  // Opened on localhost, the page shows the server's LAN address instead, as the projector does.
  let origin = location.origin;
  let code: string | null = null;
  const link = el('span', { class: 'join-code__link', 'data-testid': 'lobby-join-link' });
  void reachableOrigin().then((found) => {
    origin = found;
    if (code) link.textContent = joinLink(origin, code);
  });
  const seats = el('ul', { class: 'seat-grid', 'aria-label': t('lobby.seats') });
  const spectators = el('p', { class: 'spectators' });
  // The away rule is a setting of the match everyone sees (the host chose it).
  const awayRule = el('p', { class: 'hint', 'data-testid': 'away-rule' });
  const hostBox = el('section', {
    class: 'panel host-box',
    'aria-label': t('lobby.host'),
    hidden: '',
  });
  const notice = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  const chat = createChat(scenario, connection);
  const element = el(
    'div',
    { class: 'lobby' },
    el(
      'header',
      { class: 'lobby__head' },
      el('div', {}, el('p', { class: 'eyebrow' }, t('lobby.eyebrow')), title, forkNote),
      codeBox,
    ),
    notice,
    el(
      'div',
      { class: 'lobby__main' },
      el('div', {}, seats, spectators, awayRule, hostBox),
      chat.element,
    ),
  );
  let lastError: unknown = null;
  let shownLobby: unknown = null;
  let shownKey = '';

  return {
    element,
    update(s: MatchSnapshot) {
      chat.update(s);
      if (s.lastError !== lastError) {
        lastError = s.lastError;
        notice.hidden = !s.lastError;
        notice.textContent = s.lastError ? refusalText(s.lastError, scenario) : '';
      }
      // Redraw the seats only when they changed: a chat line must not take the keyboard focus away.
      const key = `${s.seat}|${s.isHost}`;
      if (s.lobby === shownLobby && key === shownKey) return;
      shownLobby = s.lobby;
      shownKey = key;
      const lobby = s.lobby!;
      code = lobby.code;
      forkNote.hidden = !lobby.fork;
      forkNote.textContent = lobby.fork
        ? t('archive.forkOf', {
            from: lobby.fork.from,
            round: lobby.fork.round,
            phase: PHASE_NAMES[lobby.fork.phase],
          })
        : '';
      link.textContent = joinLink(origin, code);
      codeBox.replaceChildren(
        el('span', { class: 'join-code__label' }, t('lobby.joinCode')),
        el('strong', { class: 'join-code__value', 'data-testid': 'join-code' }, lobby.code),
        link,
      );
      seats.replaceChildren(
        ...lobby.seats.map((seat) => seatCard(scenario, lobby, seat, s, connection)),
      );
      spectators.replaceChildren(
        ...(lobby.spectators.length > 0
          ? [
              t('lobby.watching'),
              ...lobby.spectators.flatMap((p, i) => [
                i > 0 ? ', ' : '',
                p.nickname,
                ...(s.isHost ? [' ', assignControl(lobby, p, connection)] : []),
              ]),
            ]
          : []),
      );
      awayRule.textContent = awayRuleText(lobby);
      hostBox.hidden = !s.isHost;
      if (s.isHost) renderHostBox(hostBox, lobby, s, connection);
    },
  };
}

/** The away rule of the match, in words. */
function awayRuleText(lobby: LobbyMessage): string {
  const rule = lobby.awayRule;
  return rule.on ? t('away.ruleOn', { count: rule.afterPhases }) : t('away.ruleOff');
}

function seatCard(
  scenario: Scenario,
  lobby: LobbyMessage,
  seat: LobbyMessage['seats'][number],
  s: MatchSnapshot,
  connection: MatchConnection,
): HTMLElement {
  const actor = scenario.actors.find((a) => a.id === seat.seat)!;
  const mine = s.seat === seat.seat;
  const people = seat.people.map((p) => {
    const item = el(
      'li',
      {},
      el(
        'span',
        { class: p.ready ? 'ready-mark is-ready' : 'ready-mark' },
        p.ready ? t('lobby.ready') : t('lobby.notReady'),
      ),
      ' ',
      p.nickname,
      p.id === s.sessionId ? t('lobby.you') : '',
      p.muted ? t('lobby.muted') : '',
    );
    if (s.isHost && p.id !== s.sessionId) {
      const mute = el(
        'button',
        { type: 'button', class: 'link-button' },
        p.muted ? t('lobby.unmute') : t('lobby.mute'),
      );
      mute.addEventListener('click', () =>
        connection.host({ action: p.muted ? 'unmute' : 'mute', person: p.id }),
      );
      item.append(' ', mute);
      const remove = el(
        'button',
        {
          type: 'button',
          class: 'link-button',
          'aria-label': t('lobby.removeLabel', { name: p.nickname }),
        },
        t('lobby.remove'),
      );
      remove.addEventListener('click', () => {
        if (confirm(t('lobby.removeConfirm', { name: p.nickname })))
          connection.host({ action: 'remove', person: p.id });
      });
      item.append(' ', remove);
    }
    return item;
  });
  const take = el(
    'button',
    { type: 'button', class: 'button button--small' },
    seat.people.length > 0 ? t('lobby.joinTeam') : t('lobby.takeSeat'),
  );
  take.addEventListener('click', () => connection.claimSeat(seat.seat));
  if (lobby.seatingLocked && !s.isHost) {
    take.setAttribute('disabled', '');
    take.textContent = t('lobby.hostAssigns');
  }
  return el(
    'li',
    {
      class: `seat-card${mine ? ' seat-card--mine' : ''}`,
      style: `--actor:${actor.colour}`,
      'data-seat': seat.seat,
    },
    actorBadge(actor),
    el('p', { class: 'seat-card__about', lang: 'en' }, actor.description),
    people.length > 0
      ? el('ul', { class: 'seat-card__people' }, ...people)
      : el(
          'p',
          { class: 'seat-card__empty' },
          lobby.stage === 'lobby'
            ? t('lobby.open', { level: t(`botLevel.${lobby.botLevel}`) })
            : t('lobby.bot', { level: t(`botLevel.${lobby.botLevel}`) }),
        ),
    mine ? readyToggle(seat, s, connection) : take,
  );
}

/** The host's control that gives a spectator a seat (with a pass of their own). */
function assignControl(
  lobby: LobbyMessage,
  person: LobbyMessage['spectators'][number],
  connection: MatchConnection,
): HTMLElement {
  const select = el(
    'select',
    { 'aria-label': t('lobby.seatFor', { name: person.nickname }) },
    el('option', { value: '' }, t('lobby.seatChoose')),
    ...lobby.seats
      .filter((seat) => !seat.bot)
      .map((seat) => el('option', { value: seat.seat }, seat.name)),
  );
  select.addEventListener('change', () => {
    const seat = (select as HTMLSelectElement).value;
    if (seat) connection.host({ action: 'assignSeat', person: person.id, seat });
  });
  return select;
}

function readyToggle(
  seat: LobbyMessage['seats'][number],
  s: MatchSnapshot,
  connection: MatchConnection,
): HTMLElement {
  const me = seat.people.find((p) => p.id === s.sessionId);
  const button = el(
    'button',
    { type: 'button', class: 'button button--small', 'aria-pressed': String(Boolean(me?.ready)) },
    me?.ready ? t('lobby.notReadyAfterAll') : t('lobby.iAmReady'),
  );
  button.addEventListener('click', () => connection.setReady(!me?.ready));
  const leave = el('button', { type: 'button', class: 'link-button' }, t('lobby.leaveSeat'));
  leave.addEventListener('click', () => connection.leaveSeat());
  return el('p', { class: 'seat-card__mine' }, t('lobby.yourSeat'), button, ' ', leave);
}

function timersText(timers: PhaseTimers, pace: 'quick' | 'full'): string {
  const phases: (keyof PhaseTimers)[] = roundPhases(pace).filter(
    (p): p is keyof PhaseTimers => p !== 'ended',
  );
  return phases.map((p) => `${t(`phase.${p}`)} ${formatSeconds(timers[p])}`).join(' · ');
}

function formatSeconds(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const r = seconds % 60;
  return m > 0 ? `${m}:${String(r).padStart(2, '0')}` : t('lobby.seconds', { n: r });
}

function renderHostBox(
  box: HTMLElement,
  lobby: LobbyMessage,
  s: MatchSnapshot,
  connection: MatchConnection,
): void {
  const start = el(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'start' },
    t('lobby.start'),
  );
  start.addEventListener('click', () => connection.host({ action: 'start' }));
  const lock = el(
    'button',
    {
      type: 'button',
      class: 'button button--ghost',
      'aria-pressed': String(lobby.seatingLocked),
      'data-testid': 'lock-seating',
    },
    lobby.seatingLocked ? t('lobby.unlock') : t('lobby.lock'),
  );
  lock.addEventListener('click', () =>
    connection.host({ action: 'lockSeating', locked: !lobby.seatingLocked }),
  );
  const seated = lobby.seats.filter((x) => x.people.length > 0).length;
  box.replaceChildren(
    el('h2', {}, t('lobby.youAreHost')),
    el(
      'p',
      {},
      t('lobby.roundsPace', {
        count: lobby.rounds,
        pace: lobby.pace === 'full' ? t('lobby.paceFull') : t('lobby.paceQuick'),
      }),
      timersText(lobby.timers, lobby.pace),
    ),
    el(
      'p',
      {},
      t('lobby.seatsTaken', {
        seated,
        total: lobby.seats.length,
        level: t(`botLevel.${lobby.botLevel}`),
      }),
    ),
    el(
      'p',
      { class: 'host-box__actions' },
      start,
      ' ',
      lock,
      ' ',
      el(
        'a',
        {
          href: `/match/${encodeURIComponent(s.roomId)}?projector&code=${encodeURIComponent(s.code)}`,
          target: '_blank',
          class: 'button button--ghost',
        },
        t('lobby.projector'),
      ),
    ),
  );
}
