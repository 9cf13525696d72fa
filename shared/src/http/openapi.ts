import { z } from 'zod';
import { API_ROUTES, type ApiResponse, type ApiRoute } from './routes.ts';
import { ApiErrorSchema } from './schemas.ts';

/**
 * The OpenAPI 3.1 document of the HTTP API, generated from the route table
 * and its zod schemas (zod's own JSON Schema output, draft 2020-12, which is
 * OpenAPI 3.1's dialect): inputs as the client writes them, answers as the
 * server sends them.
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

function response(r: ApiResponse) {
  if (r.schema)
    return {
      description: r.description,
      content: { 'application/json': { schema: jsonSchema(r.schema, 'output') } },
    };
  if (r.text)
    return { description: r.description, content: { [r.text]: { schema: { type: 'string' } } } };
  return { description: r.description };
}

function operation(operationId: string, r: ApiRoute): OpenApiOperation {
  const access = security(r.access);
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
            content: { 'application/json': { schema: jsonSchema(r.body, 'input') } },
          },
        }
      : {}),
    responses: {
      ...Object.fromEntries(Object.entries(r.responses).map(([s, res]) => [s, response(res)])),
      default: {
        description:
          'Any other refusal, as { error }: 404 no such route, 413 too large, 429 too many requests, 500 the server failed.',
        content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } },
      },
    },
  };
}

/** The document for `version` (the server's version). */
export function openApiDocument(version: string): OpenApiDocument {
  const paths: OpenApiDocument['paths'] = {};
  for (const [name, r] of Object.entries(API_ROUTES) as [string, ApiRoute][]) {
    const path = openApiPath(r.path);
    paths[path] = { ...paths[path], [r.method]: operation(name, r) };
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
      schemas: {
        ApiError: jsonSchema(ApiErrorSchema, 'output'),
      },
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
