import {
  type OptionCost,
  type Order,
  type Rider,
  RULES,
  type Scenario,
} from '@entanglement/shared';

/**
 * Plain words for ids: the panels show actor, region, card and institution
 * names, never ids. Pure functions of the scenario (unit-tested without a DOM).
 */

/** Tie levels by number, as a player reads them. */
const LEVEL_WORDS = [
  'no tie',
  'dialogue',
  'partnership',
  'strategic partnership',
  'alliance',
] as const;

export function levelWords(level: number): string {
  return LEVEL_WORDS[Math.max(0, Math.min(4, level))]!;
}

export function actorName(scenario: Scenario, id: string | null | undefined): string {
  if (!id) return 'nobody';
  return scenario.actors.find((a) => a.id === id)?.name ?? id;
}

export function regionName(scenario: Scenario, id: string | null | undefined): string {
  if (!id) return 'nowhere';
  return scenario.regions.find((r) => r.id === id)?.name ?? id;
}

export function blocName(scenario: Scenario, id: string | null | undefined): string {
  if (!id) return '';
  return scenario.institutions.find((i) => i.id === id)?.name ?? id;
}

export function cardTitle(scenario: Scenario, id: string): string {
  return scenario.cards.find((c) => c.id === id)?.title ?? id;
}

/** A crisis's card title from its uid. */
export function crisisTitle(
  scenario: Scenario,
  crises: readonly { uid: string; card: string }[],
  uid: string,
): string {
  const crisis = crises.find((c) => c.uid === uid);
  return crisis ? cardTitle(scenario, crisis.card) : 'a crisis';
}

/** "A, B and C". */
export function listWords(items: string[]): string {
  if (items.length === 0) return 'nobody';
  if (items.length === 1) return items[0]!;
  return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** Actors sorted by name, as select options. */
export function actorOptions(
  scenario: Scenario,
  ids: string[],
): { value: string; label: string }[] {
  return ids
    .map((id) => ({ value: id, label: actorName(scenario, id) }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

export function regionOptions(
  scenario: Scenario,
  ids: string[],
): { value: string; label: string }[] {
  return ids.map((id) => ({ value: id, label: regionName(scenario, id) }));
}

/** One rider in words, from the point of view of `me` (the seat reading it). */
export function riderWords(scenario: Scenario, rider: Rider, me: string | null): string {
  const who = (id: string) => (id === me ? 'you' : actorName(scenario, id));
  switch (rider.kind) {
    case 'trade':
      return `a trade deal (${signed(RULES.riders.tradeIncome)} income to each side)`;
    case 'armsSale':
      return `an arms sale (${who(rider.seller)} ${rider.seller === me ? 'sell' : 'sells'}; the buyer gets ${signed(RULES.riders.armsSalePower)} Power)`;
    case 'training':
      return `a training mission (${who(rider.trainer)} ${rider.trainer === me ? 'train' : 'trains'}; the other side gets ${signed(RULES.riders.trainingSecurity)} Security)`;
    case 'jointExercise':
      return `a joint exercise in ${regionName(scenario, rider.region)} this round`;
    case 'baseAccess':
      return `base access (${who(rider.guest)} ${rider.guest === me ? 'get' : 'gets'} a base in the other's home region)`;
    case 'investment':
      return `an investment package of ${rider.amount} Wealth`;
    case 'unPledge':
      return 'a UN pledge (the receiver votes with the sender at the next Security Council vote)';
  }
}

/** A draft order in words, for the list of what the seat has planned. */
export function orderWords(
  scenario: Scenario,
  order: Order,
  crises: readonly { uid: string; card: string }[] = [],
): string {
  switch (order.kind) {
    case 'invest':
      return `Invest ${order.amount} Wealth in ${regionName(scenario, order.region)}`;
    case 'deploy':
      return `Deploy ${order.power} Power to ${regionName(scenario, order.region)}`;
    case 'exercise':
      return `Joint exercise with ${actorName(scenario, order.partner)} in ${regionName(scenario, order.region)}`;
    case 'mediate':
      return `Mediate in ${crisisTitle(scenario, crises, order.crisis)}`;
    case 'sanction':
      return `Sanction ${actorName(scenario, order.target)}`;
    case 'aid':
      return `Send ${order.amount} Wealth in aid to ${actorName(scenario, order.to)}`;
    case 'investigate':
      return `Investigate ${actorName(scenario, order.target)}`;
    case 'prepare':
      return `Prepare the card ${cardTitle(scenario, order.card)}`;
  }
}

/** What an option costs, in words: "1 action point", "gives 1 action point back", "2 Wealth", "free". */
export function costWords(cost: OptionCost | undefined): string {
  if (!cost) return '';
  const parts: string[] = [];
  const ap = cost.actionPoints ?? 0;
  if (ap > 0) parts.push(`${ap} action ${ap === 1 ? 'point' : 'points'}`);
  if (ap < 0) parts.push(`gives ${-ap} action ${ap === -1 ? 'point' : 'points'} back`);
  if (cost.wealth) parts.push(`${cost.wealth} Wealth`);
  if (cost.reputation) parts.push(`${signed(-cost.reputation)} Reputation`);
  return parts.length > 0 ? parts.join(', ') : 'free';
}

/** "+2" / "−1" with a real minus sign. */
export function signed(n: number): string {
  return n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '0';
}
