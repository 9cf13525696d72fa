import type { z } from 'zod';
import { CreateMatchSchema } from '../protocol.ts';
import { MatchFileSchema } from '../replay/match-file.ts';
import {
  AddressesSchema,
  AnnotationBodySchema,
  AnnotationListSchema,
  AnnotationSchema,
  ApiErrorSchema,
  ArchivedMatchSchema,
  ChatQuerySchema,
  CreatedMatchSchema,
  DebriefSchema,
  ForkBodySchema,
  FoundMatchSchema,
  HealthSchema,
  ImportedSchema,
  JoinCodeParamsSchema,
  LabelBodySchema,
  LabelSchema,
  ListMatchesQuerySchema,
  LiveMatchesSchema,
  MatchIdParamsSchema,
  MatchPageSchema,
  NoteParamsSchema,
  NotifyBodySchema,
  NotifyInfoSchema,
  NotifyOffBodySchema,
  NotifyRemovedSchema,
  NotifySubscribedSchema,
  OwnMatchesBodySchema,
  OwnMatchesSchema,
  ReplayRefusalSchema,
  ScenarioListSchema,
  SharedLinkSchema,
  ShareKeyQuerySchema,
  VisibilityBodySchema,
  VisibilitySchema,
} from './schemas.ts';

/**
 * Every route of the HTTP API under /api: what it reads and what it answers
 * at each status. The server mounts its routes from this table (so none is
 * served undocumented), checks inputs with it, and the OpenAPI document and
 * the /api/docs page are generated from it.
 */

export type HttpMethod = 'get' | 'post' | 'delete';

export interface ApiResponse {
  description: string;
  /** The JSON body; none: no body (204) or `text` below. */
  schema?: z.ZodType;
  /** A non-JSON body: its media type (the tracks' CSV, the docs page). */
  text?: string;
}

/** Who the route answers: anyone; those a finished match is open to; or its host only. */
export type ApiAccess = 'anyone' | 'reader' | 'host';

export interface ApiRoute {
  method: HttpMethod;
  /** Under /api, in Express's form (`/matches/:id`). */
  path: string;
  summary: string;
  description?: string;
  access: ApiAccess;
  params?: z.ZodObject;
  query?: z.ZodObject;
  /** The JSON body the route reads (its media type: application/json). */
  body?: z.ZodType;
  /** The body is read by the route itself (the match file, checked off the event loop against `body`). */
  rawBody?: true;
  responses: Record<number, ApiResponse>;
}

const refusal = (description: string) => ({ description, schema: ApiErrorSchema });
const NOT_OPEN = refusal(
  'No such finished match, or it is private to its host and players and the request shows no credential that opens it.',
);
const HOST_ONLY = {
  401: refusal('No Authorization: Bearer header.'),
  403: refusal("The token is not this match's host token."),
};
const TOO_LARGE = refusal('The body is larger than the route allows.');
const NOT_REPLAYABLE = {
  description:
    "The match was stored under rules this server no longer replays: the replay's code says why.",
  schema: ReplayRefusalSchema,
};

/** Keeps each route's literal type (for the server's typed handlers) while checking it is a route. */
function route<const R extends ApiRoute>(r: R): R {
  return r;
}

export const API_ROUTES = {
  health: route({
    method: 'get',
    path: '/health',
    summary: 'The server is up.',
    access: 'anyone',
    responses: { 200: { description: 'Up.', schema: HealthSchema } },
  }),
  openapi: route({
    method: 'get',
    path: '/openapi.json',
    summary: 'This document: the HTTP API as OpenAPI 3.1.',
    access: 'anyone',
    responses: { 200: { description: 'The OpenAPI document.', text: 'application/json' } },
  }),
  docs: route({
    method: 'get',
    path: '/docs',
    summary: 'This document as a page to read.',
    access: 'anyone',
    responses: { 200: { description: 'An HTML page.', text: 'text/html' } },
  }),
  scenarios: route({
    method: 'get',
    path: '/scenarios',
    summary: 'The shipped scenarios with their seats.',
    access: 'anyone',
    responses: { 200: { description: 'Every scenario.', schema: ScenarioListSchema } },
  }),
  address: route({
    method: 'get',
    path: '/address',
    summary: 'Where other devices on the network reach this server.',
    description: 'Only a browser on this machine is told them; anyone else gets an empty list.',
    access: 'anyone',
    responses: { 200: { description: 'The addresses.', schema: AddressesSchema } },
  }),
  join: route({
    method: 'get',
    path: '/join/:code',
    summary: 'The live match with this join code.',
    access: 'anyone',
    params: JoinCodeParamsSchema,
    responses: {
      200: { description: 'Its room id and the code as written.', schema: FoundMatchSchema },
      400: refusal('Not a code.'),
      404: refusal('No match is open with that code.'),
    },
  }),
  createMatch: route({
    method: 'post',
    path: '/matches',
    summary: 'Creates a match; the request becomes its host.',
    description:
      'The answer carries the host token, to this request only (docs/security.md); the creator then joins the room with it.',
    access: 'anyone',
    body: CreateMatchSchema,
    responses: {
      201: { description: 'Created.', schema: CreatedMatchSchema },
      400: refusal('An option is refused: the sentence names it.'),
      413: TOO_LARGE,
      503: refusal('This server does not create matches.'),
    },
  }),
  listMatches: route({
    method: 'get',
    path: '/matches',
    summary: 'The public archive: finished matches their hosts made public, newest first.',
    access: 'anyone',
    query: ListMatchesQuerySchema,
    responses: {
      200: { description: 'One page.', schema: MatchPageSchema },
      400: refusal('A filter is malformed.'),
    },
  }),
  importMatch: route({
    method: 'post',
    path: '/matches/import',
    summary: 'Imports a match file from another server, once it replays to every stored hash.',
    access: 'anyone',
    body: MatchFileSchema,
    rawBody: true,
    responses: {
      201: { description: 'Kept: the copy’s id and host token.', schema: ImportedSchema },
      400: refusal('Not a match file: `problems` lists the fields at fault.'),
      413: TOO_LARGE,
      422: {
        description: 'A match file that does not replay exactly, or too long for its match.',
        schema: ReplayRefusalSchema,
      },
      503: refusal('Too many imports are being checked; try again in a minute.'),
    },
  }),
  forkMatch: route({
    method: 'post',
    path: '/matches/:id/fork',
    summary: 'Starts a new live match from a moment of a finished one ("what if?").',
    description:
      'The server replays the finished match it holds to that moment, applies the changed ' +
      'decisions (refused if the engine refuses any), and opens a lobby with a new join code; ' +
      'the answer carries its host token, to this request only (docs/replays.md, "Forks").',
    access: 'reader',
    params: MatchIdParamsSchema,
    body: ForkBodySchema,
    responses: {
      201: {
        description: 'The fork: its room, join code and host token.',
        schema: CreatedMatchSchema,
      },
      400: refusal('The body is malformed.'),
      404: refusal('No finished match with that id is open to this request.'),
      409: refusal('The match cannot be forked here (another rules version or scenario content).'),
      422: refusal(
        'The fork does not play: a changed decision the engine refuses, or no such moment.',
      ),
      503: refusal('This server does not create matches.'),
    },
  }),
  ownMatches: route({
    method: 'post',
    path: '/matches/mine',
    summary: "A browser's own finished matches: those its credentials open.",
    access: 'anyone',
    body: OwnMatchesBodySchema,
    responses: {
      200: { description: 'The matches, each with how it may be read.', schema: OwnMatchesSchema },
      400: refusal('The credentials are malformed.'),
      413: TOO_LARGE,
    },
  }),
  liveMatches: route({
    method: 'post',
    path: '/matches/live',
    summary: "Where a browser's live matches stand: phase, deadline, whether its seat owes orders.",
    description:
      'For "My matches": each credential (host token or seat pass) of a lobby or a match in play ' +
      'gives its standing; a credential that opens nothing gives nothing.',
    access: 'anyone',
    body: OwnMatchesBodySchema,
    responses: {
      200: {
        description: 'The matches the credentials open, in the order asked.',
        schema: LiveMatchesSchema,
      },
      400: refusal('The credentials are malformed.'),
      413: TOO_LARGE,
    },
  }),
  matchFile: route({
    method: 'get',
    path: '/matches/:id',
    summary: 'The match file of a finished match, with its annotations and reflections.',
    description: 'Public chat only, unless the host asks for ?chat=all.',
    access: 'reader',
    params: MatchIdParamsSchema,
    query: ChatQuerySchema,
    responses: {
      200: { description: 'The match file.', schema: ArchivedMatchSchema },
      400: refusal('A query parameter is malformed.'),
      ...HOST_ONLY,
      404: NOT_OPEN,
    },
  }),
  deleteMatch: route({
    method: 'delete',
    path: '/matches/:id',
    summary: 'The host deletes a finished match with its log, chat, notes and reflections.',
    access: 'host',
    params: MatchIdParamsSchema,
    responses: { 204: { description: 'Deleted.' }, ...HOST_ONLY, 404: NOT_OPEN },
  }),
  tracks: route({
    method: 'get',
    path: '/matches/:id/tracks.csv',
    summary: "Every seat's tracks after each phase, as CSV.",
    access: 'reader',
    params: MatchIdParamsSchema,
    query: ShareKeyQuerySchema,
    responses: {
      200: { description: 'The CSV (one row per phase and seat).', text: 'text/csv' },
      404: NOT_OPEN,
      409: NOT_REPLAYABLE,
    },
  }),
  debrief: route({
    method: 'get',
    path: '/matches/:id/debrief',
    summary: "The match's debrief: commitments, calls, crises, concepts, scores and awards.",
    access: 'reader',
    params: MatchIdParamsSchema,
    query: ShareKeyQuerySchema,
    responses: {
      200: { description: 'The debrief.', schema: DebriefSchema },
      404: NOT_OPEN,
      409: NOT_REPLAYABLE,
    },
  }),
  annotations: route({
    method: 'get',
    path: '/matches/:id/annotations',
    summary: "The host's notes pinned to moments of the match.",
    access: 'reader',
    params: MatchIdParamsSchema,
    query: ShareKeyQuerySchema,
    responses: {
      200: { description: 'The notes.', schema: AnnotationListSchema },
      404: NOT_OPEN,
    },
  }),
  addAnnotation: route({
    method: 'post',
    path: '/matches/:id/annotations',
    summary: 'The host pins a note to a round and phase.',
    access: 'host',
    params: MatchIdParamsSchema,
    body: AnnotationBodySchema,
    responses: {
      201: { description: 'The note as kept.', schema: AnnotationSchema },
      400: refusal('The note is malformed.'),
      ...HOST_ONLY,
      404: NOT_OPEN,
      413: TOO_LARGE,
    },
  }),
  deleteAnnotation: route({
    method: 'delete',
    path: '/matches/:id/annotations/:note',
    summary: 'The host removes a note.',
    access: 'host',
    params: NoteParamsSchema,
    responses: {
      204: { description: 'Removed.' },
      400: refusal('Not an annotation number.'),
      ...HOST_ONLY,
      404: refusal('No such match, or it has no such note.'),
    },
  }),
  visibility: route({
    method: 'post',
    path: '/matches/:id/visibility',
    summary: 'The host makes a finished match public (listed, readable by anyone) or private.',
    access: 'host',
    params: MatchIdParamsSchema,
    body: VisibilityBodySchema,
    responses: {
      200: { description: 'Done.', schema: VisibilitySchema },
      400: refusal('`public` is not true or false.'),
      ...HOST_ONLY,
      404: NOT_OPEN,
      413: TOO_LARGE,
    },
  }),
  label: route({
    method: 'post',
    path: '/matches/:id/label',
    summary: 'The host labels a finished match (a class, a period) or removes its label.',
    description:
      'The archive lists and filters matches by label (`label` in GET /matches and POST /matches/mine).',
    access: 'host',
    params: MatchIdParamsSchema,
    body: LabelBodySchema,
    responses: {
      200: { description: 'Done: the label as kept (spaces collapsed).', schema: LabelSchema },
      400: refusal('The label is too long or holds control characters.'),
      ...HOST_ONLY,
      404: NOT_OPEN,
      413: TOO_LARGE,
    },
  }),
  share: route({
    method: 'post',
    path: '/matches/:id/share',
    summary: 'The host makes a share link: a new key each time (the previous link stops working).',
    access: 'host',
    params: MatchIdParamsSchema,
    responses: {
      201: {
        description: 'The key and the replay path that opens with it.',
        schema: SharedLinkSchema,
      },
      ...HOST_ONLY,
      404: NOT_OPEN,
    },
  }),
  unshare: route({
    method: 'delete',
    path: '/matches/:id/share',
    summary: 'The host withdraws the share link.',
    access: 'host',
    params: MatchIdParamsSchema,
    responses: { 204: { description: 'Withdrawn.' }, ...HOST_ONLY, 404: NOT_OPEN },
  }),
  notifyInfo: route({
    method: 'get',
    path: '/notifications',
    summary: 'What this server can notify through: its Web Push (VAPID) public key, and e-mail.',
    access: 'anyone',
    responses: { 200: { description: 'The ways available.', schema: NotifyInfoSchema } },
  }),
  notify: route({
    method: 'post',
    path: '/notifications',
    summary:
      'A seat opts in: told when a phase starts, when its deadline is near and the seat is not done, and when the match ends.',
    description:
      'The seat pass is checked as POST /api/matches/live checks it. A notification carries the ' +
      "match's scenario, round, phase and deadline and a link to My matches: no pass, no orders, no chat.",
    access: 'anyone',
    body: NotifyBodySchema,
    responses: {
      201: { description: 'Registered (or renewed).', schema: NotifySubscribedSchema },
      400: refusal(
        'The body is malformed, or the push service or e-mail is not one this server uses.',
      ),
      404: refusal('No live match with a seat this pass holds.'),
      409: refusal('This seat already registered as many ways as it may.'),
      413: TOO_LARGE,
      503: refusal('This server sends no notifications of that kind.'),
    },
  }),
  notifyOff: route({
    method: 'post',
    path: '/notifications/off',
    summary: 'A seat opts out: one browser or address, or every one its pass registered.',
    access: 'anyone',
    body: NotifyOffBodySchema,
    responses: {
      200: { description: 'How many were removed.', schema: NotifyRemovedSchema },
      400: refusal('The body is malformed.'),
      404: refusal('No live match with a seat this pass holds.'),
      413: TOO_LARGE,
      503: refusal('This server sends no notifications.'),
    },
  }),
} as const satisfies Record<string, ApiRoute>;

export type ApiRouteName = keyof typeof API_ROUTES;

// ---- what a route's handler reads and answers, by type ----

/** The route's path parameters as its schema gives them. */
export type RouteParams<R extends ApiRoute> = R['params'] extends z.ZodObject
  ? z.output<R['params']>
  : Record<string, never>;
/** The route's query as its schema gives it. */
export type RouteQuery<R extends ApiRoute> = R['query'] extends z.ZodObject
  ? z.output<R['query']>
  : Record<string, never>;
/** The route's body as its schema gives it. */
export type RouteBody<R extends ApiRoute> = R['body'] extends z.ZodType
  ? z.output<R['body']>
  : undefined;
/** A status as a number (a spread table's keys come out as strings: "401"). */
type StatusOf<K> = K extends number ? K : K extends `${infer N extends number}` ? N : never;
/** What the route answers at `status`. */
type ResponseAt<R extends ApiRoute, S extends number> = R['responses'][Extract<
  keyof R['responses'],
  S | `${S}`
>];
/** The statuses a route answers with a JSON body. */
export type JsonStatus<R extends ApiRoute> = {
  [K in keyof R['responses']]: R['responses'][K] extends { schema: z.ZodType }
    ? StatusOf<K>
    : never;
}[keyof R['responses']];
/** The JSON body a route answers at `status`. */
export type ResponseBody<R extends ApiRoute, S extends JsonStatus<R>> =
  ResponseAt<R, S> extends {
    schema: infer T extends z.ZodType;
  }
    ? z.input<T>
    : never;
/** The JSON body a route answers at `status`, as its schema parses it (what a client reads). */
export type ResponseData<R extends ApiRoute, S extends JsonStatus<R>> =
  ResponseAt<R, S> extends {
    schema: infer T extends z.ZodType;
  }
    ? z.output<T>
    : never;
/** The route's query as written in a URL (strings). */
export type RouteQueryInput<R extends ApiRoute> = R['query'] extends z.ZodObject
  ? z.input<R['query']>
  : Record<string, never>;
