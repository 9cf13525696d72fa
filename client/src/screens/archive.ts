import {
  API_ROUTES,
  type FinishedSummary,
  getScenario,
  MAX_LABEL_LENGTH,
  MAX_OWN_MATCHES,
  type OWN_ROLES,
  PHASE_NAMES,
  SCENARIO_IDS,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { ApiError, apiPath, callApi, callApiEmpty } from '../net/api.ts';
import { allCredentials, saveCredentials } from '../net/credentials.ts';
import { archiveCredentialFor, downloadButton } from '../replay/load.ts';
import { navigate } from '../router.ts';
import { seatCredits } from '../seat-credits.ts';
import { field } from './form-parts.ts';

/** One finished match as GET /api/matches lists it; in "your matches", with how this browser may read it. */
type FinishedMatch = FinishedSummary & { role?: (typeof OWN_ROLES)[number] };

const PAGE = 20;

function actorName(scenarioId: string, id: string | null): string {
  if (id === null) return '—';
  if (!(SCENARIO_IDS as readonly string[]).includes(scenarioId)) return id;
  return getScenario(scenarioId).actors.find((a) => a.id === id)?.name ?? id;
}

/**
 * The archive: this browser's own finished matches (those it hosted or
 * played: archives are private), then the public ones, newest first,
 * filtered by scenario and dates; importing a match file.
 */
export function renderArchive(root: HTMLElement): void {
  const own = el(
    'div',
    { 'aria-live': 'polite' },
    el('p', { class: 'status' }, t('archive.loading')),
  );
  const list = el(
    'div',
    { 'aria-live': 'polite' },
    el('p', { class: 'status' }, t('archive.loading')),
  );
  const scenario = el(
    'select',
    { id: 'archive-scenario' },
    el('option', { value: '' }, t('archive.allScenarios')),
    ...SCENARIO_IDS.map((id) => el('option', { value: id }, getScenario(id).title)),
  );
  const from = el('input', { id: 'archive-from', type: 'date' });
  // One label filter for both lists: a teacher's own matches are mostly private.
  const labels = el('datalist', { id: 'archive-labels' });
  const label = el('input', {
    id: 'archive-label',
    type: 'search',
    list: 'archive-labels',
    maxlength: String(MAX_LABEL_LENGTH),
    placeholder: t('archive.labelExample'),
  });
  const labelFilter = el(
    'form',
    { class: 'archive__filters', role: 'search', 'aria-label': t('archive.byLabel') },
    field(t('archive.label'), label),
    labels,
  );
  const to = el('input', { id: 'archive-to', type: 'date' });
  const filters = el(
    'form',
    { class: 'archive__filters', 'aria-label': t('archive.filter') },
    field(t('archive.scenario'), scenario),
    field(t('archive.finishedFrom'), from),
    field('to', to),
  );
  root.replaceChildren(
    el(
      'main',
      { class: 'archive' },
      el('p', {}, el('a', { href: '/' }, '← Home')),
      el('h1', {}, t('archive.finishedMatches')),
      labelFilter,
      el('h2', {}, t('archive.yourMatches')),
      el('p', { class: 'hint' }, t('archive.theMatchesThisBrowser')),
      own,
      el('h2', {}, t('archive.publicMatches')),
      filters,
      list,
      importForm(),
    ),
  );
  const load = async (offset: number) => {
    const route = API_ROUTES.listMatches;
    const query = {
      limit: String(PAGE),
      offset: String(offset),
      ...(scenario.value ? { scenario: scenario.value } : {}),
      ...(from.value ? { from: from.value } : {}),
      ...(to.value ? { to: to.value } : {}),
      ...(label.value.trim() ? { label: label.value } : {}),
    };
    try {
      const body = await callApi(route, 200, apiPath(route, {}, query));
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
  const loadOwn = async () => {
    const credentials = allCredentials().map((c) => ({
      id: c.roomId,
      token: c.hostToken ?? c.seatToken ?? '',
    }));
    const route = API_ROUTES.ownMatches;
    try {
      const body = await callApi(route, 200, apiPath(route), {
        body: {
          credentials: credentials.slice(0, MAX_OWN_MATCHES),
          ...(label.value.trim() ? { label: label.value } : {}),
        },
      });
      // The labels of this browser's matches, offered as the filter's choices.
      const known = [...new Set(body.matches.flatMap((m) => (m.label ? [m.label] : [])))];
      if (!label.value.trim())
        labels.replaceChildren(...known.map((l) => el('option', { value: l })));
      own.replaceChildren(
        body.matches.length > 0
          ? table(body.matches, () => void loadOwn().then(() => load(0)))
          : el('p', {}, t('archive.noneYet')),
      );
    } catch (error) {
      own.replaceChildren(
        el(
          'p',
          { class: 'status status--error', role: 'alert' },
          `Could not load your matches. ${error instanceof Error ? error.message : ''}`,
        ),
      );
    }
  };
  filters.addEventListener('change', () => void load(0));
  const byLabel = () => void loadOwn().then(() => load(0));
  labelFilter.addEventListener('change', byLabel);
  labelFilter.addEventListener('submit', (event) => {
    event.preventDefault();
    byLabel();
  });
  filters.addEventListener('submit', (event) => event.preventDefault());
  void loadOwn();
  void load(0);
}

/** The host's controls of a finished match: public or not, a share link, deleting it. */
function hostActions(m: FinishedMatch, changed: () => void): HTMLElement {
  const params = { id: m.id };
  const token = archiveCredentialFor(m.id);
  const status = el('span', { class: 'hint', 'aria-live': 'polite' });
  const failed = (what: string) => (error: unknown) => {
    status.textContent = `Could not ${what}: ${error instanceof Error ? error.message : String(error)}`;
  };
  const publish = el('button', { type: 'button', class: 'link-button' }, 'make public');
  publish.addEventListener('click', () => {
    const route = API_ROUTES.visibility;
    callApi(route, 200, apiPath(route, params), { body: { public: true }, token }).then(
      changed,
      failed('make it public'),
    );
  });
  const share = el('button', { type: 'button', class: 'link-button' }, 'share link');
  share.addEventListener('click', () => {
    const route = API_ROUTES.share;
    callApi(route, 201, apiPath(route, params), { token }).then((link) => {
      status.textContent = `${location.origin}${link.path}`;
    }, failed('make a link'));
  });
  const labelInput = el('input', {
    type: 'text',
    class: 'archive__label-input',
    maxlength: String(MAX_LABEL_LENGTH),
    value: m.label ?? '',
    placeholder: t('archive.labelExample'),
    'aria-label': t('archive.labelOf', { when: new Date(m.finishedAt).toLocaleString() }),
  });
  const saveLabel = el('button', { type: 'button', class: 'link-button' }, t('archive.saveLabel'));
  saveLabel.addEventListener('click', () => {
    const route = API_ROUTES.label;
    callApi(route, 200, apiPath(route, params), { body: { label: labelInput.value }, token }).then(
      changed,
      (error: unknown) => {
        const reason = error instanceof Error ? error.message : String(error);
        status.textContent = t('archive.labelNotSaved', { reason });
      },
    );
  });
  const remove = el('button', { type: 'button', class: 'link-button' }, 'delete');
  remove.addEventListener('click', () => {
    if (!confirm('Delete this match with its chat and reflections? This cannot be undone.')) return;
    const route = API_ROUTES.deleteMatch;
    callApiEmpty(route, apiPath(route, params), { token }).then(changed, failed('delete it'));
  });
  return el(
    'span',
    {},
    publish,
    ' · ',
    share,
    ' · ',
    remove,
    el('span', { class: 'archive__label-edit' }, labelInput, ' ', saveLabel),
    ' ',
    status,
  );
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
    el('h2', {}, t('archive.importAMatchFile')),
    field(t('archive.matchFileJson'), input),
    el('button', { type: 'submit', class: 'button button--small' }, t('archive.importAndReplay')),
    status,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const file = input.files?.[0];
    if (!file) return;
    status.textContent = t('archive.checkingTheFileAgainst');
    const route = API_ROUTES.importMatch;
    void file
      .text()
      // The file is sent as it was read: the server checks it against the match-file schema.
      .then((text) => callApi(route, 201, apiPath(route), { body: text }))
      .then((body) => {
        saveCredentials({ roomId: body.id, hostToken: body.hostToken });
        navigate({ page: 'replay', matchId: body.id });
      })
      .catch((error: unknown) => {
        const more = error instanceof ApiError && !error.malformed ? error.problems.slice(1) : [];
        const also = more.length > 0 ? ` Also: ${more.join('; ')}` : '';
        status.textContent = `Not imported: ${error instanceof Error ? error.message : String(error)}${also}`;
      });
  });
  return form;
}

function table(matches: FinishedMatch[], changed: () => void = () => undefined): HTMLElement {
  if (matches.length === 0) return el('p', {}, t('archive.noMatchHasFinished'));
  const wide = el(
    'table',
    { class: 'archive-table' },
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        ...[
          'Finished',
          t('archive.label'),
          t('archive.scenario'),
          'Players',
          'Winner',
          'Rounds',
          'Replay',
          'Match file',
        ].map((h) => el('th', { scope: 'col' }, h)),
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
          el('td', { class: 'archive__label', 'data-testid': 'match-label' }, m.label ?? ''),
          el(
            'td',
            {},
            scenarioTitle(m.scenarioId),
            // A fork names the match and moment it came from.
            m.fork
              ? el(
                  'div',
                  { class: 'archive__fork' },
                  t('archive.forkOf', {
                    from: m.fork.from,
                    round: m.fork.round,
                    phase: PHASE_NAMES[m.fork.phase],
                  }),
                )
              : '',
          ),
          el(
            'td',
            {},
            (m.seatHistory?.some((s) => s.nickname !== null)
              ? m.seats.map(
                  (s) =>
                    `${actorName(m.scenarioId, s.seat)}: ${seatCredits(m.seatHistory, s.seat, m.rounds) ?? s.nickname}`,
                )
              : m.seats
                  .filter((s) => s.kind === 'human')
                  .map((s) => `${s.nickname} (${actorName(m.scenarioId, s.seat)})`)
            ).join(', ') || 'bots only',
          ),
          el('td', {}, actorName(m.scenarioId, m.winner)),
          el('td', {}, String(m.rounds)),
          el('td', {}, el('a', { href: `/replay/${encodeURIComponent(m.id)}` }, 'Replay')),
          el(
            'td',
            {},
            downloadButton(
              m.id,
              `/api/matches/${encodeURIComponent(m.id)}`,
              `match-${m.id}.json`,
              t('archive.download'),
              'link-button',
            ),
            ...(m.role === 'host' ? [' ', hostActions(m, changed)] : []),
          ),
        ),
      ),
    ),
  );
  return el('div', { class: 'table-scroll' }, wide);
}

function scenarioTitle(id: string): string {
  return (SCENARIO_IDS as readonly string[]).includes(id) ? getScenario(id).title : id;
}

function pager(total: number, offset: number, load: (offset: number) => void): HTMLElement {
  const nav = el('nav', { class: 'pager', 'aria-label': t('archive.pages') });
  if (offset > 0) {
    const prev = el(
      'button',
      { type: 'button', class: 'button button--ghost' },
      t('archive.newer'),
    );
    prev.addEventListener('click', () => load(Math.max(0, offset - PAGE)));
    nav.append(prev);
  }
  nav.append(` ${offset + 1}–${Math.min(total, offset + PAGE)} of ${total} `);
  if (offset + PAGE < total) {
    const next = el(
      'button',
      { type: 'button', class: 'button button--ghost' },
      t('archive.older'),
    );
    next.addEventListener('click', () => load(offset + PAGE));
    nav.append(next);
  }
  return nav;
}
