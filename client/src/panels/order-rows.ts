import {
  ctxOf,
  type LegalOption,
  type LowerEffect,
  type Order,
  type OrderKind,
  type ReadonlyState,
  type Rider,
  RULES,
  type Scenario,
  tieLevel,
} from '@entanglement/shared';
import { optionReason } from '../i18n/problem-words.ts';
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
  signed,
} from './words.ts';

/** What each order is called and does, for a 14-year-old, with the engine's numbers (read when asked, so they follow RULES). */
export function orderText(sub: OrderKind): {
  title: string;
  help: string;
  target: string;
  amount?: string;
} {
  return orderTexts(RULES)[sub];
}

function orderTexts(
  R: typeof RULES,
): Record<OrderKind, { title: string; help: string; target: string; amount?: string }> {
  return {
    invest: {
      title: 'Invest in a region',
      help: `Spend ${range(R.investAmount)} Wealth: a point of influence there for every ${R.investPerInfluence} Wealth.`,
      target: 'Region',
      amount: 'Wealth',
    },
    deploy: {
      title: 'Deploy Power',
      help: `Send Power to a region this round: ${signed(R.deployInfluence)} influence, and it defends you there. A rival nearby raises Tension.`,
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
      help: `Lower its severity by ${R.mediationStep} (at most ${R.mediationCap} in all). If the crisis is defused you gain Reputation and influence.`,
      target: 'Crisis',
    },
    sanction: {
      title: 'Sanction',
      help: `For ${R.sanctionRounds} rounds the target earns ${R.sanctionTargetLoss} less income and you ${R.sanctionSelfLoss} less. Anyone who helps it openly is hit by secondary sanctions.`,
      target: 'Actor',
    },
    aid: {
      title: 'Send aid',
      help: `Give ${range(R.aidAmount)} Wealth: ${signed(R.aidInfluence)} influence in their home region; in a crisis, every ${R.aidWealthPerPoint} Wealth counts a point on their side.`,
      target: 'Actor',
      amount: 'Wealth',
    },
    investigate: {
      title: 'Investigate',
      help: `A ${Math.round(R.investigateChance * 100)}% chance to expose secret quiet support the target gave this round.`,
      target: 'Actor',
    },
    prepare: {
      title: 'Prepare a crisis card',
      help: 'A card from your hand is revealed at the next Briefing.',
      target: 'Card',
    },
  };
}

/** "2–4", or "2" when the range is one number. */
export function range(r: { min: number; max: number }): string {
  return r.min === r.max ? String(r.min) : `${r.min}–${r.max}`;
}

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
      const text = orderText(sub);
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
          ? { label: `${text.amount} (${range(o.amount)})`, ...o.amount }
          : null;
      const available = o.available && (!o.amount || amount !== null);
      return {
        sub,
        title: text.title,
        help: text.help,
        available,
        reason: available
          ? null
          : o.problem || o.reason
            ? optionReason(o, scenario)
            : `Not enough ${text.amount ?? 'means'} left.`,
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

/** What lowering the tie with `partner` will do, in words (the lower option's effect for it). */
export function lowerWords(scenario: Scenario, partner: string, effect: LowerEffect): string {
  const name = actorName(scenario, partner);
  const rep = -(effect.cost.reputation ?? 0);
  switch (effect.kind) {
    case 'abandonment':
      return `${name}: leaving a treaty while a crisis freezes it is abandonment (${signed(rep)} Reputation, a grievance).`;
    case 'notice':
      return `${name}: give notice on your alliance (${signed(rep)} Reputation now; it becomes ${article(levelWords(effect.to))} in round ${effect.dueRound}).`;
    case 'leave':
      return `${name}: leave at once (free).`;
    case 'lower':
      return rep < 0 || effect.noRiseRounds
        ? `${name}: ${levelWords(effect.from)} → ${levelWords(effect.to)}. The tie is frozen by a crisis: this costs ${-rep} Reputation and it cannot rise again for ${effect.noRiseRounds ?? 0} rounds.`
        : `${name}: ${levelWords(effect.from)} → ${levelWords(effect.to)} (free).`;
  }
}

function article(words: string): string {
  return /^[aeiou]/i.test(words) ? `an ${words}` : `a ${words}`;
}

/** Ties the seat may lower now, as options. */
export function lowerChoices(scenario: Scenario, option: LegalOption | undefined): Option[] {
  return (option?.targets ?? [])
    .map((p) => {
      const effect = option?.lowers?.[p];
      const after =
        !effect || effect.kind === 'notice' || effect.kind === 'abandonment'
          ? (effect?.kind ?? 'notice')
          : levelWords(effect.to);
      const from = effect ? levelWords(effect.from) : '';
      return { value: p, label: `${actorName(scenario, p)}: ${from} → ${after}` };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The institutions the engine lets the seat leave now (the lower option's `leaveBlocs`), in words. */
export function blocsToLeave(
  scenario: Scenario,
  option: LegalOption | undefined,
): { bloc: string; leader: string; words: string }[] {
  return (option?.leaveBlocs ?? []).map(({ bloc, leader, effect }) => {
    const name = blocName(scenario, bloc);
    const rep = -(effect.cost.reputation ?? 0);
    return {
      bloc,
      leader,
      words:
        effect.kind === 'notice'
          ? `Leave ${name}: this is notice, ${signed(rep)} Reputation now.`
          : effect.kind === 'abandonment'
            ? `Leave ${name}: a crisis freezes it, so this is abandonment (${signed(rep)} Reputation, a grievance).`
            : `Leave ${name} (free, at once).`,
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
  // The engine lists a raise only below the top of the ladder, so level + 1 is a real level.
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

/** The riders the editor offers for a pair: a UN pledge only where the engine's offer option allows one, an investment only when the seat's plans leave Wealth for one. */
export function riderKinds(option: LegalOption | undefined, to: string): Rider['kind'][] {
  const kinds: Rider['kind'][] = ['trade', 'armsSale', 'training', 'jointExercise', 'baseAccess'];
  const investment = option?.investment;
  if (!investment || investment.max >= investment.min) kinds.push('investment');
  if (option?.pledgeTargets?.includes(to)) kinds.push('unPledge');
  return kinds;
}

/** Each rider's label in the offer editor, with the engine's numbers (RULES.riders; the investment range the offer option gives). */
export function riderText(
  kind: Rider['kind'],
  investment: { min: number; max: number } = RULES.investmentRiderAmount,
): string {
  const r = RULES.riders;
  switch (kind) {
    case 'trade':
      return `Trade deal (${signed(r.tradeIncome)} income each; needs partnership)`;
    case 'armsSale':
      return `Arms sale (buyer ${signed(r.armsSalePower)} Power, seller ${signed(r.armsSaleIncome)} income)`;
    case 'training':
      return `Training mission (the trained side ${signed(r.trainingSecurity)} Security)`;
    case 'jointExercise':
      return 'Joint exercise this round (needs partnership)';
    case 'baseAccess':
      return `Base access (host ${signed(r.baseIncome)} income, guest gets a footprint)`;
    case 'investment':
      return `Investment package (you pay ${range(investment)} Wealth)`;
    case 'unPledge':
      return 'UN pledge (they vote with you at the next vote)';
  }
}

/** Builds the riders from the editor's choices; an investment is kept inside the offer option's range. */
export function buildRiders(
  kinds: Rider['kind'][],
  pick: { seller: string; trainer: string; guest: string; region: string; amount: number },
  investment: { min: number; max: number } = RULES.investmentRiderAmount,
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
        return { kind, amount: Math.max(investment.min, Math.min(investment.max, pick.amount)) };
      default:
        return { kind } as Rider;
    }
  });
}
