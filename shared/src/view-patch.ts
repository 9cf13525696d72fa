import type { SeatView } from './view.ts';

/**
 * The parts of a client's view that changed since the last `view` or
 * `viewPatch` it was sent: the top-level members that differ, whole, and the
 * new step. After one seat's order that is usually `drafts` alone, a few
 * hundred bytes instead of the whole view (docs/protocol.md).
 */
export interface ViewPatch {
  step: number;
  set: Partial<SeatView>;
}

/** The view a patch describes, from the view it was written against. */
export function applyViewPatch(view: SeatView, patch: ViewPatch): SeatView {
  return { ...view, ...patch.set, step: patch.step };
}
