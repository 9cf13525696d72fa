import { canVeto } from '../ctx.ts';
import { RULES } from '../rules.ts';
import { rulesAtLeast } from '../rules-version.ts';
import type { CrisisState } from '../state.ts';
import { raiseTension } from '../tension.ts';
import { tieLevel } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { PARTNERSHIP } from '../vocabulary.ts';
import { electedMemberVote } from './council-doctrine.ts';
import { addInfluence } from './presence.ts';

type Vote = 'yes' | 'abstain' | 'veto';

/** A non-player council member backs a mandate for a partner and abstains otherwise. */
function npcVote(tx: Tx, member: string, holder: string): Vote {
  return member === holder || tieLevel(tx.ctx, tx.state, member, holder) >= PARTNERSHIP
    ? 'yes'
    : 'abstain';
}

/**
 * A Security Council vote, as the Charter counts it (Article 27): a mandate
 * passes with enough yes votes (ctx.councilYes) and no permanent member's
 * veto; an abstention is not a veto. Members no actor stands for vote by
 * the scenario's rule: from rules version 6 each elected one by its
 * doctrine (council-doctrine.ts), before that as a fixed block. The holder then limits or stretches the mandate;
 * acting without one costs Reputation and raises Tension.
 */
export function countVotes(tx: Tx, crisis: CrisisState): void {
  const { ctx, state } = tx;
  const card = ctx.card[crisis.card]!;
  const holder = card.mandateFor!;
  const council = ctx.scenario.securityCouncil;
  const votes: Record<string, Vote> = {};
  for (const m of ctx.councilMembers)
    votes[m] = state.seats.includes(m) ? (crisis.votes[m] ?? 'abstain') : npcVote(tx, m, holder);

  // Rules version 6: the elected members no actor stands for vote one by one, by doctrine.
  const byDoctrine = rulesAtLeast(state, 6) ? council.electedMembers : undefined;
  let yes = byDoctrine ? 0 : council.otherElected.yes;
  let abstain = byDoctrine ? 0 : council.otherElected.abstain;
  let vetoes = 0;
  let seatsYes = 0;
  const others: string[] = [];
  const cast: Record<string, string> = { ...votes };
  for (const o of council.otherPermanent) {
    const v = votes[o.follows] === 'yes' ? 'yes' : 'abstain';
    if (v === 'yes') yes++;
    else abstain++;
    cast[o.name] = v;
    others.push(`${o.name}:${v}`);
  }
  if (byDoctrine) {
    const view = {
      holder,
      region: crisis.region,
      permanent: [...council.permanent, ...council.otherPermanent.map((o) => o.name)],
      votes: cast,
    };
    for (const member of byDoctrine) {
      const v = electedMemberVote(ctx, state, member, view);
      if (v === 'yes') yes++;
      else abstain++;
      others.push(`${member.name}:${v}`);
    }
  } else if (council.otherElected.yes + council.otherElected.abstain > 0)
    others.push(
      `other elected members:${council.otherElected.yes} yes, ${council.otherElected.abstain} abstain`,
    );
  for (const m of ctx.councilMembers) {
    const v = votes[m]!;
    const pledge = state.pledges.find((p) => p.by === m);
    let weight = 1;
    if (pledge) {
      state.pledges = state.pledges.filter((p) => p !== pledge);
      const promised = votes[pledge.to];
      const lever = ctx.actor[m]?.seat?.lever;
      if (promised !== undefined && promised !== v) {
        const to = state.actors[pledge.to]!;
        to.grievances[m] = (to.grievances[m] ?? 0) + 1;
        emit(tx, {
          type: 'grievance',
          actors: [pledge.to, m],
          crisis: crisis.uid,
          detail: { reason: 'broken UN pledge' },
        });
      } else if (lever?.kind === 'courtedVote') weight = lever.multiplier;
    }
    if (v === 'yes') {
      yes += weight;
      if (m !== holder && state.seats.includes(m)) seatsYes += weight;
    }
    // Only a permanent member's veto blocks; commands refuse one from an elected member.
    else if (v === 'veto' && canVeto(ctx, m)) {
      vetoes++;
      const a = state.actors[m]!;
      if (!a.freeVeto) a.reputation = Math.max(0, a.reputation - RULES.vetoReputation);
    } else abstain += weight;
  }
  const passed = vetoes === 0 && yes >= ctx.councilYes;
  const abstainers = ctx.councilMembers.filter((m) => votes[m] === 'abstain');
  emit(tx, {
    type: 'votesCounted',
    actors: [holder],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    amounts: {
      yes,
      abstain,
      veto: vetoes,
      needed: ctx.councilYes,
      // What the seats other than the holder added to the yes votes.
      ...(byDoctrine ? { seatsYes } : {}),
    },
    detail: {
      result: passed ? 'passed' : 'failed',
      votes: ctx.councilMembers.map((m) => `${m}:${votes[m]}`).join(' '),
      ...(others.length > 0 ? { others: others.join('; ') } : {}),
    },
    concept: 'mandates',
  });
  const choice = state.seats.includes(holder) ? (crisis.mandate ?? 'limit') : 'limit';
  const h = state.actors[holder]!;
  if (choice === 'standDown') return;
  if (!passed) {
    h.reputation = Math.max(0, h.reputation - RULES.mandate.failedReputation);
    addInfluence(tx, holder, crisis.region, RULES.mandate.failedInfluence);
    emit(tx, {
      type: 'actedWithoutMandate',
      actors: [holder],
      crisis: crisis.uid,
      region: crisis.region,
      amounts: { reputation: -RULES.mandate.failedReputation },
      concept: 'mandates',
    });
    raiseTension(tx, [holder], 'action without a mandate', crisis.uid);
    return;
  }
  if (choice === 'limit') {
    addInfluence(tx, holder, crisis.region, RULES.mandate.limitInfluence);
    return;
  }
  addInfluence(tx, holder, crisis.region, RULES.mandate.stretchInfluence);
  for (const m of abstainers) {
    if (m === holder) continue;
    const a = state.actors[m]!;
    a.grievances[holder] = (a.grievances[holder] ?? 0) + 1;
    a.freeVeto = true;
  }
  emit(tx, {
    type: 'mandateStretched',
    actors: [holder, ...abstainers.filter((m) => m !== holder)],
    crisis: crisis.uid,
    region: crisis.region,
    amounts: { influence: RULES.mandate.stretchInfluence },
    concept: 'mandates',
  });
}
