import {
  ALLIANCE,
  ctxOf,
  type DeepReadonly,
  type InvitationState,
  type OfferState,
  type ReadonlyState,
  RULES,
  type Scenario,
  tieLevel,
} from '@entanglement/shared';
import { actorName, blocName, crisisTitle, levelWords, listWords, riderWords } from './words.ts';

/** "What the offer does", in words: the level now and after, the bloc, the riders, a favour. */
function offerWords(
  scenario: Scenario,
  state: ReadonlyState,
  offer: DeepReadonly<OfferState>,
  seat: string | null,
): string {
  const parts: string[] = [];
  const now = tieLevel(ctxOf(scenario), state, offer.from, offer.to);
  if (offer.bloc) parts.push(`join ${blocName(scenario, offer.bloc)}`);
  else if (resolved(state))
    parts.push(offer.raise ? 'raise the tie one level' : 'keep the tie level');
  else if (offer.raise)
    parts.push(
      `raise the tie from ${levelWords(now)} to ${levelWords(Math.min(ALLIANCE, now + 1))}`,
    );
  else parts.push(`keep the tie at ${levelWords(now)}`);
  if (offer.riders.length > 0)
    parts.push(`with ${listWords(offer.riders.map((r) => riderWords(scenario, r, seat)))}`);
  let text = `${capital(parts.join(' '))}.`;
  if (offer.favour)
    text +=
      offer.to === seat
        ? ` It calls in a favour you owe: rejecting it costs you ${RULES.favourRejectCost} Wealth.`
        : ' It calls in a favour they owe you.';
  return text;
}

export interface OfferLine {
  id: string;
  title: string;
  words: string;
  status: string;
  answer: boolean | null;
}

/** Offers waiting for the seat's answer (and those it has answered this round). */
export function incomingOffers(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
): OfferLine[] {
  return state.offers
    .filter((o) => o.to === seat && !o.withdrawn && o.round === state.round)
    .map((o) => ({
      id: o.id,
      title: `From ${actorName(scenario, o.from)}`,
      words: offerWords(scenario, state, o, seat),
      status:
        o.answer === null
          ? resolved(state)
            ? 'Left unanswered, so it was rejected.'
            : 'Not answered yet.'
          : o.answer
            ? 'You accept it.'
            : 'You reject it.',
      answer: o.answer,
    }));
}

/** The seat's own offers this round, still open (withdrawn ones are gone). */
export function outgoingOffers(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
): OfferLine[] {
  return state.offers
    .filter((o) => o.from === seat && !o.withdrawn && o.round === state.round)
    .map((o) => ({
      id: o.id,
      title: `To ${actorName(scenario, o.to)}`,
      words: offerWords(scenario, state, o, seat),
      status:
        o.answer === null
          ? resolved(state)
            ? 'Left unanswered, so it was rejected.'
            : 'No answer yet.'
          : o.answer
            ? `${actorName(scenario, o.to)} accepts.`
            : `${actorName(scenario, o.to)} rejects.`,
      answer: o.answer,
    }));
}

/** An invitation in words, for the seat invited to it. */
function invitationWords(
  scenario: Scenario,
  state: ReadonlyState,
  inv: DeepReadonly<InvitationState>,
): string {
  const from = actorName(scenario, inv.from);
  const lever = scenario.actors.find((a) => a.id === inv.from)?.seat?.lever;
  switch (inv.kind) {
    case 'summit': {
      const gain = lever?.kind === 'convenesSummit' ? `${lever.autonomy} Autonomy` : 'Autonomy';
      return `${from} convenes a summit. If you attend you gain ${gain} (up to your cap), and ${from} gains ${RULES.summitReputation} Reputation.`;
    }
    case 'brics': {
      const gain = lever?.kind === 'leadsBrics' ? `${lever.wealth} Wealth` : 'Wealth';
      return `${from} leads a common position of ${blocName(scenario, lever?.kind === 'leadsBrics' ? lever.bloc : null) || 'its bloc'}. If you join, you gain ${gain}.`;
    }
    case 'drill':
      return `${from} invites you to a naval drill. If you accept, you hold a joint exercise with ${from} in its home region this round: you deter for each other as if your tie were one level higher.`;
    case 'mediation':
      return `${from} names you as a mediator for ${inv.crisis ? crisisTitle(scenario, state.crises, inv.crisis) : 'a crisis'}: you may then order a mediation there.`;
    case 'bloc':
      return `${from} calls ${blocName(scenario, inv.bloc) || 'a bloc'} into ${inv.crisis ? crisisTitle(scenario, state.crises, inv.crisis) : 'a crisis'}.`;
  }
}

export interface InvitationLine {
  id: string;
  title: string;
  words: string;
  status: string;
  accepted: boolean | null;
}

/** Invitations addressed to the seat this round. */
export function invitationsTo(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
): InvitationLine[] {
  return state.invitations
    .filter((i) => i.invitees.includes(seat))
    .map((i) => {
      const accepted = i.accepted.includes(seat) ? true : i.declined.includes(seat) ? false : null;
      return {
        id: i.id,
        title: `From ${actorName(scenario, i.from)}`,
        words: invitationWords(scenario, state, i),
        status: accepted === null ? 'Not answered yet.' : accepted ? 'You accept.' : 'You decline.',
        accepted,
      };
    });
}

/** After resolution the round's offers are settled: tie levels already include them. */
function resolved(state: ReadonlyState): boolean {
  return state.phase === 'resolution' || state.phase === 'ended';
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
