import { seatKindsIn } from '../commands/phases.ts';
import type { Answer, Order, SeatCommand } from '../commands/schema.ts';
import { commandProblem } from '../commands/validate.ts';
import { type Ctx, canVeto, ctxOf } from '../ctx.ts';
import { nextFloat, nextInt, type RngHolder } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState, ReadonlyState } from '../state.ts';
import { tieLevel } from '../ties.ts';
import { PARTNERSHIP } from '../vocabulary.ts';

function pick<T>(rng: RngHolder, items: readonly T[]): T {
  return items[nextInt(rng, items.length)]!;
}

type Stamp = { seat: string; round: number; phase: MatchState['phase'] };

/**
 * A random-legal policy, one command at a time: it proposes random commands
 * of the kinds the phase allows and returns the first the validator accepts;
 * when it has nothing more to do it returns "done". It reads only what the
 * seat's own view holds (its draft, its calls, offers to it, public ties).
 * Its generator is its own, never the match's.
 */
export function nextRandomCommand(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
  rng: RngHolder,
): SeatCommand {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  for (const cmd of randomCandidates(scenario, state, seat, rng))
    if (commandProblem(ctx, state, cmd) === null) return cmd;
  return { kind: 'done', seat, round: state.round, phase: state.phase, done: true };
}

/**
 * The same policy as candidates in order of preference, the last always
 * "done": a driver that applies them until one is accepted needs no second
 * validation (the engine refuses an illegal one without changing anything).
 */
export function randomCandidates(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
  rng: RngHolder,
): SeatCommand[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const kinds = seatKindsIn(state.phase, state.settings.pace);
  const stamp: Stamp = { seat, round: state.round, phase: state.phase };
  const out = pendingAnswers(ctx, state, kinds, stamp, rng).flat();
  if (kinds.includes('order') && nextFloat(rng) < 0.85) {
    for (let attempt = 0; attempt < 4; attempt++) {
      const cmd = randomInitiative(ctx, state, stamp, rng);
      if (cmd) out.push(cmd);
    }
  }
  out.push({ kind: 'done', ...stamp, done: true });
  return out;
}

/**
 * A whole phase of the policy for one seat, through `tryApply` (which applies
 * a command if it is legal and says whether it did): every decision it owes,
 * then initiatives until it stops or keeps being refused, then "done". The
 * cheap way to play many games: each decision is generated once.
 */
export function playRandomPhase(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  rng: RngHolder,
  tryApply: (cmd: SeatCommand) => boolean,
): void {
  const ctx = ctxOf(scenario);
  const kinds = seatKindsIn(state.phase, state.settings.pace);
  const stamp: Stamp = { seat, round: state.round, phase: state.phase };
  for (const alternatives of pendingAnswers(ctx, state, kinds, stamp, rng))
    alternatives.some(tryApply);
  if (kinds.includes('order')) {
    let refusals = 0;
    while (refusals < 4 && nextFloat(rng) < 0.85) {
      const cmd = randomInitiative(ctx, state, stamp, rng);
      if (cmd && tryApply(cmd)) refusals = 0;
      else refusals++;
    }
  }
  tryApply({ kind: 'done', ...stamp, done: true });
}

/** Decisions the seat owes now (offers, invitations, calls, Press, votes, mandates): for each, random alternatives in order, the last a safe one. */
function pendingAnswers(
  ctx: Ctx,
  state: MatchState,
  kinds: readonly SeatCommand['kind'][],
  stamp: Stamp,
  rng: RngHolder,
): SeatCommand[][] {
  const seat = stamp.seat;
  const out: SeatCommand[][] = [];
  if (kinds.includes('respond'))
    for (const o of state.offers)
      if (o.to === seat && o.answer === null && !o.withdrawn)
        out.push([
          { kind: 'respond', ...stamp, offer: o.id, accept: nextFloat(rng) < 0.6 },
          { kind: 'respond', ...stamp, offer: o.id, accept: true },
        ]);
  if (kinds.includes('respondInvitation'))
    for (const i of state.invitations)
      if (i.invitees.includes(seat) && !i.accepted.includes(seat) && !i.declined.includes(seat))
        out.push([
          { kind: 'respondInvitation', ...stamp, invitation: i.id, accept: nextFloat(rng) < 0.6 },
        ]);
  for (const crisis of state.crises) {
    if (!crisis.live) continue;
    const call =
      kinds.includes('answer') && !crisis.answers[seat]
        ? crisis.calls.find((c) => c.actor === seat)
        : undefined;
    if (call) {
      const side = call.side === 'either' ? pick(rng, ['attack', 'defence'] as const) : call.side;
      const kind: Answer['kind'] = call.treaty
        ? pick(rng, ['honour', 'honour', 'abandon'] as const)
        : pick(rng, ['honour', 'quiet', 'hedge', 'hedge'] as const);
      const power = kind === 'honour' ? 1 + nextInt(rng, 2) : 0;
      const answer = (a: Omit<Answer, 'side'>) => ({
        kind: 'answer' as const,
        ...stamp,
        crisis: crisis.uid,
        answer: { ...a, side },
      });
      out.push([
        answer({ kind, power, wealth: 0 }),
        answer({ kind: 'honour', power: 0, wealth: 2 }),
        answer({ kind: call.treaty ? 'abandon' : 'hedge', power: 0, wealth: 0 }),
      ]);
    }
    if (kinds.includes('instigate') && crisis.instigator === seat && !crisis.press) {
      const press = nextFloat(rng) < 0.5;
      out.push([
        {
          kind: 'instigate',
          ...stamp,
          crisis: crisis.uid,
          press,
          power: press ? 1 + nextInt(rng, 3) : 0,
        },
        { kind: 'instigate', ...stamp, crisis: crisis.uid, press: false, power: 0 },
      ]);
    }
    const card = ctx.card[crisis.card]!;
    if (
      kinds.includes('vote') &&
      card.kind === 'vote' &&
      ctx.councilMembers.includes(seat) &&
      !crisis.votes[seat]
    )
      out.push([
        {
          kind: 'vote',
          ...stamp,
          crisis: crisis.uid,
          vote: canVeto(ctx, seat)
            ? pick(rng, ['yes', 'yes', 'abstain', 'veto'] as const)
            : pick(rng, ['yes', 'yes', 'abstain'] as const),
        },
      ]);
    if (kinds.includes('mandate') && card.mandateFor === seat && !crisis.mandate)
      out.push([
        {
          kind: 'mandate',
          ...stamp,
          crisis: crisis.uid,
          choice: pick(rng, ['limit', 'stretch', 'standDown'] as const),
        },
      ]);
  }
  return out;
}

/** One random action-point spend: an offer, an order or (rarely) a lowered tie. */
function randomInitiative(
  ctx: Ctx,
  state: MatchState,
  stamp: Stamp,
  rng: RngHolder,
): SeatCommand | null {
  const seat = stamp.seat;
  const roll = nextFloat(rng);
  const actor = pick(rng, ctx.actorIds);
  if (actor === seat) return null;
  if (roll < 0.3) {
    const riders: Extract<SeatCommand, { kind: 'offer' }>['riders'] = [];
    if (nextFloat(rng) < 0.3) riders.push({ kind: 'trade' });
    if (nextFloat(rng) < 0.15) riders.push({ kind: 'armsSale', seller: seat });
    if (nextFloat(rng) < 0.1) riders.push({ kind: 'training', trainer: seat });
    return { kind: 'offer', ...stamp, to: actor, raise: true, riders, favour: false };
  }
  if (roll < 0.33) return { kind: 'lower', ...stamp, partner: actor };
  const order = randomOrder(ctx, state, seat, actor, nextFloat(rng), rng);
  return order ? { kind: 'order', ...stamp, order } : null;
}

function randomOrder(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  actor: string,
  roll: number,
  rng: RngHolder,
): Order | null {
  const region = pick(rng, ctx.regionIds);
  if (roll < 0.4) return { kind: 'invest', region, amount: 2 + nextInt(rng, 3) };
  if (roll < 0.6) return { kind: 'deploy', region, power: 1 + nextInt(rng, 3) };
  // Cheap public checks keep the policy from proposing what is plainly refused (fewer wasted validations).
  if (roll < 0.67)
    return tieLevel(ctx, state, seat, actor) >= PARTNERSHIP
      ? { kind: 'exercise', partner: actor, region }
      : null;
  if (roll < 0.74) return { kind: 'aid', to: actor, amount: 1 + nextInt(rng, 3) };
  if (roll < 0.8) return { kind: 'sanction', target: actor };
  if (roll < 0.85)
    return ctx.actor[seat]!.canInvestigate ? { kind: 'investigate', target: actor } : null;
  const live = state.crises.filter((c) => c.live && !c.parties.includes(seat));
  if (roll < 0.95 && live.length > 0) return { kind: 'mediate', crisis: pick(rng, live).uid };
  const hand = state.actors[seat]!.hand;
  return hand.length > 0 ? { kind: 'prepare', card: pick(rng, hand) } : null;
}
