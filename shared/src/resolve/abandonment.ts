import { RULES } from '../rules.ts';
import { ensureTie, sharedBlocs } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { ALLIANCE, PARTNERSHIP } from '../vocabulary.ts';

/**
 * Abandonment (docs/rules.md §7.10): refusing a treaty call, or leaving a frozen
 * treaty. The abandoner loses Reputation, the caller Security; the treaty
 * falls to partnership at once; the caller holds a grievance.
 */
export function abandon(
  tx: Tx,
  abandoner: string,
  caller: string,
  crisis: string,
  card?: string,
): void {
  const { ctx, state } = tx;
  const a = state.actors[abandoner]!;
  const c = state.actors[caller]!;
  a.reputation = Math.max(0, a.reputation - RULES.abandonReputation);
  c.security = Math.max(0, c.security - RULES.abandonSecurity);
  a.stats.abandoned++;
  c.stats.abandonedBy++;
  c.grievances[abandoner] = (c.grievances[abandoner] ?? 0) + 1;
  const tie = ensureTie(state, abandoner, caller);
  tie.notice = null;
  if (tie.level >= ALLIANCE) tie.level = PARTNERSHIP;
  // A bloc treaty cannot be lowered pair by pair: the pair's bloc level stops applying.
  if (
    sharedBlocs(ctx, state, abandoner, caller).some((b) => ctx.institution[b]!.level === 'alliance')
  ) {
    tie.blocSuspended = true;
    tie.level = Math.max(tie.level, PARTNERSHIP);
  }
  emit(tx, {
    type: 'abandonment',
    actors: [abandoner, caller],
    crisis,
    ...(card ? { card } : {}),
    amounts: { reputation: -RULES.abandonReputation, security: -RULES.abandonSecurity },
    concept: 'abandonment',
  });
  emit(tx, { type: 'grievance', actors: [caller, abandoner], crisis });
  const cohesion = ctx.actor[abandoner]?.cohesion;
  if (cohesion?.europeanAllies.includes(caller)) {
    a.cohesion = Math.max(0, a.cohesion - RULES.cohesion.abandon);
    emit(tx, {
      type: 'cohesion',
      actors: [abandoner, caller],
      amounts: { change: -RULES.cohesion.abandon, cohesion: a.cohesion },
      concept: 'twoFront',
    });
  }
}
