import type { z } from 'zod';

/** A refused input as the API answers it: one sentence, and every field at fault. */
export interface InputProblem {
  error: string;
  problems: string[];
}

/**
 * The refusal of a request part (`what`: "the body", "the query"…) from its
 * schema's issues. A message that names its field already ("limit must be…")
 * is kept as it is; any other is prefixed with the field's path.
 */
export function inputProblem(error: z.ZodError, what: string): InputProblem {
  const problems = error.issues.map((issue) => {
    const path = issue.path.map(String).join('.');
    if (path === '') return `${what}: ${issue.message}`;
    const field = String(issue.path[0]);
    return issue.message.startsWith(field) ? issue.message : `${path}: ${issue.message}`;
  });
  return { error: problems[0] ?? `${what} is refused.`, problems };
}
