import {
  API_PREFIX,
  ApiErrorSchema,
  type ApiRoute,
  type JsonStatus,
  matchFileProblems,
  type ResponseData,
  type RouteQueryInput,
} from '@entanglement/shared';

/**
 * Calls to the HTTP API (docs/server.md, "HTTP API"): each names its route
 * of the shared table, and the answer is parsed with that route's schema, so
 * a refusal or a malformed answer becomes an error with a sentence to show,
 * never a crash further on.
 */

/** A refusal of the server (its sentence, and the fields at fault), or an answer not as documented. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  /** The HTTP status; 0 when the server could not be reached. */
  readonly status: number;
  /** Every field at fault, when the server listed them (or, when `malformed`, the answer's). */
  readonly problems: readonly string[];
  /** The answer had the awaited status but not its route's schema. */
  readonly malformed: boolean;
  constructor(
    message: string,
    status: number,
    problems: readonly string[] = [],
    malformed = false,
  ) {
    super(message);
    this.status = status;
    this.problems = problems;
    this.malformed = malformed;
  }
}

/** The route's path with its parameters filled in, and its query: `/api/matches/abc?chat=all`. */
export function apiPath<R extends ApiRoute>(
  route: R,
  params: Record<string, string | number> = {},
  query: RouteQueryInput<R> | Record<string, never> = {},
): string {
  const path = route.path.replace(/:(\w+)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`${route.path} needs its ${name}.`);
    return encodeURIComponent(String(value));
  });
  const search = new URLSearchParams(
    Object.entries(query).filter((e): e is [string, string] => typeof e[1] === 'string'),
  ).toString();
  return `${API_PREFIX}${path}${search ? `?${search}` : ''}`;
}

export interface CallOptions {
  /** The JSON body (sent as it is when a string: a match file read from disk). */
  body?: unknown;
  /** The credential shown as `Authorization: Bearer`. */
  token?: string | null;
  headers?: Record<string, string>;
}

async function send(route: ApiRoute, url: string, options: CallOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  if (options.token) headers.Authorization = `Bearer ${options.token}`;
  try {
    return await fetch(url, {
      method: route.method.toUpperCase(),
      headers,
      ...(options.body === undefined
        ? {}
        : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
    });
  } catch {
    throw new ApiError('The server cannot be reached. Check your connection and try again.', 0);
  }
}

/** The refusal in a non-success answer, as an ApiError. */
async function refusal(res: Response): Promise<ApiError> {
  const parsed = ApiErrorSchema.safeParse(await res.json().catch(() => null));
  return parsed.success
    ? new ApiError(parsed.data.error, res.status, parsed.data.problems)
    : new ApiError(`The server answered ${res.status}.`, res.status);
}

/** Calls `route` at `url` and returns its `status` answer as the route's schema parses it. */
export async function callApi<R extends ApiRoute, S extends JsonStatus<R>>(
  route: R,
  status: S,
  url: string,
  options: CallOptions = {},
): Promise<ResponseData<R, S>> {
  const res = await send(route, url, options);
  if (res.status !== status) throw await refusal(res);
  const schema = route.responses[status]?.schema;
  const body: unknown = await res.json().catch(() => undefined);
  if (!schema) return body as ResponseData<R, S>;
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const problems = matchFileProblems(parsed.error, 3);
    throw new ApiError(
      `The server's answer is not as documented: ${problems.join('; ')}`,
      res.status,
      problems,
      true,
    );
  }
  return parsed.data as ResponseData<R, S>;
}

/** Calls a route that answers 204 with no body. */
export async function callApiEmpty(
  route: ApiRoute,
  url: string,
  options: CallOptions = {},
): Promise<void> {
  const res = await send(route, url, options);
  if (res.status !== 204) throw await refusal(res);
}
