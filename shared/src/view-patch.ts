import type { SeatView } from './view.ts';

/** The members of a view made of one entry per seat, which a patch may replace entry by entry. */
type EntryMember = 'actors' | 'drafts';

/**
 * The parts of a client's view that changed since the last `view` or
 * `viewPatch` it was sent: the top-level members that differ, whole, the
 * entries of `actors` and `drafts` that differ (when the others did not),
 * and the new step. After one seat's order that is usually that seat's
 * draft alone, a few hundred bytes instead of the whole view
 * (docs/protocol.md).
 */
export interface ViewPatch {
  step: number;
  set: Partial<SeatView>;
  /** Entries replaced in `actors` or `drafts`, by seat id; the member's other entries stay. */
  entries?: { [K in EntryMember]?: Partial<SeatView[K]> };
}

/** The view a patch describes, from the view it was written against. */
export function applyViewPatch(view: SeatView, patch: ViewPatch): SeatView {
  const next = { ...view, ...patch.set, step: patch.step };
  const entries = patch.entries ?? {};
  if (entries.actors) next.actors = { ...next.actors, ...entries.actors } as SeatView['actors'];
  if (entries.drafts) next.drafts = { ...next.drafts, ...entries.drafts } as SeatView['drafts'];
  return next;
}
