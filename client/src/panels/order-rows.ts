import {
  ctxOf,
  type LegalOption,
  type Order,
  type OrderKind,
  type ReadonlyState,
  type Rider,
  RULES,
  type Scenario,
  tieKey,
  tieLevel,
} from '@entanglement/shared';
import type { Option } from './kit.ts';
import {
  actorName,
  actorOptions,
  blocName,
  cardTitle,
  crisisTitle,
  levelWords,
  orderWords,
  regionOptions,
} from './words.ts';

/** What each order is called and does, for a 14-year-old. */
export const ORDER_TEXT: Record<
  OrderKind,
  { title: string; help: string; target: string; amount?: string }
> = {
  invest: {
    title: 'Invest in a region',
    help: 'Spend 2–4 Wealth: +1 influence there for every 2 Wealth.',
    target: 'Region',
    amount: 'Wealth',
  },
  deploy: {
    title: 'Deploy Power',
    help: 'Send Power to a region this round: +1 influence, and it defends you there. A rival nearby raises Tension.',
    target: 'Region',
    amount: 'Power',
  },
  exercise: {
    title: 'Joint exercise',
    help: 'With a partner (partnership or more): this round you deter attacks for each other as if your tie were one level higher there.',
    target: 'Partner',
  },
  mediate: {
    title: 'Mediate a crisis',
    help: 'Lower its severity by 1. If the crisis is defused you gain Reputation and influence.',
    target: 'Crisis',
  },
  sanction: {
    title: 'Sanction',
    help: 'For 2 rounds the target earns 2 less income and you 1 less. Anyone who helps it openly is hit by secondary sanctions.',
    target: 'Actor',
  },
  aid: {
    title: 'Send aid',
    help: 'Give 1–3 Wealth: +1 influence in their home region; half of it helps their side in a crisis.',
    target: 'Actor',
    amount: 'Wealth',
  },
  investigate: {
    title: 'Investigate',
    help: 'A 50% chance to expose secret quiet support the target gave this round.',
    target: 'Actor',
  },
  prepare: {
    title: 'Prepare a crisis card',
    help: 'A card from your hand is revealed at the next Briefing.',
    target: 'Card',
  },
};

export interface OrderRow {
  sub: OrderKind;
  title: string;
  help: string;
  available: boolean;
  /** The engine's reason when the order cannot be given now. */
  reason: string | null;
  targetLabel: string;
  targets: Option[];
  amount: { label: string; min: number; max: number } | null;
  /** Joint exercises also choose a region (the partner's home by default). */
  regions: Option[] | null;
}

/** One row per order kind, from the engine's legal options (nothing here decides a rule). */
export function orderRows(
  scenario: Scenario,
  state: ReadonlyState,
  options: LegalOption[],
): OrderRow[] {
  return options
    .filter((o) => o.kind === 'order' && o.sub)
    .map((o) => {
      const sub = o.sub as OrderKind;
      const text = ORDER_TEXT[sub];
      const targets =
        sub === 'invest' || sub === 'deploy'
          ? regionOptions(scenario, o.targets)
          : sub === 'mediate'
            ? o.targets.map((uid) => ({
                value: uid,
                label: crisisTitle(scenario, state.crises, uid),
              }))
            : sub === 'prepare'
              ? o.targets.map((id) => ({ value: id, label: cardTitle(scenario, id) }))
              : actorOptions(scenario, o.targets);
      const amount =
        o.amount && text.amount && o.amount.max >= o.amount.min
          ? { label: `${text.amount} (${o.amount.min}–${o.amount.max})`, ...o.amount }
          : null;
      const available = o.available && (!o.amount || amount !== null);
      return {
        sub,
        title: text.title,
        help: text.help,
        available,
        reason: available ? null : (o.reason ?? `Not enough ${text.amount ?? 'means'} left.`),
        targetLabel: text.target,
        targets,
        amount,
        regions:
          sub === 'exercise'
            ? regionOptions(
                scenario,
                scenario.regions.map((r) => r.id),
              )
            : null,
      };
    });
}

/** The order a row's form describes. */
export function buildOrder(sub: OrderKind, target: string, amount: number, region: string): Order {
  switch (sub) {
    case 'invest':
      return { kind: 'invest', region: target, amount };
    case 'deploy':
      return { kind: 'deploy', region: target, power: amount };
    case 'exercise':
      return { kind: 'exercise', partner: target, region };
    case 'mediate':
      return { kind: 'mediate', crisis: target };
    case 'sanction':
      return { kind: 'sanction', target };
    case 'aid':
      return { kind: 'aid', to: target, amount };
    case 'investigate':
      return { kind: 'investigate', target };
    case 'prepare':
      return { kind: 'prepare', card: target };
  }
}

/** The partner's home region: where an exercise with it is held unless the player picks another. */
export function homeOf(scenario: Scenario, actor: string): string {
  return scenario.actors.find((a) => a.id === actor)?.home ?? scenario.regions[0]!.id;
}

/** The seat's draft orders in words, with their index for cancelOrder. */
export function draftOrders(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
): { index: number; words: string }[] {
  return (state.drafts[seat]?.orders ?? []).map((order, index) => ({
    index,
    words: orderWords(scenario, order, state.crises),
  }));
}

/** What lowering the tie with `partner` will do, in words. */
export function lowerWords(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
  partner: string,
): string {
  const tie = state.ties[tieKey(seat, partner)];
  const level = tie?.level ?? 0;
  const name = actorName(scenario, partner);
  if (level >= 4) {
    const due = state.round + state.settings.treatyNotice;
    return tie?.frozenBy
      ? `${name}: leaving a treaty while a crisis freezes it is abandonment (−${RULES.abandonReputation} Reputation, a grievance).`
      : `${name}: give notice on your alliance (−${RULES.noticeReputation} Reputation now; it becomes a strategic partnership in round ${due}).`;
  }
  return tie?.frozenBy
    ? `${name}: ${levelWords(level)} → ${levelWords(level - 1)}. The tie is frozen by a crisis: this costs 1 Reputation and it cannot rise again for ${RULES.frozenLowerNoRise} rounds.`
    : `${name}: ${levelWords(level)} → ${levelWords(level - 1)} (free).`;
}

/** Ties the seat may lower now, as options. */
export function lowerChoices(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
  option: LegalOption | undefined,
): Option[] {
  return (option?.targets ?? [])
    .map((p) => {
      const level = state.ties[tieKey(seat, p)]?.level ?? 0;
      const after = level >= 4 ? 'notice' : levelWords(level - 1);
      return { value: p, label: `${actorName(scenario, p)}: ${levelWords(level)} → ${after}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The institutions the engine lets the seat leave now (the lower option's `leaveBlocs`), in words. */
export function blocsToLeave(
  scenario: Scenario,
  option: LegalOption | undefined,
): { bloc: string; leader: string; words: string }[] {
  return (option?.leaveBlocs ?? []).map(({ bloc, leader }) => {
    const inst = scenario.institutions.find((i) => i.id === bloc)!;
    return {
      bloc,
      leader,
      words:
        inst.kind === 'alliance' || inst.kind === 'paperAlliance'
          ? `Leave ${inst.name}: this is notice, −${RULES.noticeReputation} Reputation now.`
          : `Leave ${inst.name} (free, at once).`,
    };
  });
}

/** The seat's planned lowers, in words. */
export function draftLowers(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
): { partner: string; words: string }[] {
  return (state.drafts[seat]?.lowers ?? []).map((l) => ({
    partner: l.partner,
    words: l.bloc
      ? `Leave ${blocName(scenario, l.bloc)}`
      : `Lower your tie with ${actorName(scenario, l.partner)}`,
  }));
}

/** Offer targets with the level the pair shows now. */
export function offerTargets(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
  option: LegalOption,
): Option[] {
  const ctx = ctxOf(scenario);
  return actorOptions(scenario, option.targets).map((o) => ({
    value: o.value,
    label: `${o.label} (${levelWords(tieLevel(ctx, state, seat, o.value))} now)`,
  }));
}

/** What an offer to `to` may do, as the engine's offer option says: raise, riders only, or join a bloc `to` leads. */
export function offerKinds(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string,
  to: string,
  option: LegalOption,
): Option[] {
  const level = tieLevel(ctxOf(scenario), state, seat, to);
  const out: Option[] = [];
  if (option.raiseTargets?.includes(to))
    out.push({
      value: 'raise',
      label: `Raise the tie: ${levelWords(level)} → ${levelWords(level + 1)}`,
    });
  out.push({ value: 'riders', label: `Keep ${levelWords(level)}, add deals only` });
  for (const bloc of option.joinBlocs?.[to] ?? [])
    out.push({ value: `join:${bloc}`, label: `Ask to join ${blocName(scenario, bloc)}` });
  return out;
}

/** The riders the editor offers for a pair: a UN pledge only where the engine's offer option allows one. */
export function riderKinds(option: LegalOption | undefined, to: string): Rider['kind'][] {
  const kinds: Rider['kind'][] = [
    'trade',
    'armsSale',
    'training',
    'jointExercise',
    'baseAccess',
    'investment',
  ];
  if (option?.pledgeTargets?.includes(to)) kinds.push('unPledge');
  return kinds;
}

export const RIDER_TEXT: Record<Rider['kind'], string> = {
  trade: 'Trade deal (+1 income each; needs partnership)',
  armsSale: 'Arms sale (buyer +1 Power, seller +1 income)',
  training: 'Training mission (the trained side +1 Security)',
  jointExercise: 'Joint exercise this round (needs partnership)',
  baseAccess: 'Base access (host +2 income, guest gets a footprint)',
  investment: 'Investment package (you pay 1–3 Wealth)',
  unPledge: 'UN pledge (they vote with you at the next vote)',
};

/** Builds the riders from the editor's choices. */
export function buildRiders(
  kinds: Rider['kind'][],
  pick: { seller: string; trainer: string; guest: string; region: string; amount: number },
): Rider[] {
  return kinds.map((kind): Rider => {
    switch (kind) {
      case 'armsSale':
        return { kind, seller: pick.seller };
      case 'training':
        return { kind, trainer: pick.trainer };
      case 'baseAccess':
        return { kind, guest: pick.guest };
      case 'jointExercise':
        return { kind, region: pick.region };
      case 'investment':
        return { kind, amount: Math.max(1, Math.min(3, pick.amount)) };
      default:
        return { kind } as Rider;
    }
  });
}
