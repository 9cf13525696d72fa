import { RULES } from '../rules.ts';
import { lowerTension } from '../tension.ts';
import { partnerCounts } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { STRATEGIC } from '../vocabulary.ts';

/**
 * Step 9: isolation, markers tick down (Entangled and locked Power not in the round they were set),
 * and Tension eases after a round with no pressed crisis.
 */
export function endOfRound(tx: Tx): void {
  const { ctx, state } = tx;
  const counts = partnerCounts(ctx, state, STRATEGIC);
  for (const id of state.seats) {
    const a = state.actors[id]!;
    const strategic = counts[id]!;
    const need =
      ctx.actor[id]!.kind === 'greatPower'
        ? RULES.isolation.greatPowerPartners
        : RULES.isolation.otherPartners;
    a.isolated = strategic < need;
    if (a.isolated) {
      a.security = Math.max(0, a.security - RULES.isolation.security);
      emit(tx, {
        type: 'isolation',
        actors: [id],
        amounts: { security: -RULES.isolation.security, partners: strategic },
        concept: 'isolation',
      });
    }
  }
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    if (a.entangled > 0 && !entangledThisRound(tx, id)) {
      a.roundsEntangled++;
      a.entangled--;
      if (a.entangled === 0) a.entangledBy = null;
    }
    a.locked = a.locked.filter((l) => {
      if (l.rounds < 0 || l.since >= state.round) return true;
      l.rounds--;
      return l.rounds > 0;
    });
    // Income-side markers already bit this round, so they tick now: two rounds means two incomes.
    if (a.secondary > 0) a.secondary--;
  }
  state.sanctions = state.sanctions.filter((s) => {
    s.rounds--;
    return s.rounds > 0;
  });
  const pressed = state.account.some((e) => e.type === 'pressed');
  if (!pressed) lowerTension(tx, 'a round without a pressed crisis');
}

function entangledThisRound(tx: Tx, id: string): boolean {
  return tx.state.account.some((e) => e.type === 'entrapment' && e.actors[0] === id);
}
