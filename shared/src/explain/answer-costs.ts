import type { Answer } from '../commands/schema.ts';
import { ctxOf } from '../ctx.ts';
import { answerSide, callerOn, hedgeCost, timeoutAnswer } from '../resolve/answers.ts';
import { RULES } from '../rules.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { CallState, CrisisState, MatchState, ReadonlyState, Side } from '../state.ts';
import { getTie, sharedBlocs } from '../ties.ts';
import { ALLIANCE } from '../vocabulary.ts';

/** One answer a called seat may give, and what it will cost, in words. */
export interface AnswerCost {
  kind: Answer['kind'];
  words: string;
}

/** The answer kinds the engine allows on a call (the same list legalCommands offers). */
export function answerKindsFor(
  state: MatchState,
  crisis: CrisisState,
  call: CallState,
): Answer['kind'][] {
  const kinds: Answer['kind'][] = call.treaty
    ? ['honour', 'abandon']
    : ['honour', 'quiet', 'hedge'];
  if (
    crisis.instigator &&
    state.seats.includes(crisis.instigator) &&
    crisis.instigator !== call.actor
  )
    kinds.splice(1, 0, 'honourIfPressed');
  return kinds;
}

const down = (value: number, by: number) => Math.min(value, by);
const up = (value: number, by: number, max = 10) => Math.min(max, value + by) - value;

/**
 * What each answer to a seat's call will cost it, in plain words, with the
 * numbers the engine applies at resolution (RULES; resolve/crises.ts and
 * resolve/abandonment.ts): Reputation, Autonomy, locked Power, Entangled
 * rounds, Tension, Cohesion, Security, grievances and secondary sanctions.
 * Empty when the seat has no call in that live crisis. Answers only count if
 * the crisis goes ahead (a defused crisis costs nothing).
 */
export function answerCosts(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
  crisisUid: string,
): AnswerCost[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const crisis = state.crises.find((c) => c.uid === crisisUid && c.live);
  const call = crisis?.calls.find((c) => c.actor === seat);
  if (!crisis || !call) return [];
  const me = state.actors[seat]!;
  const name = (id: string) => ctx.actor[id]?.name ?? id;
  const sides: Side[] = call.side === 'either' ? ['attack', 'defence'] : [call.side];
  const parties = sides.map((side) => callerOn(call, side).party);
  const both = parties.length > 1;
  const partyWords = both ? `${name(parties[0]!)} or ${name(parties[1]!)}` : name(parties[0]!);
  const that = both ? 'the party you side with' : name(parties[0]!);
  const sanctioned = parties.filter((p) => state.sanctions.some((s) => s.target === p));
  const cohesion = ctx.actor[seat]?.cohesion;
  const europeans = parties.filter((p) => cohesion?.europeanAllies.includes(p));
  const greatPower = ctx.actor[seat]?.kind === 'greatPower';
  const tensionRoom = (state.tensionCharged[seat] ?? 0) < RULES.tensionChargePerSeat;

  const secondaryWords = (who: string[]) =>
    who.length === 0
      ? ''
      : ` ${who.map(name).join(' and ')} ${who.length > 1 ? 'are' : 'is'} under sanction: helping ${who.length > 1 ? 'them' : 'it'} brings you secondary sanctions (${RULES.secondaryLoss} less Wealth income for ${RULES.secondaryRounds} rounds).`;

  const reputationUp = (by: number) => {
    const n = up(me.reputation, by);
    return n > 0 ? `your Reputation rises by ${n}` : 'your Reputation stays at its top (10)';
  };

  const honourEffects = (): string => {
    const parts: string[] = [];
    parts.push(`${capital(reputationUp(1))} and ${that} will owe you a favour.`);
    if (call.stake === 'low') {
      const autonomy = down(me.autonomy, 1);
      parts.push(
        `Your stake here is low, so this is entrapment: ${
          autonomy > 0
            ? `your Autonomy falls by ${autonomy}`
            : 'your Autonomy (already 0) cannot fall further'
        }, the Power you commit is locked for ${RULES.entrapmentLock} rounds, and you are Entangled for ${RULES.entangledRounds} rounds (one action point fewer, and you cannot lower your tie with ${that}).${
          greatPower && tensionRoom ? ' World Tension rises by 1, charged to you.' : ''
        }`,
      );
    } else
      parts.push(
        `Your stake is ${call.stake}, so this is not entrapment; the Power you commit is locked for the next round.`,
      );
    if (europeans.length > 0) {
      const n = up(me.cohesion, 1);
      if (n > 0)
        parts.push(
          `${both ? `If you side with ${name(europeans[0]!)}, your` : 'Your'} Cohesion rises by ${n}.`,
        );
    }
    return parts.join(' ') + secondaryWords(sanctioned);
  };

  const out: AnswerCost[] = [];
  for (const kind of answerKindsFor(state, crisis, call)) {
    switch (kind) {
      case 'honour':
        out.push({
          kind,
          words: `Honour: you commit at least 1 Power or 2 Wealth to ${possessive(partyWords)} side (Power counts in full, Wealth at half). ${honourEffects()}`,
        });
        break;
      case 'honourIfPressed':
        out.push({
          kind,
          words: `Honour if pressed: if ${name(crisis.instigator!)} presses, this is exactly Honour. If it holds back, nothing is spent and nobody is entrapped${
            call.treaty
              ? `, and your treaty call still counts as kept: ${reputationUp(1)} and ${that} will owe you a favour.`
              : ', and nothing else happens.'
          }`,
        });
        break;
      case 'quiet':
        out.push({
          kind,
          words: `Quiet support: you pay 1 Wealth and add 1 to ${possessive(partyWords)} side in secret. No Reputation, no favour, no entrapment. If an investigation exposes it, your Reputation falls by ${down(me.reputation, 1)}${
            sanctioned.length > 0
              ? ` and, because ${sanctioned.map(name).join(' and ')} ${sanctioned.length > 1 ? 'are' : 'is'} under sanction, you get secondary sanctions (${RULES.secondaryLoss} less Wealth income for ${RULES.secondaryRounds} rounds)`
              : ''
          }.`,
        });
        break;
      case 'hedge': {
        const cost = hedgeCost(call);
        const lost = down(me.reputation, cost.reputation);
        const who = cost.owedTo.map((c) => name(c.party));
        out.push({
          kind,
          words:
            cost.reputation === 0
              ? 'Hedge: you stay out with words only. It costs nothing.'
              : call.side === 'either'
                ? `Hedge: you stay out with words only, but both sides call you: your Reputation falls by ${lost} (1 for each of ${who.join(' and ')}, tied to you at strategic partnership or higher).`
                : call.asked
                  ? `Hedge: you decline your treaty ally ${who[0]}'s request to join an operation it started. Your treaty does not oblige you here, so this is no abandonment, but your Reputation falls by ${lost}.`
                  : `Hedge: you stay out with words only, but ${who[0]} is your strategic partner: your Reputation falls by ${lost}.`,
        });
        break;
      }
      case 'abandon': {
        const side = answerSide(call, { kind: 'abandon', power: 0, wealth: 0 });
        const partner = callerOn(call, side).party;
        const p = name(partner);
        const tie = getTie(state, seat, partner);
        const blocs = sharedBlocs(ctx, state, seat, partner).filter(
          (b) => ctx.institution[b]!.level === 'alliance',
        );
        const parts = [
          `Abandon: your Reputation falls by ${down(me.reputation, RULES.abandonReputation)} and ${p} loses ${down(state.actors[partner]!.security, RULES.abandonSecurity)} Security.`,
        ];
        if ((tie?.level ?? 0) >= ALLIANCE)
          parts.push(`Your treaty with ${p} drops to partnership.`);
        if (blocs.length > 0)
          parts.push(
            `${blocs.map((b) => ctx.institution[b]!.name).join(' and ')} no longer binds you and ${p} (your own tie becomes at least a partnership).`,
          );
        parts.push(`${p} will hold a grievance against you (it costs a star at the end).`);
        if (cohesion?.europeanAllies.includes(partner)) {
          const n = down(me.cohesion, 2);
          if (n > 0) parts.push(`Your Cohesion falls by ${n}.`);
        }
        out.push({ kind, words: parts.join(' ') });
        break;
      }
    }
  }
  return out;
}

/** What the engine answers for the seat if it gives no answer before the phase ends, in words. */
export function silentAnswer(
  _scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
  crisisUid: string,
): string | null {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const crisis = state.crises.find((c) => c.uid === crisisUid && c.live);
  const call = crisis?.calls.find((c) => c.actor === seat);
  if (!crisis || !call) return null;
  const a = timeoutAnswer(state, crisis, call);
  switch (a.kind) {
    case 'hedge':
      return 'If you give no answer, you hedge.';
    case 'abandon':
      return 'If you give no answer, you abandon your ally (your plans leave neither 1 Power nor 2 Wealth to honour with).';
    default:
      return `If you give no answer, you honour the treaty with ${a.power > 0 ? `${a.power} Power` : `${a.wealth} Wealth`}.`;
  }
}

/** "Kenya's", "European allies'". */
export function possessive(name: string): string {
  return name.endsWith('s') ? `${name}'` : `${name}'s`;
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
