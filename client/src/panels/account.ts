import type { DeepReadonly, EngineEvent } from '@entanglement/shared';
import { el } from '../dom.ts';
import { type AccountLine, accountGroups, mergeAccount } from './account-model.ts';
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

/** The round's account: every event the seat may see, in words, newest round first; entrapment and abandonment stand out. */
export function createAccountPanel(): Panel {
  let kept = new Map<number, readonly DeepReadonly<EngineEvent>[]>();
  let keptFor: string | null | undefined;
  return createPanel('account', 'What happened', (kit) => {
    const { scenario, view, seat } = kit.ctx;
    const owner = `${view.scenarioId}:${seat}`;
    if (keptFor !== owner) {
      kept = new Map();
      keptFor = owner;
    }
    kept = mergeAccount(kept, view.account);
    const groups = accountGroups(
      scenario,
      [...kept.entries()].sort((a, b) => a[0] - b[0]).flatMap(([, e]) => e),
    );
    if (groups.length === 0) return [note('Nothing has happened yet this round.')];
    return groups.map((g) =>
      el(
        'section',
        { class: 'pnl-round', 'aria-label': `Round ${g.round}` },
        el('h3', { class: 'pnl-subheading' }, `Round ${g.round}`),
        el('ul', { class: 'pnl-events' }, ...g.lines.map(line)),
      ),
    );
  });
}
