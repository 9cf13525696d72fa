import { z } from 'zod';
import { CommandSchema } from '../commands/schema.ts';
import { MatchFileSchema } from '../replay/match-file.ts';
import { API_ROUTES, type ApiResponse, type ApiRoute } from './routes.ts';
import {
  AddressesSchema,
  AnnotationListSchema,
  AnnotationSchema,
  ApiErrorSchema,
  ArchivedMatchSchema,
  CreatedMatchSchema,
  DebriefSchema,
  FinishedSummarySchema,
  FoundMatchSchema,
  HealthSchema,
  ImportedSchema,
  MatchPageSchema,
  OwnMatchesSchema,
  PublicSeatSchema,
  ReflectionSchema,
  ReplayRefusalSchema,
  ScenarioListSchema,
  ScenarioSummarySchema,
  SharedLinkSchema,
  VisibilitySchema,
} from './schemas.ts';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route table
 * and its zod schemas (zod's own JSON Schema output, draft 2020-12, which is
 * OpenAPI 3.1's dialect): inputs as the client writes them, answers as the
 * server sends them. Bodies and answers are components, referred to by
 * `$ref`, so that a schema used in many places (a command, a seat, a
 * refusal) is written once.
 */

type Json = Record<string, unknown>;

export interface OpenApiParameter {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  description?: string;
  schema: Json;
}

export interface OpenApiOperation {
  operationId: string;
  summary: string;
  description?: string;
  parameters: OpenApiParameter[];
  security?: Record<string, string[]>[];
  requestBody?: { required: true; content: Record<string, { schema: Json }> };
  responses: Record<string, { description: string; content?: Record<string, { schema: Json }> }>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: { title: string; version: string; description: string };
  paths: Record<string, Partial<Record<ApiRoute['method'], OpenApiOperation>>>;
  components: { schemas: Record<string, Json>; securitySchemes: Record<string, Json> };
}

/** Where the API is mounted. */
export const API_PREFIX = '/api';

/** `/matches/:id` → `/api/matches/{id}`. */
export function openApiPath(path: string): string {
  return `${API_PREFIX}${path.replace(/:(\w+)/g, '{$1}')}`;
}

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, {
    io,
    unrepresentable: 'any',
  }) as Json;
  return rest;
}

const COMPONENTS = '#/components/schemas/';

/**
 * The named schemas of one side (what clients write, or what the server
 * answers): each is written once under components and referred to.
 * Input names end in "Input" or "Body", so the two sides never clash.
 */
class Components {
  private readonly registry = z.registry<{ id: string }>();
  private readonly names = new Map<z.ZodType, string>();
  private readonly io: 'input' | 'output';
  constructor(io: 'input' | 'output') {
    this.io = io;
  }

  /** A reference to `schema`, named `name` unless it has a name already. */
  ref(schema: z.ZodType, name: string): Json {
    let id = this.names.get(schema);
    if (id === undefined) {
      id = name;
      this.registry.add(schema, { id });
      this.names.set(schema, id);
    }
    return { $ref: `${COMPONENTS}${id}` };
  }

  schemas(): Record<string, Json> {
    const { schemas } = z.toJSONSchema(this.registry, {
      io: this.io,
      unrepresentable: 'any',
      uri: (id) => `${COMPONENTS}${id}`,
    });
    return Object.fromEntries(
      Object.entries(schemas).map(([id, schema]) => {
        const { $schema: _dialect, $id: _id, ...rest } = schema as Json;
        return [id, rest];
      }),
    );
  }
}

/** The schemas used in many places, under the names the document gives them. */
function namedComponents(): { input: Components; output: Components } {
  const input = new Components('input');
  const output = new Components('output');
  input.ref(CommandSchema, 'CommandInput');
  input.ref(MatchFileSchema, 'MatchFileInput');
  const shared: [z.ZodType, string][] = [
    [ApiErrorSchema, 'ApiError'],
    [ReplayRefusalSchema, 'ReplayRefusal'],
    [CommandSchema, 'Command'],
    [PublicSeatSchema, 'PublicSeat'],
    [FinishedSummarySchema, 'FinishedSummary'],
    [AnnotationSchema, 'Annotation'],
    [ReflectionSchema, 'Reflection'],
    [ScenarioSummarySchema, 'ScenarioSummary'],
    [DebriefSchema, 'Debrief'],
    [HealthSchema, 'Health'],
    [ScenarioListSchema, 'ScenarioList'],
    [AddressesSchema, 'Addresses'],
    [FoundMatchSchema, 'FoundMatch'],
    [CreatedMatchSchema, 'CreatedMatch'],
    [MatchPageSchema, 'MatchPage'],
    [ImportedSchema, 'Imported'],
    [OwnMatchesSchema, 'OwnMatches'],
    [ArchivedMatchSchema, 'ArchivedMatch'],
    [AnnotationListSchema, 'AnnotationList'],
    [VisibilitySchema, 'Visibility'],
    [SharedLinkSchema, 'SharedLink'],
  ];
  for (const [schema, name] of shared) output.ref(schema, name);
  return { input, output };
}

function parameters(shape: z.ZodObject | undefined, where: 'path' | 'query'): OpenApiParameter[] {
  if (!shape) return [];
  return Object.entries(shape.shape).map(([name, field]) => {
    const schema = jsonSchema(field as z.ZodType, 'input');
    const description = (field as z.ZodType).description;
    return {
      name,
      in: where,
      required: where === 'path' || !(field as z.ZodType).safeParse(undefined).success,
      ...(description ? { description } : {}),
      schema,
    };
  });
}

/** Who may call it, as OpenAPI security: the host's bearer token, or any credential (or none, for a public match). */
function security(access: ApiRoute['access']): Record<string, string[]>[] | undefined {
  if (access === 'host') return [{ hostToken: [] }];
  if (access === 'reader') return [{}, { matchCredential: [] }];
  return undefined;
}

const capitalised = (name: string) => name[0]!.toUpperCase() + name.slice(1);

function response(r: ApiResponse, name: string, output: Components) {
  if (r.schema)
    return {
      description: r.description,
      content: { 'application/json': { schema: output.ref(r.schema, name) } },
    };
  if (r.text)
    return { description: r.description, content: { [r.text]: { schema: { type: 'string' } } } };
  return { description: r.description };
}

function operation(
  operationId: string,
  r: ApiRoute,
  { input, output }: { input: Components; output: Components },
): OpenApiOperation {
  const access = security(r.access);
  const answers = Object.entries(r.responses).map(([status, res]) => [
    status,
    response(res, `${capitalised(operationId)}${status}`, output),
  ]);
  return {
    operationId,
    summary: r.summary,
    ...(r.description ? { description: r.description } : {}),
    parameters: [...parameters(r.params, 'path'), ...parameters(r.query, 'query')],
    ...(access ? { security: access } : {}),
    ...(r.body
      ? {
          requestBody: {
            required: true as const,
            content: {
              'application/json': {
                schema: input.ref(r.body, `${capitalised(operationId)}Body`),
              },
            },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(answers),
      default: {
        description:
          'Any other refusal: 404 no such route, 413 too large, 429 too many requests, 500 the server failed.',
        content: { 'application/json': { schema: output.ref(ApiErrorSchema, 'ApiError') } },
      },
    },
  };
}

/** The document for `version` (the server's version). */
export function openApiDocument(version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  const components = namedComponents();
  for (const [name, r] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const path = openApiPath(r.path);
    paths[path] = { ...paths[path], [r.method]: operation(name, r, components) };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Entanglement HTTP API',
      version,
      description:
        'Creating and finding matches, and the archive of finished ones. The match itself is played over the WebSocket room protocol (docs/protocol.md).',
    },
    paths,
    components: {
      schemas: { ...components.output.schemas(), ...components.input.schemas() },
      securitySchemes: {
        hostToken: {
          type: 'http',
          scheme: 'bearer',
          description: 'The host token POST /api/matches (or an import) answered.',
        },
        matchCredential: {
          type: 'http',
          scheme: 'bearer',
          description:
            "The host token, a player's seat pass, or the share link's key (also accepted as ?key=).",
        },
      },
    },
  };
}
