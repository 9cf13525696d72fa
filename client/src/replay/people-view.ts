import type { MatchFileInput, Reflection, Replay, Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { type PersonLine, peopleCsv, peopleReport } from './people-report.ts';

const KIND_WORDS = {
  seat: 'people.kindSeat',
  decision: 'people.kindDecision',
  reflection: 'people.kindReflection',
} as const;

/** Saves `text` as a file the browser downloads (built here: nothing more is asked of the server). */
function download(text: string, filename: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/csv;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

function personTable(person: string, lines: PersonLine[]): HTMLElement {
  return el(
    'section',
    { class: 'people__person', 'data-person': person },
    el('h3', {}, person),
    el(
      'table',
      { class: 'people__table' },
      el(
        'thead',
        {},
        el(
          'tr',
          {},
          ...[t('people.when'), t('people.seat'), t('people.what')].map((h) =>
            el('th', { scope: 'col' }, h),
          ),
        ),
      ),
      el(
        'tbody',
        {},
        ...lines.map((l) =>
          el(
            'tr',
            { class: `people__${l.kind}` },
            el('td', {}, t('people.moment', { round: l.round, phase: t(`phase.${l.phase}`) })),
            el('td', {}, l.seat),
            el(
              'td',
              {},
              el('span', { class: 'people__kind' }, `${t(KIND_WORDS[l.kind])}: `),
              l.text,
            ),
          ),
        ),
      ),
    ),
  );
}

/**
 * The replay's per-person record for assessment (people-report.ts): a table
 * for each person, printed with the report, and the same as CSV.
 */
export function peopleSection(
  scenario: Scenario,
  file: MatchFileInput,
  replay: Replay,
  reflections: readonly Reflection[],
  matchId: string,
): HTMLElement {
  const lines = peopleReport(scenario, file, replay, reflections);
  const people = [...new Set(lines.map((l) => l.person))];
  const csv = el(
    'button',
    { type: 'button', class: 'button button--small no-print', 'data-testid': 'people-csv' },
    t('people.csv'),
  );
  csv.addEventListener('click', () => download(peopleCsv(lines), `people-${matchId}.csv`));
  return el(
    'section',
    { class: 'panel people', 'aria-labelledby': 'people-title', 'data-testid': 'people' },
    el('h2', { id: 'people-title' }, t('people.title')),
    el('p', { class: 'hint' }, t('people.intro')),
    people.length > 0 ? csv : '',
    ...(people.length > 0
      ? people.map((p) =>
          personTable(
            p,
            lines.filter((l) => l.person === p),
          ),
        )
      : [el('p', {}, t('people.none'))]),
  );
}
