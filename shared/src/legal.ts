import { seatKindsIn } from './commands/phases.ts';
import type { Answer, Order, SeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
import { unlockedPower } from './crisis.ts';
import { canVeto, ctxOf } from './ctx.ts';
import { actionPointsMax, commitablePower, seatPlan } from './plan.ts';
import type { Rider, Scenario } from './scenario/schema.ts';
import type { MatchState, ReadonlyState } from './state.ts';
import { getTie } from './ties.ts';

/**
 * One thing a seat could do now, as a template (CONVENTIONS 11): its kind,
 * the targets for which it is legal, the allowed range of its amount, and
 * when it is not available at all, the reason in plain words.
 */
export interface LegalOption {
  kind: SeatCommand['kind'];
  /** For orders, the order kind; for answers, the crisis; for invitations, the invitation kind. */
  sub?: string;
  available: boolean;
  reason: string | null;
  targets: string[];
  amount?: { min: number; max: number };
  /** Answer kinds allowed on a call. */
  answers?: Answer['kind'][];
  /** For votes: the votes the seat may cast (a veto only for a permanent member). */
  votes?: ('yes' | 'abstain' | 'veto')[];
  /** Sides an answer may take (two when called from both sides). */
  sides?: ('attack' | 'defence')[];
  /** For offers: targets to which a raise is legal (others take riders only). */
  raiseTargets?: string[];
  /** For offers: targets with whom a UN pledge may be agreed (both on the Security Council). */
  pledgeTargets?: string[];
  /** For offers: per target, the institutions it leads that the seat may ask to join. */
  joinBlocs?: Record<string, string[]>;
  /** For lowers: the institutions the seat may leave, with their leaders (to whom notice goes). */
  leaveBlocs?: { bloc: string; leader: string }[];
}

const ORDER_KINDS: Order['kind'][] = [
  'invest',
  'deploy',
  'exercise',
  'mediate',
  'sanction',
  'aid',
  'investigate',
  'prepare',
];

/** Everything a seat may do in the current phase, with reasons for what it may not. */
export function legalCommands(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
): LegalOption[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  if (!state.seats.includes(seat)) return [];
  const kinds = seatKindsIn(state.phase, state.settings.pace);
  const stamp = { seat, round: state.round, phase: state.phase };
  const problem = (cmd: SeatCommand) => commandProblem(ctx, state, cmd);
  const out: LegalOption[] = [];
  const plan = seatPlan(state, seat);
  const me = state.actors[seat]!;
  const wealthLeft = me.wealth - plan.wealth;
  const others = ctx.actorIds.filter((id) => id !== seat);
  const option = (
    kind: SeatCommand['kind'],
    targets: string[],
    firstReason: string | null,
    extra: Partial<LegalOption> = {},
  ): LegalOption => ({
    kind,
    available: targets.length > 0,
    reason: targets.length > 0 ? null : (firstReason ?? 'Nothing to choose from.'),
    targets,
    ...extra,
  });

  if (kinds.includes('order')) {
    const apLeft = actionPointsMax(ctx, state, seat) - plan.actionPoints;
    for (const sub of ORDER_KINDS) {
      const candidates = orderCandidates(sub);
      let first: string | null = apLeft <= 0 ? `No action points left this round.` : null;
      const targets: string[] = [];
      if (apLeft > 0) {
        for (const [target, order] of candidates) {
          const p = problem({ kind: 'order', ...stamp, order });
          if (p === null) targets.push(target);
          else first ??= p;
        }
      }
      const amount =
        sub === 'invest'
          ? { min: 2, max: Math.min(4, wealthLeft) }
          : sub === 'aid'
            ? { min: 1, max: Math.min(3, wealthLeft) }
            : sub === 'deploy'
              ? { min: 1, max: unlockedPower(state, seat) - plan.deployedTotal }
              : undefined;
      out.push({ ...option('order', targets, first), sub, ...(amount ? { amount } : {}) });
    }
  }
  function orderCandidates(sub: Order['kind']): [string, Order][] {
    switch (sub) {
      case 'invest':
        return ctx.regionIds.map((r) => [r, { kind: 'invest', region: r, amount: 2 }]);
      case 'deploy':
        return ctx.regionIds.map((r) => [r, { kind: 'deploy', region: r, power: 1 }]);
      case 'exercise':
        return others.map((p) => [p, { kind: 'exercise', partner: p, region: ctx.actor[p]!.home }]);
      case 'mediate':
        return state.crises
          .filter((c) => c.live)
          .map((c) => [c.uid, { kind: 'mediate', crisis: c.uid }]);
      case 'sanction':
        return others.map((t) => [t, { kind: 'sanction', target: t }]);
      case 'aid':
        return others.map((t) => [t, { kind: 'aid', to: t, amount: 1 }]);
      case 'investigate':
        return others.map((t) => [t, { kind: 'investigate', target: t }]);
      case 'prepare':
        return me.hand.map((c) => [c, { kind: 'prepare', card: c }]);
    }
  }

  if (kinds.includes('offer')) {
    const targets: string[] = [];
    const raiseTargets: string[] = [];
    const pledgeTargets: string[] = [];
    const joinBlocs: Record<string, string[]> = {};
    let first: string | null = null;
    const offer = (to: string, raise: boolean, riders: Rider[], bloc?: string) =>
      problem({ kind: 'offer', ...stamp, to, raise, riders, favour: false, ...(bloc && { bloc }) });
    for (const to of others) {
      const raise = offer(to, true, []);
      const pledge = offer(to, false, [{ kind: 'unPledge' }]);
      const trade = offer(to, false, [{ kind: 'trade' }]);
      const blocs = scenario.institutions
        .filter((inst) => inst.leader === to && offer(to, false, [], inst.id) === null)
        .map((inst) => inst.id);
      if (raise === null) raiseTargets.push(to);
      if (pledge === null) pledgeTargets.push(to);
      if (blocs.length > 0) joinBlocs[to] = blocs;
      if (raise === null || pledge === null || trade === null || blocs.length > 0) targets.push(to);
      else first ??= raise;
    }
    out.push(option('offer', targets, first, { raiseTargets, pledgeTargets, joinBlocs }));
  }
  if (kinds.includes('lower')) {
    const targets = others.filter(
      (p) =>
        (getTie(state, seat, p)?.level ?? 0) > 0 &&
        problem({ kind: 'lower', ...stamp, partner: p }) === null,
    );
    const leaveBlocs = scenario.institutions
      .filter(
        (inst) =>
          state.blocs[inst.id]?.includes(seat) &&
          problem({ kind: 'lower', ...stamp, partner: inst.leader, bloc: inst.id }) === null,
      )
      .map((inst) => ({ bloc: inst.id, leader: inst.leader }));
    out.push(option('lower', targets, 'You have no tie of your own to lower.', { leaveBlocs }));
  }
  if (kinds.includes('respond')) {
    const targets = state.offers.filter((o) => o.to === seat && !o.withdrawn).map((o) => o.id);
    out.push(option('respond', targets, 'No offers are waiting for your answer.'));
  }
  if (kinds.includes('respondInvitation')) {
    const targets = state.invitations.filter((i) => i.invitees.includes(seat)).map((i) => i.id);
    out.push(option('respondInvitation', targets, 'No invitations are waiting for your answer.'));
  }
  if (kinds.includes('invite')) {
    const lever = ctx.actor[seat]!.seat?.lever;
    const subs =
      lever?.kind === 'convenesSummit'
        ? ['summit']
        : lever?.kind === 'leadsBrics'
          ? ['brics']
          : lever?.kind === 'hostsDrill'
            ? ['drill']
            : lever?.kind === 'choosesMediators'
              ? ['mediation']
              : lever?.kind === 'invitesBloc'
                ? ['bloc']
                : [];
    for (const sub of subs) {
      const targets = inviteTargets(sub);
      out.push({ ...option('invite', targets, 'No one can be invited now.'), sub });
    }
    function inviteTargets(sub: string): string[] {
      if (sub === 'mediation')
        return state.crises.filter(
          (c) => c.live && ctx.card[c.card]!.mediatorsChosenBy?.includes(seat),
        ).length > 0
          ? others
          : [];
      if (sub === 'bloc')
        return state.crises
          .filter((c) => c.live && ctx.card[c.card]!.blocInviteBy === seat && !c.blocInvited)
          .map((c) => c.uid);
      return others.filter(
        (o) =>
          problem({ kind: 'invite', ...stamp, invitation: sub as 'summit', invitees: [o] }) ===
          null,
      );
    }
  }
  if (kinds.includes('answer')) {
    for (const crisis of state.crises) {
      const call = crisis.live ? crisis.calls.find((c) => c.actor === seat) : undefined;
      if (!call) continue;
      const answers: Answer['kind'][] = call.treaty
        ? ['honour', 'abandon']
        : ['honour', 'quiet', 'hedge'];
      if (
        crisis.instigator &&
        state.seats.includes(crisis.instigator) &&
        crisis.instigator !== seat
      )
        answers.splice(1, 0, 'honourIfPressed');
      const sides =
        call.side === 'either' ? (['attack', 'defence'] as const) : ([call.side] as const);
      const others = seatPlan(state, seat, { answer: crisis.uid });
      out.push({
        kind: 'answer',
        sub: crisis.uid,
        available: true,
        reason: null,
        targets: [crisis.uid],
        answers,
        sides: [...sides],
        amount: { min: 0, max: commitablePower(state, seat, others, crisis.region) },
      });
    }
  }
  if (kinds.includes('instigate')) {
    for (const crisis of state.crises) {
      if (!crisis.live || crisis.instigator !== seat) continue;
      out.push({
        kind: 'instigate',
        sub: crisis.uid,
        available: true,
        reason: null,
        targets: [crisis.uid],
        amount: {
          min: 0,
          max: commitablePower(
            state,
            seat,
            seatPlan(state, seat, { press: crisis.uid }),
            crisis.region,
          ),
        },
      });
    }
  }
  if (kinds.includes('vote') && ctx.councilMembers.includes(seat)) {
    const targets = state.crises
      .filter((c) => c.live && ctx.card[c.card]!.kind === 'vote')
      .map((c) => c.uid);
    if (targets.length > 0)
      out.push({
        ...option('vote', targets, null),
        votes: canVeto(ctx, seat) ? ['yes', 'abstain', 'veto'] : ['yes', 'abstain'],
      });
  }
  if (kinds.includes('mandate')) {
    const targets = state.crises
      .filter((c) => c.live && ctx.card[c.card]!.mandateFor === seat)
      .map((c) => c.uid);
    if (targets.length > 0) out.push(option('mandate', targets, null));
  }
  if (kinds.includes('done'))
    out.push({ kind: 'done', available: true, reason: null, targets: [] });
  return out;
}
