import { createHash } from 'node:crypto';
import type { Client } from '@colyseus/core';
import { type MatchState, type SeatView, viewFor, viewsFor } from '@entanglement/shared';
import { sendTo } from './outbox.ts';

type Member = Exclude<keyof SeatView, 'step'>;
/** A digest of each member of a view, as last sent to one client. */
type Sent = Map<Member, string>;

/**
 * Keeps every client's view current at the least cost, which is most of the
 * server's work (docs/server.md, "Benchmark"): a client first gets its whole
 * `view`, then only `viewPatch`es of the members that changed. Changes are
 * found by digests of the members, and what the views of one update have in
 * common (`viewsFor` shares it by identity) is digested once, not per seat.
 */
export class ViewSender {
  private readonly sent = new Map<string, Sent>();

  /** Sends the client its whole view now (a join, a reconnection, a new seat). */
  sendWhole(client: Client, match: MatchState, seat: string | null): void {
    const view = viewFor(match, seat);
    this.sent.set(client.sessionId, digestsOf(view, new Digests()));
    sendTo(client, 'view', view);
  }

  /** Sends each client what changed in its view since it was last sent one; nothing if nothing did. */
  sendChanges(
    clients: Iterable<Client>,
    seatOf: (sessionId: string) => string | null,
    match: MatchState,
  ): void {
    const list = [...clients];
    const seats = list.map((client) => seatOf(client.sessionId));
    const views = viewsFor(match, seats);
    const digests = new Digests();
    for (const [i, client] of list.entries()) {
      const view = views.get(seats[i]!)!;
      const now = digestsOf(view, digests);
      const before = this.sent.get(client.sessionId);
      this.sent.set(client.sessionId, now);
      if (!before) {
        sendTo(client, 'view', view);
        continue;
      }
      const set: Partial<Record<Member, unknown>> = {};
      let changed = false;
      for (const [member, digest] of now) {
        if (before.get(member) === digest) continue;
        set[member] = view[member];
        changed = true;
      }
      if (changed) sendTo(client, 'viewPatch', { step: view.step, set: set as Partial<SeatView> });
    }
  }

  forget(sessionId: string): void {
    this.sent.delete(sessionId);
  }
}

function digestsOf(view: SeatView, digests: Digests): Sent {
  const out: Sent = new Map();
  for (const member of Object.keys(view) as (keyof SeatView)[])
    if (member !== 'step') out.set(member, digests.of(view[member]));
  return out;
}

/**
 * Digests of JSON values for one update, remembered by object identity: a
 * member shared by several views (the ties, another seat's redacted actor)
 * is stringified once. Objects are digested one level down, so a record of
 * shared entries (actors, the account) costs only its own new entries.
 */
class Digests {
  /** Per depth: the same object could in principle sit at two depths, digested differently. */
  private readonly known = [new Map<object, string>(), new Map<object, string>()];

  of(value: unknown, depth = 1): string {
    if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
    const known = this.known[depth]!.get(value);
    if (known !== undefined) return known;
    let text: string;
    if (depth === 0) text = JSON.stringify(value);
    else if (Array.isArray(value))
      text = `[${value.map((item) => this.of(item, depth - 1)).join(',')}]`;
    else
      text = `{${Object.entries(value)
        .map(([key, item]) => `${JSON.stringify(key)}:${this.of(item, depth - 1)}`)
        .join(',')}}`;
    const digest = createHash('sha1').update(text).digest('base64');
    this.known[depth]!.set(value, digest);
    return digest;
  }
}
