import { el } from '../dom.ts';

export interface TabSpec {
  id: string;
  label: string;
  content: HTMLElement;
}

/**
 * A row of tabs over one visible panel (ARIA tabs: arrow keys move between
 * them). The game has more panels than a phone can show at once.
 */
export function createTabs(specs: TabSpec[]) {
  const bar = el('div', { class: 'tabs__bar', role: 'tablist' });
  // Focusable: the panes scroll on wide screens, and keyboard users must be able to scroll them.
  const panes = el('div', { class: 'tabs__panes', tabindex: '0' });
  const buttons = new Map<string, HTMLButtonElement>();
  const badges = new Map<string, HTMLElement>();
  let current = '';

  const select = (id: string, focus = false) => {
    current = id;
    for (const spec of specs) {
      const on = spec.id === id;
      const b = buttons.get(spec.id)!;
      b.setAttribute('aria-selected', String(on));
      b.tabIndex = on ? 0 : -1;
      spec.content.hidden = !on;
      if (on && focus) b.focus();
    }
  };

  for (const spec of specs) {
    const badge = el('span', { class: 'tabs__badge', hidden: '' });
    const b = el(
      'button',
      {
        type: 'button',
        role: 'tab',
        id: `tab-${spec.id}`,
        'aria-controls': `pane-${spec.id}`,
        'data-tab': spec.id,
      },
      spec.label,
      badge,
    );
    b.addEventListener('click', () => select(spec.id));
    b.addEventListener('keydown', (event) => {
      const i = specs.findIndex((s) => s.id === current);
      const step = event.key === 'ArrowRight' ? 1 : event.key === 'ArrowLeft' ? -1 : 0;
      if (!step) return;
      event.preventDefault();
      select(specs[(i + step + specs.length) % specs.length]!.id, true);
    });
    spec.content.id = `pane-${spec.id}`;
    spec.content.setAttribute('role', 'tabpanel');
    spec.content.setAttribute('aria-labelledby', `tab-${spec.id}`);
    buttons.set(spec.id, b);
    badges.set(spec.id, badge);
    bar.append(b);
    panes.append(spec.content);
  }
  select(specs[0]!.id);

  return {
    element: el('div', { class: 'tabs' }, bar, panes),
    select,
    get current() {
      return current;
    },
    /** A count beside a tab's label (unread chat, offers waiting); 0 hides it. */
    badge(id: string, count: number) {
      const badge = badges.get(id);
      if (!badge) return;
      badge.hidden = count === 0;
      badge.textContent = String(count);
    },
  };
}
