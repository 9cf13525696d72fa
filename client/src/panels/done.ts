import { el } from '../dom.ts';
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
      done
        ? 'You are done for this phase. You can still change your mind until it ends.'
        : 'Not done yet. The phase ends when everyone is done or the timer runs out.',
    ),
    kit.action(
      'done',
      done ? '✔ Done for this phase' : 'Done for this phase',
      () => ({ kind: 'done', done: !done }),
      { pressed: done, keepStyle: true, small: false },
    ),
  );
}
