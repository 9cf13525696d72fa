import { unlockedPower } from '../crisis.ts';
import { powerFits, seatPlan } from '../plan.ts';
import { RULES } from '../rules.ts';
import type { Answer, CallerState, CallState, CrisisState, MatchState, Side } from '../state.ts';
import { ALLIANCE, STRATEGIC } from '../vocabulary.ts';

/**
 * The answer of a seat whose timer ran out (docs/rules.md §5.7): hedge where
 * hedging is allowed; on a treaty call honour with 1 Power, or 2 Wealth if no
 * Power is free, and abandon only when it has neither.
 */
export function timeoutAnswer(state: MatchState, crisis: CrisisState, call: CallState): Answer {
  if (!call.treaty) return { kind: 'hedge', power: 0, wealth: 0 };
  const seat = call.actor;
  const plan = seatPlan(state, seat, { answer: crisis.uid });
  plan.committed[crisis.region] = (plan.committed[crisis.region] ?? 0) + RULES.honour.minPower;
  const side = call.side === 'either' ? undefined : call.side;
  if (!powerFits(state, seat, plan))
    return { kind: 'honour', power: RULES.honour.minPower, wealth: 0, ...(side ? { side } : {}) };
  if (
    seatPlan(state, seat, { answer: crisis.uid }).wealth + RULES.honour.minWealth <=
    state.actors[seat]!.wealth
  )
    return { kind: 'honour', power: 0, wealth: RULES.honour.minWealth, ...(side ? { side } : {}) };
  return { kind: 'abandon', power: 0, wealth: 0 };
}

/**
 * A non-player actor honours with 1 Power on a treaty call, an ally's ask
 * where its stake is at least medium, or a high stake, and hedges otherwise (§2, §11.8).
 */
export function npcAnswer(state: MatchState, call: CallState): Answer {
  const side: Side =
    call.side === 'either'
      ? [...call.callers].sort((a, b) => b.level - a.level)[0]!.side
      : call.side;
  const answersAsk = call.asked && call.stake !== 'low';
  if (!call.treaty && !answersAsk && call.stake !== 'high')
    return { kind: 'hedge', power: 0, wealth: 0 };
  const a = state.actors[call.actor]!;
  let used = 0;
  for (const uid in a.committed) used += a.committed[uid]!;
  if (unlockedPower(state, call.actor) - used >= RULES.honour.minPower)
    return { kind: 'honour', side, power: RULES.honour.minPower, wealth: 0 };
  if (a.wealth >= RULES.honour.minWealth)
    return { kind: 'honour', side, power: 0, wealth: RULES.honour.minWealth };
  return call.treaty
    ? { kind: 'abandon', power: 0, wealth: 0 }
    : { kind: 'hedge', power: 0, wealth: 0 };
}

/**
 * What hedging costs in Reputation, and the callers it is owed to: called
 * from both sides, 1 for each caller at strategic partnership or higher;
 * asked by a treaty ally for its own operation, RULES.askRefusedReputation;
 * otherwise 1 if a caller is a strategic partner.
 */
export function hedgeCost(call: CallState): { reputation: number; owedTo: CallerState[] } {
  if (call.side === 'either') {
    const owedTo = call.callers.filter((c) => c.level >= STRATEGIC);
    return { reputation: owedTo.length, owedTo };
  }
  if (call.asked) {
    const owedTo = call.callers.filter((c) => c.level >= ALLIANCE).slice(0, 1);
    return { reputation: RULES.askRefusedReputation, owedTo };
  }
  const owedTo = call.callers.filter((c) => c.level === STRATEGIC).slice(0, 1);
  return { reputation: owedTo.length, owedTo };
}

/** The side an answer takes. */
export function answerSide(call: CallState, answer: Answer): Side {
  if (answer.side) return answer.side;
  return call.side === 'either' ? call.callers[0]!.side : call.side;
}

/** The party whose call an answer on `side` serves (the higher tie when two parties share a side). */
export function callerOn(call: CallState, side: Side): CallState['callers'][number] {
  const own = call.callers.filter((c) => c.side === side);
  return (own.length > 0 ? own : call.callers).sort((a, b) => b.level - a.level)[0]!;
}
