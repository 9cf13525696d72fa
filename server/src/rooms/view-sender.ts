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

/** Entries longer than this (in JSON characters) are represented by their digest. */
const LONG_ENTRY = 256;

function digestOf(text: string): string {
  return createHash('sha1').update(text).digest('base64');
}

/**
 * Digests of the members of one update's views, remembered by object
 * identity: a member shared by several views (the ties) is digested once,
 * and a member built per view (the actors) from entries shared by identity
 * (another seat's redacted actor) stringifies each entry once.
 */
class Digests {
  private readonly texts = new Map<object, string>();
  private readonly digests = new Map<object, string>();

  /** The digest of a view's member. */
  of(member: unknown): string {
    if (member === null || typeof member !== 'object') return JSON.stringify(member) ?? 'undefined';
    let digest = this.digests.get(member);
    if (digest === undefined) {
      digest = digestOf(this.textOf(member));
      this.digests.set(member, digest);
    }
    return digest;
  }

  /** JSON of an array or record, its entries' text looked up by identity (not canonical: a digest, not a format). */
  private textOf(value: object): string {
    let text = '';
    if (Array.isArray(value)) for (const item of value) text += `${this.entryText(item)},`;
    else
      for (const [key, item] of Object.entries(value))
        text += `${JSON.stringify(key)}:${this.entryText(item)},`;
    return text;
  }

  /** An entry's JSON, or the digest of it when that is shorter: each view's actors then cost 11 digests, not 30 KB. */
  private entryText(entry: unknown): string {
    if (entry === null || typeof entry !== 'object') return JSON.stringify(entry) ?? 'undefined';
    let text = this.texts.get(entry);
    if (text === undefined) {
      text = JSON.stringify(entry);
      if (text.length > LONG_ENTRY) text = digestOf(text);
      this.texts.set(entry, text);
    }
    return text;
  }
}
