import type { Ctx } from '../ctx.ts';
import type {
  CallState,
  CrisisState,
  InvitationState,
  MatchState,
  OfferState,
  ReadonlyState,
} from '../state.ts';
import { seatKindsIn } from './phases.ts';

/**
 * A decision that is a seat's to take, named by the command that settles it:
 * an offer or invitation sent to it, a crisis call, Press or Hold on a crisis
 * it started, a Security Council vote, how to use the mandate it asked for.
 */
export type OwedDecision =
  | { kind: 'respond'; offer: OfferState }
  | { kind: 'respondInvitation'; invitation: InvitationState }
  | { kind: 'answer'; crisis: CrisisState; call: CallState }
  | { kind: 'instigate'; crisis: CrisisState }
  | { kind: 'vote'; crisis: CrisisState }
  | { kind: 'mandate'; crisis: CrisisState };

export const OWED_KINDS: ReadonlySet<string> = new Set<OwedDecision['kind']>([
  'respond',
  'respondInvitation',
  'answer',
  'instigate',
  'vote',
  'mandate',
]);

/**
 * The decisions the seat owes that the current phase takes, in order: offers,
 * invitations, then crisis by crisis its call, Press or Hold, vote, mandate.
 * Marking itself done does not settle them: something sent to a seat after
 * it finished is still owed.
 */
export function owedDecisions(
  ctx: Ctx,
  readOnlyState: ReadonlyState,
  seat: string,
): OwedDecision[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const kinds = seatKindsIn(state.phase, state.settings.pace);
  const out: OwedDecision[] = [];
  if (kinds.includes('respond'))
    for (const offer of state.offers)
      if (offer.to === seat && offer.answer === null && !offer.withdrawn)
        out.push({ kind: 'respond', offer });
  if (kinds.includes('respondInvitation'))
    for (const invitation of state.invitations)
      if (
        invitation.invitees.includes(seat) &&
        !invitation.accepted.includes(seat) &&
        !invitation.declined.includes(seat)
      )
        out.push({ kind: 'respondInvitation', invitation });
  for (const crisis of state.crises) {
    if (!crisis.live) continue;
    const call = crisis.calls.find((c) => c.actor === seat);
    if (kinds.includes('answer') && call && !crisis.answers[seat])
      out.push({ kind: 'answer', crisis, call });
    if (kinds.includes('instigate') && crisis.instigator === seat && !crisis.press)
      out.push({ kind: 'instigate', crisis });
    const card = ctx.card[crisis.card]!;
    if (card.kind !== 'vote') continue;
    if (kinds.includes('vote') && ctx.councilMembers.includes(seat) && !crisis.votes[seat])
      out.push({ kind: 'vote', crisis });
    if (kinds.includes('mandate') && card.mandateFor === seat && !crisis.mandate)
      out.push({ kind: 'mandate', crisis });
  }
  return out;
}
