import { createHash } from 'node:crypto';
import type { Client } from '@colyseus/core';
import {
  type ErrorCode,
  type MatchState,
  type SeatView,
  type ServerMessages,
  type ServerMessageType,
  viewFor,
} from '@entanglement/shared';
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
): void {
  sendTo(client, 'error', { code, reason, field, type, ...(ref === undefined ? {} : { ref }) });
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

/**
 * Every client gets `viewFor(state, its seat)`, computed once per seat, but
 * only when it differs from the last view that client was sent (the step
 * counter aside): after one seat's order the others' views rarely change,
 * and encoding views is most of the server's work (docs/server.md,
 * "Benchmark"). `sent` remembers, per session id, what each client was sent.
 */
export function sendViews(
  clients: Iterable<Client>,
  seatOf: (sessionId: string) => string | null,
  match: MatchState,
  sent: Map<string, string>,
): void {
  const views = new Map<string | null, { view: SeatView; key: string }>();
  for (const client of clients) {
    const seat = seatOf(client.sessionId);
    let entry = views.get(seat);
    if (!entry) {
      const view = viewFor(match, seat);
      // A digest, not the 50 KB text: the room keeps one per client.
      const key = createHash('sha1')
        .update(JSON.stringify({ ...view, step: 0 }))
        .digest('base64');
      entry = { view, key };
      views.set(seat, entry);
    }
    if (sent.get(client.sessionId) === entry.key) continue;
    sent.set(client.sessionId, entry.key);
    sendTo(client, 'view', entry.view);
  }
}
