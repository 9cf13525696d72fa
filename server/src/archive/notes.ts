import { PHASES, type Phase } from '@entanglement/shared';
import { MAX_NOTE_LENGTH } from '../store/types.ts';

/** An annotation from a request body, or what is wrong with it. */
export function noteOf(
  body: unknown,
  rounds: number,
): { round: number; phase: Phase; text: string } | string {
  const b = (body ?? {}) as Record<string, unknown>;
  const last = Math.max(1, rounds);
  if (!Number.isInteger(b.round) || (b.round as number) < 1 || (b.round as number) > last)
    return `round must be a whole number from 1 to ${last}.`;
  if (typeof b.phase !== 'string' || !(PHASES as readonly string[]).includes(b.phase))
    return `phase must be one of ${PHASES.join(', ')}.`;
  if (typeof b.text !== 'string' || b.text.trim() === '' || b.text.length > MAX_NOTE_LENGTH)
    return `text must be 1 to ${MAX_NOTE_LENGTH} characters.`;
  return { round: b.round as number, phase: b.phase as Phase, text: b.text };
}
