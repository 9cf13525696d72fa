import type { Pace, Phase } from '../vocabulary.ts';
import type { SeatCommand } from './schema.ts';

type SeatKind = SeatCommand['kind'];

const NEGOTIATE: SeatKind[] = [
  'order',
  'cancelOrder',
  'offer',
  'withdrawOffer',
  'lower',
  'cancelLower',
  'invite',
];
const RESPOND: SeatKind[] = ['respond', 'respondInvitation'];
const CALLS: SeatKind[] = ['answer', 'instigate', 'vote', 'mandate'];

const QUICK_NEGOTIATION: readonly SeatKind[] = [...NEGOTIATE, ...RESPOND, ...CALLS, 'done'];
const FULL_DIPLOMACY: readonly SeatKind[] = [...NEGOTIATE, 'done'];
const RESPONSES: readonly SeatKind[] = [...RESPOND, 'done'];
const CALL_PHASE: readonly SeatKind[] = [...CALLS, 'done'];
const READY_ONLY: readonly SeatKind[] = ['done'];
const NOTHING: readonly SeatKind[] = [];

/**
 * Which seat commands each phase accepts (docs/rules.md §5.1): pace "quick"
 * merges diplomacy, responses and crisis calls into one phase. The lists are
 * shared constants: validation asks this for every command.
 */
export function seatKindsIn(phase: Phase, pace: Pace): readonly SeatKind[] {
  switch (phase) {
    case 'news':
    case 'resolution':
      return READY_ONLY;
    case 'diplomacy':
      return pace === 'quick' ? QUICK_NEGOTIATION : FULL_DIPLOMACY;
    case 'responses':
      return RESPONSES;
    case 'calls':
      return CALL_PHASE;
    case 'ended':
      return NOTHING;
  }
}

/** The phases of one round at this pace, in order (the lobby lists their timers). */
export function roundPhases(pace: Pace): Phase[] {
  const out: Phase[] = ['news'];
  while (out.at(-1) !== 'resolution') out.push(nextPhase(out.at(-1)!, pace));
  return out;
}

/** The first phase of a round at this pace that accepts a seat command of this kind (null: none does). */
export function phaseAccepting(kind: SeatKind, pace: Pace): Phase | null {
  return roundPhases(pace).find((phase) => seatKindsIn(phase, pace).includes(kind)) ?? null;
}

/** The phase after this one, before resolution or next round are applied. */
export function nextPhase(phase: Phase, pace: Pace): Phase {
  switch (phase) {
    case 'news':
      return 'diplomacy';
    case 'diplomacy':
      return pace === 'quick' ? 'resolution' : 'responses';
    case 'responses':
      return 'calls';
    case 'calls':
      return 'resolution';
    default:
      return phase;
  }
}

export const PHASE_NAMES: Record<Phase, string> = {
  news: 'Briefing',
  diplomacy: 'Negotiate & Commit',
  responses: 'Responses',
  calls: 'Crisis calls',
  resolution: 'Resolution',
  ended: 'Match over',
};

/** The phases' names in Simplified Chinese: the client's catalogue and the server's notifications read them here. */
export const PHASE_NAMES_ZH: Record<Phase, string> = {
  news: '简报',
  diplomacy: '谈判与承诺',
  responses: '答复',
  calls: '危机召唤',
  resolution: '结算',
  ended: '本局结束',
};
