import type { ErrorMessage } from '@entanglement/shared';

/** Anything with zod's `safeParse` (the shared schemas). */
export interface Parser<T> {
  safeParse(
    data: unknown,
  ):
    | { success: true; data: T }
    | { success: false; error: { issues: { path: PropertyKey[]; message: string }[] } };
}

/**
 * Parses a message's payload with its shared schema: the data, or the `error`
 * message to answer with (first offending field as a dotted path).
 */
export function checkMessage<T>(
  type: string,
  schema: Parser<T>,
  raw: unknown,
): { ok: true; data: T } | { ok: false; error: ErrorMessage } {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const issue = result.error.issues[0];
  const field = issue && issue.path.length > 0 ? issue.path.map(String).join('.') : null;
  const where = field ? ` (${field})` : '';
  const reason = `This "${type}" message is not valid${where}: ${issue?.message ?? 'unreadable'}.`;
  return { ok: false, error: { code: 'badMessage', reason, field, type } };
}
