import { seatKindsIn } from './commands/phases.ts';
import { type Problem, refuse } from './commands/problem.ts';
import type { Answer, Command, Order, SeatCommand } from './commands/schema.ts';
import { commandRefusal, injectTimeProblem } from './commands/validate.ts';
import { actionPointCheck } from './commands/validate-orders.ts';
import { unlockedPower } from './crisis.ts';
import { canVeto, ctxOf } from './ctx.ts';
import { actionPointsMax, commitablePower, seatPlan } from './plan.ts';
import { injectableCards } from './preview.ts';
import { RULES } from './rules.ts';
import type { Rider, Scenario } from './scenario/schema.ts';
import type { MatchState, ReadonlyState } from './state.ts';
import { getTie, tieKey } from './ties.ts';
import { ALLIANCE, PARTNERSHIP } from './vocabulary.ts';

/** What taking an option costs (negative: what it gives back), in the engine's numbers. */
export interface OptionCost {
  actionPoints?: number;
  wealth?: number;
  reputation?: number;
}

/** What lowering one tie (or leaving one institution) does, so no client restates the rule. */
export interface LowerEffect {
  /** 'lower': one level down; 'notice': a treaty ends after notice; 'abandonment': leaving a frozen treaty; 'leave': out of a bloc at once. */
  kind: 'lower' | 'notice' | 'abandonment' | 'leave';
  from: number;
  /** The level after (for notice, the level it falls to when notice runs out). */
  to: number;
  cost: OptionCost;
  /** A frozen tie lowered cannot rise again for this many rounds. */
  noRiseRounds?: number;
  /** Notice runs out in this round. */
  dueRound?: number;
}

/**
 * One thing a seat could do now, as a template (as boardgame.io's `ai.enumerate` lists moves): its kind,
 * the targets for which it is legal, the allowed range of its amount, and
 * when it is not available at all, the reason in plain words.
 */
export interface LegalOption {
  kind: Command['kind'];
  /** For orders, the order kind; for answers, the crisis; for invitations, the invitation kind. */
  sub?: string;
  available: boolean;
  reason: string | null;
  /** When not available: the reason as the engine's code and parameters. */
  problem?: Problem;
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
  /** For lowers: the institutions the seat may leave, with their leaders (to whom notice goes) and what leaving does. */
  leaveBlocs?: { bloc: string; leader: string; effect: LowerEffect }[];
  /** What the option costs when taken (orders, offers and invitations: an action point). */
  cost?: OptionCost;
  /** For lowers: per partner, what lowering that tie does. */
  lowers?: Record<string, LowerEffect>;
  /** For offers: the partners who owe the seat a favour it may call in, and what refusing one costs them. */
  favour?: { targets: string[]; rejectCost: OptionCost };
  /** For offers: the Wealth an investment package rider may pay (max 0 when the seat's plans leave none). */
  investment?: { min: number; max: number };
  /** For respond: per offer, what rejecting it costs (an offer that calls in a favour). */
  rejectCosts?: Record<string, OptionCost>;
  /** For invitations: how many actors one invitation may name. */
  invitees?: { min: number; max: number };
  /** For answers: the Wealth an honour may commit, and the least an honour commits (Power or Wealth). */
  wealth?: { min: number; max: number };
  honourMin?: { power: number; wealth: number };
  /** For answers: what quiet support costs. */
  quietCost?: OptionCost;
  /** For votes: what each vote costs (a veto costs Reputation unless the seat holds a free veto). */
  voteCosts?: Partial<Record<'yes' | 'abstain' | 'veto', OptionCost>>;
  /** For mediation invitations: the live crises whose mediators the seat chooses. */
  crises?: string[];
  /** For mandates: the choices the holder may make. */
  choices?: ('limit' | 'stretch' | 'standDown')[];
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
  const problem = (cmd: SeatCommand) => commandRefusal(ctx, state, cmd);
  const out: LegalOption[] = [];
  const plan = seatPlan(state, seat);
  const me = state.actors[seat]!;
  const wealthLeft = me.wealth - plan.wealth;
  const others = ctx.actorIds.filter((id) => id !== seat);
  const option = (
    kind: SeatCommand['kind'],
    targets: string[],
    first: Problem | null,
    extra: Partial<LegalOption> = {},
  ): LegalOption => {
    if (targets.length > 0) return { kind, available: true, reason: null, targets, ...extra };
    const why = first ?? refuse('nothingToChoose', {}, 'Nothing to choose from.');
    return { kind, available: false, reason: why.reason, problem: why, targets, ...extra };
  };

  if (kinds.includes('order')) {
    const apLeft = actionPointsMax(ctx, state, seat) - plan.actionPoints;
    for (const sub of ORDER_KINDS) {
      const candidates = orderCandidates(sub);
      let first: Problem | null = apLeft <= 0 ? actionPointCheck(ctx, state, seat, plan) : null;
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
          ? upTo(RULES.investAmount, wealthLeft)
          : sub === 'aid'
            ? upTo(RULES.aidAmount, wealthLeft)
            : sub === 'deploy'
              ? { min: 1, max: unlockedPower(state, seat) - plan.deployedTotal }
              : undefined;
      out.push({
        ...option('order', targets, first),
        sub,
        cost: { actionPoints: ACTION },
        ...(amount ? { amount } : {}),
      });
    }
  }
  if (kinds.includes('cancelOrder')) {
    // Cancelling gives back the action point and the Wealth the order planned.
    const orders = state.drafts[seat]?.orders ?? [];
    const targets = orders.map((_, i) => String(i));
    out.push(
      option('cancelOrder', targets, refuse('noOrders', {}, 'You have no orders to cancel.'), {
        cost: { actionPoints: -ACTION },
      }),
    );
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
    let first: Problem | null = null;
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
    const favourTargets = targets.filter((to) => (me.favours[to] ?? 0) > 0);
    out.push(
      option('offer', targets, first, {
        raiseTargets,
        pledgeTargets,
        joinBlocs,
        cost: { actionPoints: ACTION },
        favour: { targets: favourTargets, rejectCost: { wealth: RULES.favourRejectCost } },
        investment: upTo(RULES.investmentRiderAmount, wealthLeft),
      }),
    );
  }
  if (kinds.includes('withdrawOffer')) {
    const targets = state.offers
      .filter((o) => o.from === seat && !o.withdrawn && o.round === state.round)
      .filter((o) => problem({ kind: 'withdrawOffer', ...stamp, offer: o.id }) === null)
      .map((o) => o.id);
    out.push(
      option(
        'withdrawOffer',
        targets,
        refuse('noOpenOffers', {}, 'You have no open offers to withdraw.'),
        {
          cost: { actionPoints: -ACTION },
        },
      ),
    );
  }
  if (kinds.includes('lower')) {
    const targets = others.filter(
      (p) =>
        (getTie(state, seat, p)?.level ?? 0) > 0 &&
        problem({ kind: 'lower', ...stamp, partner: p }) === null,
    );
    const lowers: Record<string, LowerEffect> = {};
    for (const p of targets) lowers[p] = lowerEffect(state, seat, p);
    const leaveBlocs = scenario.institutions
      .filter(
        (inst) =>
          state.blocs[inst.id]?.includes(seat) &&
          problem({ kind: 'lower', ...stamp, partner: inst.leader, bloc: inst.id }) === null,
      )
      .map((inst) => ({
        bloc: inst.id,
        leader: inst.leader,
        effect: leaveEffect(state, seat, inst.leader, inst.kind),
      }));
    out.push(
      option('lower', targets, refuse('noOwnTies', {}, 'You have no tie of your own to lower.'), {
        leaveBlocs,
        lowers,
        cost: {},
      }),
    );
  }
  if (kinds.includes('cancelLower')) {
    const targets = (state.drafts[seat]?.lowers ?? []).map((l) => l.partner);
    out.push(
      option('cancelLower', targets, refuse('noLowers', {}, 'You are lowering no tie.'), {
        cost: {},
      }),
    );
  }
  if (kinds.includes('respond')) {
    const waiting = state.offers.filter((o) => o.to === seat && !o.withdrawn);
    const rejectCosts: Record<string, OptionCost> = {};
    for (const o of waiting) if (o.favour) rejectCosts[o.id] = { wealth: RULES.favourRejectCost };
    out.push(
      option(
        'respond',
        waiting.map((o) => o.id),
        refuse('noOffersWaiting', {}, 'No offers are waiting for your answer.'),
        { rejectCosts },
      ),
    );
  }
  if (kinds.includes('respondInvitation')) {
    const targets = state.invitations.filter((i) => i.invitees.includes(seat)).map((i) => i.id);
    out.push(
      option(
        'respondInvitation',
        targets,
        refuse('noInvitationsWaiting', {}, 'No invitations are waiting for your answer.'),
      ),
    );
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
      const max = lever?.kind === 'hostsDrill' ? lever.maxPartners : RULES.inviteesMax;
      out.push({
        ...option('invite', targets, refuse('noInvitees', {}, 'No one can be invited now.')),
        sub,
        cost: { actionPoints: ACTION },
        invitees: { min: 1, max: sub === 'bloc' ? 1 : Math.min(max, RULES.inviteesMax) },
        ...(sub === 'mediation' ? { crises: mediationCrises() } : {}),
      });
    }
    function mediationCrises(): string[] {
      return state.crises
        .filter((c) => c.live && ctx.card[c.card]!.mediatorsChosenBy?.includes(seat))
        .map((c) => c.uid);
    }
    function inviteTargets(sub: string): string[] {
      if (sub === 'mediation') return mediationCrises().length > 0 ? others : [];
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
        wealth: { min: 0, max: Math.max(0, me.wealth - others.wealth) },
        honourMin: { power: RULES.honour.minPower, wealth: RULES.honour.minWealth },
        quietCost: { wealth: RULES.quiet.wealth },
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
        // The range a press may commit; holding commits nothing.
        amount: {
          min: 1,
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
        voteCosts: canVeto(ctx, seat)
          ? { veto: { reputation: me.freeVeto ? 0 : RULES.vetoReputation } }
          : {},
      });
  }
  if (kinds.includes('mandate')) {
    const targets = state.crises
      .filter((c) => c.live && ctx.card[c.card]!.mandateFor === seat)
      .map((c) => c.uid);
    if (targets.length > 0)
      out.push(option('mandate', targets, null, { choices: ['limit', 'stretch', 'standDown'] }));
  }
  if (kinds.includes('done'))
    out.push({ kind: 'done', available: true, reason: null, targets: [] });
  return out;
}

/** Each order, offer and invitation uses one action point (plan.ts counts them so). */
const ACTION = 1;

/** A rule's amount range, capped by what the seat can still spend (max below min: nothing affordable). */
function upTo(range: { min: number; max: number }, left: number): { min: number; max: number } {
  return { min: range.min, max: Math.min(range.max, left) };
}

/** What lowering the tie with `partner` will do (tie-changes.ts applies it). */
function lowerEffect(state: MatchState, seat: string, partner: string): LowerEffect {
  const tie = state.ties[tieKey(seat, partner)]!;
  const from = tie.level;
  if (from >= ALLIANCE)
    return tie.frozenBy
      ? {
          kind: 'abandonment',
          from,
          to: PARTNERSHIP,
          cost: { reputation: RULES.abandonReputation },
        }
      : {
          kind: 'notice',
          from,
          to: from - 1,
          cost: { reputation: RULES.noticeReputation },
          dueRound: state.round + state.settings.treatyNotice,
        };
  return tie.frozenBy
    ? {
        kind: 'lower',
        from,
        to: from - 1,
        cost: { reputation: RULES.frozenLowerReputation },
        noRiseRounds: RULES.frozenLowerNoRise,
      }
    : { kind: 'lower', from, to: from - 1, cost: {} };
}

/** What leaving an institution does: a treaty bloc takes notice (or is abandonment when frozen); others are left at once. */
function leaveEffect(state: MatchState, seat: string, leader: string, kind: string): LowerEffect {
  const tie = getTie(state, seat, leader);
  const from = tie?.level ?? 0;
  if (kind !== 'alliance' && kind !== 'paperAlliance')
    return { kind: 'leave', from, to: from, cost: {} };
  return tie?.frozenBy
    ? { kind: 'abandonment', from, to: from, cost: { reputation: RULES.abandonReputation } }
    : {
        kind: 'notice',
        from,
        to: from,
        cost: { reputation: RULES.noticeReputation },
        dueRound: state.round + state.settings.treatyNotice,
      };
}

/**
 * What the host (the match's authority) may do now: inject one of the cards
 * the engine takes, or end the match. Same shape as a seat's options.
 */
export function hostCommands(scenario: Scenario, readOnlyState: ReadonlyState): LegalOption[] {
  const state = readOnlyState as MatchState; // a query: it never writes
  if (state.phase === 'ended') return [];
  // injectableCards reads a view as well as the state (a view hides the deck's order, not its cards).
  const when = injectTimeProblem(state);
  const targets = when ? [] : injectableCards(scenario, state);
  const first = when ?? refuse('noCardToInject', {}, 'Every card is in play or held in a hand.');
  return [
    targets.length > 0
      ? { kind: 'injectCrisis', available: true, reason: null, targets }
      : { kind: 'injectCrisis', available: false, reason: first.reason, problem: first, targets },
    { kind: 'endMatch', available: true, reason: null, targets: [] },
  ];
}
