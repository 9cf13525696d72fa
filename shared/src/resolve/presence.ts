import { rivalPresent } from '../crisis.ts';
import { raiseTension } from '../tension.ts';
import { emit, type Tx } from '../tx.ts';

function addInfluence(tx: Tx, actor: string, region: string, n: number): void {
  const a = tx.state.actors[actor]!;
  a.influence[region] = Math.max(0, Math.min(10, (a.influence[region] ?? 0) + n));
}

export { addInfluence };

/** Step 2: deployments place presence (+1 influence); joint exercises and drills are held. */
export function applyPresence(tx: Tx): void {
  const { ctx, state } = tx;
  for (const seat of state.seats) {
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind !== 'deploy') continue;
      const a = state.actors[seat]!;
      a.deployed[order.region] = (a.deployed[order.region] ?? 0) + order.power;
      addInfluence(tx, seat, order.region, 1);
      emit(tx, { type: 'deployed', actors: [seat], region: order.region, amounts: { power: order.power } });
    }
  }
  // Rivals are judged after every deployment is placed, so the order of seats does not matter.
  for (const seat of state.seats) {
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind === 'deploy') {
        const rival = rivalPresent(ctx, state, seat, order.region);
        if (rival) raiseTension(tx, [seat, rival], 'deployment next to a rival');
      } else if (order.kind === 'exercise') {
        exercise(tx, seat, [order.partner], order.region);
      }
    }
  }
  for (const offer of state.offers) {
    if (offer.withdrawn || offer.answer !== true) continue;
    for (const r of offer.riders) if (r.kind === 'jointExercise') exercise(tx, offer.from, [offer.to], r.region);
  }
  for (const inv of state.invitations) {
    if (inv.kind !== 'drill' || inv.accepted.length === 0) continue;
    exercise(tx, inv.from, inv.accepted, ctx.actor[inv.from]!.home);
  }
}

function exercise(tx: Tx, host: string, partners: string[], region: string): void {
  const { ctx, state } = tx;
  emit(tx, { type: 'exercise', actors: [host, ...partners], region, concept: 'deterrence' });
  for (const actor of [host, ...partners]) {
    if (ctx.actor[actor]?.kind !== 'greatPower') continue;
    const rival = rivalPresent(ctx, state, actor, region);
    if (rival) {
      raiseTension(tx, [actor, rival], 'exercise next to a rival');
      return;
    }
  }
}
