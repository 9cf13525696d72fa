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

/**
 * Which seat commands each phase accepts (GAME.md §11.13): pace "quick"
 * merges diplomacy, responses and crisis calls into one phase.
 */
export function seatKindsIn(phase: Phase, pace: Pace): SeatKind[] {
  switch (phase) {
    case 'news':
    case 'resolution':
      return ['done'];
    case 'diplomacy':
      return pace === 'quick'
        ? [...NEGOTIATE, ...RESPOND, ...CALLS, 'done']
        : [...NEGOTIATE, 'done'];
    case 'responses':
      return [...RESPOND, 'done'];
    case 'calls':
      return [...CALLS, 'done'];
    case 'ended':
      return [];
  }
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
