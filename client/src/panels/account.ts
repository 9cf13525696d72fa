import type { DeepReadonly, EngineEvent } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import {
  type AccountLine,
  mergeAccount,
  roundAccounts,
  whatHappenedToYou,
} from './account-model.ts';
import { createPanel, note } from './kit.ts';
import type { Panel } from './panel.ts';

const MARKS = {
  entrapment: { icon: '∞', word: 'Entrapment' },
  abandonment: { icon: '⚠', word: 'Abandonment' },
} as const;

function line(l: AccountLine): HTMLElement {
  if (!l.mark) return el('li', { class: 'pnl-event' }, l.text);
  const m = MARKS[l.mark];
  return el(
    'li',
    { class: `pnl-event pnl-event--${l.mark}` },
    el(
      'span',
      { class: 'pnl-event__tag' },
      el('span', { 'aria-hidden': 'true' }, `${m.icon} `),
      m.word,
    ),
    ' ',
    l.text.replace(new RegExp(`^${m.word}: `), ''),
  );
}

/** The account's parts, worded when drawn (the language can change). */
const parts = () => [
  { value: 'all', label: t('accountPanel.everyPart') },
  { value: 'crisis', label: t('accountPanel.crises') },
  { value: 'ties', label: t('accountPanel.tiesAndOffers') },
  { value: 'economy', label: t('accountPanel.economy') },
  { value: 'world', label: t('accountPanel.theWorld') },
];

/**
 * The account: first what happened to the seat (the few changes to its own
 * tracks and ties, with their causes), then every event it may see, newest
 * round first, grouped by crisis, ties, economy and the world, with filters.
 * Entrapment and abandonment stand out.
 */
export function createAccountPanel(): Panel {
  let kept = new Map<number, readonly DeepReadonly<EngineEvent>[]>();
  let keptFor: string | null | undefined;
  return createPanel('account', t('accountPanel.whatHappened'), (kit) => {
    const { scenario, view, seat } = kit.ctx;
    const owner = `${view.scenarioId}:${seat}`;
    if (keptFor !== owner) {
      kept = new Map();
      keptFor = owner;
    }
    kept = mergeAccount(kept, view.account);
    const events = [...kept.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, e]) => e);
    if (events.length === 0) return [note(t('accountPanel.nothingHasHappenedYet'))];
    const mine = seat ? whatHappenedToYou(scenario, events, seat) : null;
    const filters = el(
      'div',
      { class: 'pnl-inline pnl-account-filters' },
      kit.select('part', t('accountPanel.show'), parts(), { redraw: true }),
      seat ? kit.checkbox('mine', t('accountPanel.onlyWhatNamesMe'), { redraw: true }) : null,
    );
    const part = kit.value('part', 'all') as 'all';
    const rounds = roundAccounts(scenario, events, seat, { mine: kit.checked('mine'), part });
    return [
      mine
        ? el(
            'section',
            {
              class: 'pnl-you',
              'aria-label': t('accountPanel.whatHappenedToYou'),
              'data-testid': 'what-happened-to-you',
            },
            el('h3', { class: 'pnl-subheading' }, `What happened to you in round ${mine.round}`),
            el(
              'ul',
              { class: 'pnl-events' },
              ...mine.lines.map((text) => el('li', { class: 'pnl-event' }, text)),
            ),
            mine.more > 0
              ? note(
                  `${mine.more} more ${mine.more === 1 ? 'event names' : 'events name'} you below.`,
                )
              : null,
          )
        : null,
      filters,
      ...(rounds.length === 0
        ? [note(t('accountPanel.nothingOfThisKind'))]
        : rounds.map((r) =>
            el(
              'section',
              { class: 'pnl-round', 'aria-label': `Round ${r.round}` },
              el('h3', { class: 'pnl-subheading' }, `Round ${r.round}`),
              ...r.parts.map((p) =>
                el(
                  'section',
                  { class: 'pnl-account-part', 'aria-label': p.title },
                  el('h4', { class: 'pnl-minor' }, p.title),
                  el('ul', { class: 'pnl-events' }, ...p.lines.map(line)),
                ),
              ),
            ),
          )),
    ];
  });
}
