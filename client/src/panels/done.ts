import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { Kit } from './kit.ts';

/** The "done for this phase" toggle, when the phase accepts it; it says plainly whether the seat is done. */
export function doneToggle(kit: Kit, canDone: boolean): HTMLElement | null {
  const seat = kit.ctx.seat;
  if (!seat || !canDone) return null;
  const done = kit.state.drafts[seat]?.done ?? false;
  return el(
    'div',
    { class: `pnl-done${done ? ' pnl-done--on' : ''}` },
    el(
      'p',
      { class: 'pnl-done__state' },
      el('span', { 'aria-hidden': 'true' }, done ? '✔ ' : '… '),
      done ? t('done.on') : t('done.off'),
    ),
    kit.action(
      'done',
      done ? t('done.buttonOn') : t('done.buttonOff'),
      () => ({ kind: 'done', done: !done }),
      { pressed: done, keepStyle: true, small: false },
    ),
  );
}
