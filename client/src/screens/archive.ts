import { getScenario, SCENARIO_IDS } from '@entanglement/shared';
import { el } from '../dom.ts';

/** One finished match as GET /api/matches lists it. */
interface FinishedMatch {
  id: string;
  scenarioId: string;
  finishedAt: number;
  winner: string | null;
  rounds: number;
  seats: { seat: string; nickname: string; kind: string }[];
}

const PAGE = 20;

function actorName(scenarioId: string, id: string | null): string {
  if (id === null) return '—';
  if (!(SCENARIO_IDS as readonly string[]).includes(scenarioId)) return id;
  return getScenario(scenarioId).actors.find((a) => a.id === id)?.name ?? id;
}

/** The archive: finished matches, newest first, with the match file of each. */
export function renderArchive(root: HTMLElement): void {
  const list = el('div', { 'aria-live': 'polite' }, el('p', { class: 'status' }, 'Loading…'));
  root.replaceChildren(
    el(
      'main',
      { class: 'archive' },
      el('p', {}, el('a', { href: '/' }, '← Home')),
      el('h1', {}, 'Finished matches'),
      list,
    ),
  );
  const load = async (offset: number) => {
    try {
      const res = await fetch(`/api/matches?limit=${PAGE}&offset=${offset}`);
      if (!res.ok) throw new Error(`The server answered ${res.status}.`);
      const page = (await res.json()) as { total: number; matches: FinishedMatch[] };
      list.replaceChildren(table(page.matches), pager(page.total, offset, load));
    } catch (error) {
      list.replaceChildren(
        el(
          'p',
          { class: 'status status--error', role: 'alert' },
          `Could not load the archive. ${error instanceof Error ? error.message : ''}`,
        ),
      );
    }
  };
  void load(0);
}

function table(matches: FinishedMatch[]): HTMLElement {
  if (matches.length === 0) return el('p', {}, 'No match has finished on this server yet.');
  return el(
    'table',
    { class: 'archive-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...['Finished', 'Scenario', 'Players', 'Winner', 'Rounds', 'Replay', 'Match file'].map(
          (h) => el('th', { scope: 'col' }, h),
        ),
      ),
    ),
    el(
      'tbody',
      {},
      ...matches.map((m) =>
        el(
          'tr',
          {},
          el('td', {}, new Date(m.finishedAt).toLocaleString()),
          el('td', {}, scenarioTitle(m.scenarioId)),
          el(
            'td',
            {},
            m.seats
              .filter((s) => s.kind === 'human')
              .map((s) => `${s.nickname} (${actorName(m.scenarioId, s.seat)})`)
              .join(', ') || 'bots only',
          ),
          el('td', {}, actorName(m.scenarioId, m.winner)),
          el('td', {}, String(m.rounds)),
          el('td', {}, el('a', { href: `/replay/${encodeURIComponent(m.id)}` }, 'Replay')),
          el(
            'td',
            {},
            el(
              'a',
              { href: `/api/matches/${encodeURIComponent(m.id)}`, download: `match-${m.id}.json` },
              'Download',
            ),
          ),
        ),
      ),
    ),
  );
}

function scenarioTitle(id: string): string {
  return (SCENARIO_IDS as readonly string[]).includes(id) ? getScenario(id).title : id;
}

function pager(total: number, offset: number, load: (offset: number) => void): HTMLElement {
  const nav = el('nav', { class: 'pager', 'aria-label': 'Pages' });
  if (offset > 0) {
    const prev = el('button', { type: 'button', class: 'button button--ghost' }, 'Newer');
    prev.addEventListener('click', () => load(Math.max(0, offset - PAGE)));
    nav.append(prev);
  }
  nav.append(` ${offset + 1}–${Math.min(total, offset + PAGE)} of ${total} `);
  if (offset + PAGE < total) {
    const next = el('button', { type: 'button', class: 'button button--ghost' }, 'Older');
    next.addEventListener('click', () => load(offset + PAGE));
    nav.append(next);
  }
  return nav;
}
