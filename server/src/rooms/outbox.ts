import type { Client } from '@colyseus/core';
import type { ErrorCode, Problem, ServerMessages, ServerMessageType } from '@entanglement/shared';
import { checkMessage, type Parser } from './validation.ts';

/** What the server sends, typed by the protocol's message names. */
export function sendTo<K extends ServerMessageType>(
  client: Client,
  type: K,
  message: ServerMessages[K],
): void {
  client.send(type, message);
}

export function broadcast<K extends ServerMessageType>(
  clients: Iterable<Client>,
  type: K,
  message: ServerMessages[K],
): void {
  for (const client of clients) sendTo(client, type, message);
}

/** Refuses a message: the sender gets an `error`, nothing changes, the connection stays. */
export function sendError(
  client: Client,
  type: string,
  code: ErrorCode,
  reason: string,
  field: string | null = null,
  ref?: string,
  problem?: Problem,
): void {
  sendTo(client, 'error', {
    code,
    reason,
    field,
    type,
    ...(ref === undefined ? {} : { ref }),
    ...(problem ? { problem: { code: problem.code, params: problem.params } } : {}),
  });
}

/** The payload parsed by its schema, or null after answering the sender with `badMessage`. */
export function parseOrRefuse<T>(
  client: Client,
  type: string,
  schema: Parser<T>,
  raw: unknown,
): T | null {
  const checked = checkMessage(type, schema, raw);
  if (checked.ok) return checked.data;
  sendTo(client, 'error', checked.error);
  return null;
}
