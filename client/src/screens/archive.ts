import { getScenario, SCENARIO_IDS } from '@entanglement/shared';
import { el } from '../dom.ts';
import { saveCredentials } from '../net/credentials.ts';
import { navigate } from '../router.ts';
import { field } from './form-parts.ts';

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

/** The archive: finished matches, newest first, filtered by scenario and dates; importing a match file. */
export function renderArchive(root: HTMLElement): void {
  const list = el('div', { 'aria-live': 'polite' }, el('p', { class: 'status' }, 'Loading…'));
  const scenario = el(
    'select',
    { id: 'archive-scenario' },
    el('option', { value: '' }, 'All scenarios'),
    ...SCENARIO_IDS.map((id) => el('option', { value: id }, getScenario(id).title)),
  );
  const from = el('input', { id: 'archive-from', type: 'date' });
  const to = el('input', { id: 'archive-to', type: 'date' });
  const filters = el(
    'form',
    { class: 'archive__filters', 'aria-label': 'Filter' },
    field('Scenario', scenario),
    field('Finished from', from),
    field('to', to),
  );
  root.replaceChildren(
    el(
      'main',
      { class: 'archive' },
      el('p', {}, el('a', { href: '/' }, '← Home')),
      el('h1', {}, 'Finished matches'),
      filters,
      list,
      importForm(),
    ),
  );
  const load = async (offset: number) => {
    const query = new URLSearchParams({ limit: String(PAGE), offset: String(offset) });
    if (scenario.value) query.set('scenario', scenario.value);
    if (from.value) query.set('from', from.value);
    if (to.value) query.set('to', to.value);
    try {
      const res = await fetch(`/api/matches?${query}`);
      const body = (await res.json()) as {
        total: number;
        matches: FinishedMatch[];
        error?: string;
      };
      if (!res.ok) throw new Error(body.error ?? `The server answered ${res.status}.`);
      list.replaceChildren(table(body.matches), pager(body.total, offset, load));
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
  filters.addEventListener('change', () => void load(0));
  filters.addEventListener('submit', (event) => event.preventDefault());
  void load(0);
}

/**
 * Importing a match file from another server: the server replays it to every
 * stored hash before it keeps it. Whoever imports it may annotate it (the
 * host token of the copy is kept in this browser).
 */
function importForm(): HTMLElement {
  const input = el('input', { id: 'import-file', type: 'file', accept: 'application/json,.json' });
  const status = el('p', { class: 'hint', role: 'status' });
  const form = el(
    'form',
    { class: 'form card' },
    el('h2', {}, 'Import a match file'),
    field('Match file (JSON)', input),
    el('button', { type: 'submit', class: 'button button--small' }, 'Import and replay'),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = 'Checking the file against the engine…';
    void file
      .text()
      .then((text) =>
        fetch('/api/matches/import', {
          method: 'POST',
          headers: { 'Content-Type': 'application/json' },
          body: text,
        }),
      )
      .then(async (res) => {
        const body = (await res.json().catch(() => ({}))) as {
          id?: string;
          hostToken?: string;
          error?: string;
          problems?: string[];
        };
        if (!res.ok || !body.id) {
          const more = body.problems?.slice(1) ?? [];
          const problems = more.length > 0 ? ` Also: ${more.join('; ')}` : '';
          throw new Error(`${body.error ?? `The server answered ${res.status}.`}${problems}`);
        }
        if (body.hostToken) saveCredentials({ roomId: body.id, hostToken: body.hostToken });
        navigate({ page: 'replay', matchId: body.id });
      })
      .catch((error: unknown) => {
        status.textContent = `Not imported: ${error instanceof Error ? error.message : String(error)}`;
      });
  });
  return form;
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
