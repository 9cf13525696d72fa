import { AnnotationBodySchema, inputProblem, type Phase } from '@entanglement/shared';

/** What is wrong with a note's round in a match of `rounds` rounds, or null. */
export function roundProblem(round: number, rounds: number): string | null {
  const last = Math.max(1, rounds);
  return round <= last ? null : `round must be a whole number from 1 to ${last}.`;
}

/**
 * An annotation as POST …/annotations accepts it (its schema, then the
 * match's own rounds), or what is wrong with it: one definition for the
 * route and for the notes an imported match file brings.
 */
export function noteOf(
  body: unknown,
  rounds: number,
): { round: number; phase: Phase; text: string } | string {
  const parsed = AnnotationBodySchema.safeParse(body);
  if (!parsed.success) return inputProblem(parsed.error, 'the note').error;
  return roundProblem(parsed.data.round, rounds) ?? parsed.data;
}
