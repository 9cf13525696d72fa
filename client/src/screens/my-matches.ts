import {
  API_ROUTES,
  getScenario,
  type LiveStanding,
  MAX_OWN_MATCHES,
  PHASE_NAMES,
  SCENARIO_IDS,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { formatClock, formatEndsAt } from '../game/countdown.ts';
import { apiPath, callApi } from '../net/api.ts';
import { allCredentials, keepForRematch, loadCredentials } from '../net/credentials.ts';
import { navigate } from '../router.ts';
import { carryOutPanel } from './carry.ts';
import { credentialsToSend, GROUP_TITLES, groupMatches, MY_GROUPS } from './my-matches-model.ts';

/** How often the page asks again while it is open (a phase may end while it is read). */
const REFRESH_MS = 30_000;

function scenarioTitle(id: string): string {
  return (SCENARIO_IDS as readonly string[]).includes(id) ? getScenario(id).title : id;
}

function seatName(scenarioId: string, seat: string | null): string | null {
  if (seat === null) return null;
  if (!(SCENARIO_IDS as readonly string[]).includes(scenarioId)) return seat;
  return getScenario(scenarioId).actors.find((a) => a.id === seat)?.name ?? seat;
}

function matchRow(m: LiveStanding, now: number): HTMLElement {
  const who = [m.role === 'host' ? 'You host' : null, seatName(m.scenario, m.seat)]
    .filter(Boolean)
    .join(' · ');
  const where =
    m.stage === 'lobby'
      ? 'Lobby: not started'
      : `Round ${m.round} of ${m.rounds} · ${PHASE_NAMES[m.phase]}`;
  const when = m.paused
    ? 'Paused'
    : m.endsAt === null
      ? ''
      : `${formatClock(Math.max(0, m.endsAt - now))} left · ends ${formatEndsAt(m.endsAt)}`;
  const open = el('button', { type: 'button', class: 'button' }, 'Open');
  open.addEventListener('click', () => navigate({ page: 'match', roomId: m.id, projector: false }));
  return el(
    'li',
    { class: 'my-match', 'data-match': m.id },
    el('strong', {}, scenarioTitle(m.scenario)),
    m.waitingOnMe ? el('span', { class: 'badge badge--due' }, 'Your orders are missing') : '',
    el('span', {}, where),
    who ? el('span', {}, who) : '',
    when ? el('span', { class: 'hint' }, when) : '',
    m.stage === 'playing'
      ? el(
          'span',
          { class: 'hint' },
          `${m.seatsNotDone} seat${m.seatsNotDone === 1 ? '' : 's'} not done`,
        )
      : '',
    open,
  );
}

/**
 * A rematch the server found from a finished match's credential: this
 * browser keeps those credentials for it, so it opens and stays listed.
 */
function keepRematches(matches: readonly LiveStanding[]): void {
  for (const m of matches) {
    if (!m.rematchOf || loadCredentials(m.id)) continue;
    const from = loadCredentials(m.rematchOf);
    if (from) keepForRematch(from, { roomId: m.id, code: m.code });
  }
}

/**
 * "My matches": every live match this browser holds a host token or seat
 * pass for, as the server says it stands (POST /api/matches/live), grouped
 * by what waits on this person; finished ones are in the archive. It asks
 * again every 30 s while open. Returns the function that stops it.
 */
export function renderMyMatches(root: HTMLElement): () => void {
  const body = el('div', { 'aria-live': 'polite' }, el('p', { class: 'status' }, 'Loading…'));
  const toArchive = el(
    'button',
    { type: 'button', class: 'button button--ghost' },
    'Finished matches: the archive',
  );
  toArchive.addEventListener('click', () => navigate({ page: 'archive' }));
  const home = el('button', { type: 'button', class: 'button button--ghost' }, 'Home');
  home.addEventListener('click', () => navigate({ page: 'home' }));
  root.replaceChildren(
    el(
      'main',
      { class: 'page my-matches' },
      el('h1', {}, 'My matches'),
      el('p', { class: 'hint' }, 'The matches this browser holds a seat or the host’s key for.'),
      body,
      carryOutPanel(),
      el('div', { class: 'form-row' }, toArchive, home),
    ),
  );
  const load = async () => {
    const route = API_ROUTES.liveMatches;
    const credentials = credentialsToSend(allCredentials(), MAX_OWN_MATCHES);
    try {
      const { matches } = await callApi(route, 200, apiPath(route), { body: { credentials } });
      keepRematches(matches);
      const groups = groupMatches(matches);
      const now = Date.now();
      body.replaceChildren(
        ...(matches.length === 0
          ? [el('p', {}, 'No live match yet: join one with its code, or host one.')]
          : MY_GROUPS.filter((g) => groups[g].length > 0).map((g) =>
              el(
                'section',
                { class: 'card', 'aria-label': GROUP_TITLES[g] },
                el('h2', {}, `${GROUP_TITLES[g]} (${groups[g].length})`),
                el('ul', { class: 'my-matches__list' }, ...groups[g].map((m) => matchRow(m, now))),
              ),
            )),
      );
    } catch (error) {
      body.replaceChildren(
        el(
          'p',
          { class: 'status status--error', role: 'alert' },
          `Could not load your matches. ${error instanceof Error ? error.message : ''}`,
        ),
      );
    }
  };
  void load();
  const timer = window.setInterval(() => void load(), REFRESH_MS);
  return () => window.clearInterval(timer);
}
