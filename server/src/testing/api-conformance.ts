import { API_ROUTES, type ApiRoute, type ApiRouteName } from '@entanglement/shared';

/** The route of the table a request reaches, as Express matches them (first in order). */
export function routeFor(method: string, path: string): ApiRouteName | null {
  const bare = path.replace(/^\/api/, '').split('?')[0]!;
  for (const [name, route] of Object.entries(API_ROUTES) as [ApiRouteName, ApiRoute][]) {
    if (route.method !== method.toLowerCase()) continue;
    const pattern = new RegExp(`^${route.path.replace(/\./g, '\\.').replace(/:\w+/g, '[^/]+')}$`);
    if (pattern.test(bare)) return name;
  }
  return null;
}

/**
 * What is wrong with an answer of the API, or null: its status must be one
 * its route documents, and its body must match that status's schema (or be
 * of its media type).
 */
export function answerProblem(
  method: string,
  path: string,
  answer: { status: number; type: string | null; text: string },
): string | null {
  const name = routeFor(method, path);
  if (name === null) return `${method} ${path} is no route of the table`;
  const documented = (API_ROUTES[name] as ApiRoute).responses[answer.status];
  if (!documented) return `${name} answered ${answer.status}, which it does not document`;
  if (answer.status === 204) return answer.text === '' ? null : `${name} answered 204 with a body`;
  if (documented.text)
    return answer.type?.startsWith(documented.text)
      ? null
      : `${name} answered ${answer.type}, not ${documented.text}`;
  if (!documented.schema) return null;
  if (!answer.type?.startsWith('application/json'))
    return `${name} ${answer.status} answered ${answer.type}, not JSON`;
  const parsed = documented.schema.safeParse(JSON.parse(answer.text));
  if (parsed.success) return null;
  const issue = parsed.error.issues[0]!;
  return `${name} ${answer.status}: ${issue.path.join('.')}: ${issue.message}`;
}
