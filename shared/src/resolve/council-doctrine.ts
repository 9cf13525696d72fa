import { areRivals, type Ctx } from '../ctx.ts';
import type { DeepReadonly } from '../readonly.ts';
import type { ElectedMemberDef } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';

type NpcVote = 'yes' | 'abstain';

/** What an elected member no actor stands for reads when it votes: the mandate and the others' votes. */
export interface MandateView {
  holder: string;
  region: string;
  /** Every permanent member's vote, those no actor stands for included. */
  permanent: readonly string[];
  /** Votes cast so far, by actor id (permanent members no actor stands for by name). */
  votes: Readonly<Record<string, string>>;
}

/**
 * Whether the holder is present in the region at least as much as each of
 * its rivals: the region's states back the power that is there, not one
 * that asks from afar while a rival holds more sway.
 */
function holderLeadsRegion(ctx: Ctx, state: DeepReadonly<MatchState>, view: MandateView): boolean {
  const mine = state.actors[view.holder]?.influence[view.region] ?? 0;
  return ctx.actorIds.every(
    (r) =>
      !areRivals(ctx, view.holder, r) || (state.actors[r]?.influence[view.region] ?? 0) <= mine,
  );
}

/**
 * An elected member's vote by its doctrine (rules version 6, docs/rules.md
 * section 8). Deterministic and read from public facts, so a seat can
 * predict it:
 * - **ally**: yes when the member it votes with votes yes;
 * - **sovereignty** (non-intervention): yes only when every permanent member
 *   votes yes — it joins the great powers' consensus but lends no vote
 *   against one of them;
 * - **regional**: in its own regions, yes when the holder has at least as
 *   much influence in the mandate's region as each of the holder's rivals;
 *   outside them it votes as sovereignty does.
 * None of them vetoes (an elected member has no veto).
 */
export function electedMemberVote(
  ctx: Ctx,
  state: DeepReadonly<MatchState>,
  member: DeepReadonly<ElectedMemberDef>,
  view: MandateView,
): NpcVote {
  const consensus = view.permanent.every((p) => view.votes[p] === 'yes');
  switch (member.doctrine) {
    case 'ally':
      return member.with !== undefined && view.votes[member.with] === 'yes' ? 'yes' : 'abstain';
    case 'sovereignty':
      return consensus ? 'yes' : 'abstain';
    case 'regional':
      if (!member.regions.includes(view.region)) return consensus ? 'yes' : 'abstain';
      return holderLeadsRegion(ctx, state, view) ? 'yes' : 'abstain';
  }
}
