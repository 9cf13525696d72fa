import {
  type ApiRoute,
  inputProblem,
  type JsonStatus,
  type ResponseBody,
  type RouteBody,
  type RouteParams,
  type RouteQuery,
} from '@entanglement/shared';
import type { Request, RequestHandler, Response, Router } from 'express';
import { jsonBody } from '../doors/body.ts';
import { API_BODY_BYTES } from '../doors/gate.ts';

/** What a route's handler is given: its inputs as the route's schemas parsed them, and how to answer. */
export interface Exchange<R extends ApiRoute> {
  params: RouteParams<R>;
  query: RouteQuery<R>;
  body: RouteBody<R>;
  req: Request;
  res: Response;
  /** Answers `status` with a body of the route's schema for it (checked by type). */
  send<S extends JsonStatus<R>>(status: S, body: ResponseBody<R, S>): void;
}

export interface MountOptions {
  /** The sentence a refused body's problem follows ("Cannot create the match: "). */
  refusedAs?: string;
  /** The largest body this route reads, when smaller than the API's (API_BODY_BYTES). */
  bodyBytes?: number;
}

/**
 * Mounts one route of the API table (shared/src/http/routes.ts) on `router`:
 * its JSON body read within the API's limit, its path parameters, query and
 * body checked against the route's schemas (a refusal is a 400 naming the
 * field), then `handler` with what they parsed.
 */
export function mount<R extends ApiRoute>(
  router: Router,
  route: R,
  handler: (exchange: Exchange<R>) => void | Promise<void>,
  options: MountOptions = {},
): void {
  const checked: RequestHandler = async (req, res) => {
    const parts = [
      ['params', route.params, req.params, 'the path'],
      ['query', route.query, req.query, 'the query'],
      ['body', route.rawBody ? undefined : route.body, req.body, 'the body'],
    ] as const;
    const input: Record<string, unknown> = { params: {}, query: {}, body: undefined };
    for (const [key, schema, value, what] of parts) {
      if (!schema) continue;
      const parsed = schema.safeParse(value);
      if (!parsed.success) {
        const problem = inputProblem(parsed.error, what);
        const lead = key === 'body' ? (options.refusedAs ?? '') : '';
        res.status(400).json({ ...problem, error: `${lead}${problem.error}` });
        return;
      }
      input[key] = parsed.data;
    }
    const send = (status: number, body: unknown) => void res.status(status).json(body);
    await handler({ ...input, req, res, send } as Exchange<R>);
  };
  const readsJson = route.body !== undefined && !route.rawBody;
  const handlers: RequestHandler[] = readsJson
    ? [jsonBody(options.bodyBytes ?? API_BODY_BYTES, 'this request') as RequestHandler, checked]
    : [checked];
  router[route.method](route.path, ...handlers);
}
