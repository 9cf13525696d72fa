import type { Client } from '@colyseus/core';
import { type MatchState, type SeatView, viewsFor } from '@entanglement/shared';
import {
  type EncodedMember,
  encodeRecord,
  encodeValue,
  messageFrame,
  UpdateEncoding,
} from './view-encoding.ts';

/** A digest of each member of a view (the step aside), as last sent to one client. */
type Sent = Map<string, string>;

/**
 * Keeps every client's view current at the least cost, which is most of the
 * server's work (docs/server.md, "Benchmark"): a client first gets its whole
 * `view`, then only `viewPatch`es of the members that changed. The views of
 * one update are built together (`viewsFor` shares what they have in
 * common by identity) and encoded together (`UpdateEncoding` encodes each
 * shared piece once); the digests of the encoded members tell what changed.
 */
export class ViewSender {
  private readonly sent = new Map<string, Sent>();

  /** Sends the client its whole view now (a join, a reconnection, a new seat). */
  sendWhole(client: Client, match: MatchState, seat: string | null): void {
    const view = viewsFor(match, [seat]).get(seat)!;
    this.sendView(client, encodedMembers(view, new UpdateEncoding()));
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
    const encoding = new UpdateEncoding();
    for (const [i, client] of list.entries()) {
      const view = views.get(seats[i]!)!;
      const members = encodedMembers(view, encoding);
      const before = this.sent.get(client.sessionId);
      if (!before) {
        this.sendView(client, members);
        continue;
      }
      const changed: [string, Buffer][] = [];
      for (const [name, member] of members)
        if (name !== 'step' && before.get(name) !== member.digest)
          changed.push([name, member.bytes]);
      this.sent.set(client.sessionId, digestsOf(members));
      if (changed.length === 0) continue;
      const patch = encodeRecord([
        ['step', encodeValue(view.step)],
        ['set', encodeRecord(changed)],
      ]);
      client.enqueueRaw(messageFrame('viewPatch', patch));
    }
  }

  forget(sessionId: string): void {
    this.sent.delete(sessionId);
  }

  private sendView(client: Client, members: Map<string, EncodedMember>): void {
    this.sent.set(client.sessionId, digestsOf(members));
    const whole = encodeRecord([...members].map(([name, member]) => [name, member.bytes]));
    client.enqueueRaw(messageFrame('view', whole));
  }
}

function encodedMembers(view: SeatView, encoding: UpdateEncoding): Map<string, EncodedMember> {
  const members = new Map<string, EncodedMember>();
  for (const [name, value] of Object.entries(view)) members.set(name, encoding.member(value));
  return members;
}

function digestsOf(members: Map<string, EncodedMember>): Sent {
  const digests: Sent = new Map();
  for (const [name, member] of members) if (name !== 'step') digests.set(name, member.digest);
  return digests;
}
