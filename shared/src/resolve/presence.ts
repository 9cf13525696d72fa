import { rivalPresent } from '../crisis.ts';
import { RULES } from '../rules.ts';
import { raiseTension } from '../tension.ts';
import { emit, type Tx } from '../tx.ts';

function addInfluence(tx: Tx, actor: string, region: string, n: number): void {
  const a = tx.state.actors[actor]!;
  a.influence[region] = Math.max(0, Math.min(RULES.trackMax, (a.influence[region] ?? 0) + n));
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
      addInfluence(tx, seat, order.region, RULES.deployInfluence);
      emit(tx, {
        type: 'deployed',
        actors: [seat],
        region: order.region,
        amounts: { power: order.power },
      });
    }
  }
  // Rivals are judged after every deployment is placed, so the order of seats does not matter;
  // a pair of rivals face-to-face in a region raises Tension once a round, however many orders put them there.
  const faced = new Set<string>();
  const face = (actor: string, region: string, reason: string) => {
    const rival = rivalPresent(ctx, state, actor, region);
    if (!rival) return;
    const key = [region, ...[actor, rival].sort()].join('|');
    if (faced.has(key)) return;
    faced.add(key);
    raiseTension(tx, [actor, rival], reason);
  };
  const held = new Set<string>();
  const exercise = (host: string, partners: string[], region: string) => {
    const key = [region, ...[host, ...partners].sort()].join('|');
    if (held.has(key)) return;
    held.add(key);
    emit(tx, { type: 'exercise', actors: [host, ...partners], region, concept: 'deterrence' });
    for (const actor of [host, ...partners])
      if (ctx.actor[actor]?.kind === 'greatPower') face(actor, region, 'exercise next to a rival');
  };
  for (const seat of state.seats) {
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind === 'deploy') face(seat, order.region, 'deployment next to a rival');
      else if (order.kind === 'exercise') exercise(seat, [order.partner], order.region);
    }
  }
  for (const offer of state.offers) {
    if (offer.withdrawn || offer.answer !== true) continue;
    for (const r of offer.riders)
      if (r.kind === 'jointExercise') exercise(offer.from, [offer.to], r.region);
  }
  for (const inv of state.invitations) {
    if (inv.kind !== 'drill' || inv.accepted.length === 0) continue;
    exercise(inv.from, inv.accepted, ctx.actor[inv.from]!.home);
  }
}
