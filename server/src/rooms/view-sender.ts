import type { Client } from '@colyseus/core';
import { type MatchState, StateParts } from '@entanglement/shared';
import {
  type Encoded,
  type EncodedView,
  EntriesEncoded,
  encodeValue,
  messageFrame,
  recordParts,
  ViewEncoder,
} from './view-encoding.ts';

/** The encoding of each member of a view (the step aside) as last sent to one client. */
type Sent = ReadonlyMap<string, Encoded>;

/**
 * Keeps every client's view current at the least cost, which is most of the
 * server's work (docs/server.md, "Benchmark"): a client first gets its whole
 * `view`, then only `viewPatch`es of the members that changed. The match's
 * `ViewEncoder` keeps the views encoded from update to update and hands out
 * the same object for a member whose bytes did not change, so what changed
 * for a client is what it was not sent yet.
 */
export class ViewSender {
  private readonly sent = new Map<string, Sent>();
  private readonly encoder: ViewEncoder;

  /** `parts`: the room's state hash, which knows what changed (its own when none is given). */
  constructor(parts: StateParts = new StateParts()) {
    this.encoder = new ViewEncoder(parts);
  }

  /** Sends the client its whole view now (a join, a reconnection, a new seat). */
  sendWhole(client: Client, match: MatchState, seat: string | null): void {
    const view = this.encoder.update(match, [seat]).get(seat)!;
    this.sendView(client, view, match.step, new Map());
  }

  /** Sends each client what changed in its view since it was last sent one; nothing if nothing did. */
  sendChanges(
    clients: Iterable<Client>,
    seatOf: (sessionId: string) => string | null,
    match: MatchState,
  ): void {
    const list = [...clients];
    const seats = list.map((client) => seatOf(client.sessionId));
    const views = this.encoder.update(match, seats);
    // Clients of one viewer (team mates, spectators) that need the same message share its frame.
    const frames = new Map<string, Buffer>();
    for (const [i, client] of list.entries()) {
      const seat = seats[i]!;
      const view = views.get(seat)!;
      const before = this.sent.get(client.sessionId);
      if (!before) {
        this.sendView(client, view, match.step, frames, seat);
        continue;
      }
      const set: string[] = [];
      const entries: [string, string[]][] = [];
      for (const [name, member] of view) {
        const sent = before.get(name);
        if (sent === member) continue;
        const changedIds = changedEntries(sent, member);
        if (changedIds) entries.push([name, changedIds]);
        else set.push(name);
      }
      if (set.length === 0 && entries.length === 0) continue;
      this.sent.set(client.sessionId, view);
      const id = `${seat}\u0000${set.join(',')}\u0000${entries.map(([name, ids]) => `${name}:${ids.join(',')}`).join(';')}`;
      let frame = frames.get(id);
      if (frame === undefined) {
        frame = messageFrame('viewPatch', patchParts(view, match.step, set, entries));
        frames.set(id, frame);
      }
      client.enqueueRaw(frame);
    }
  }

  forget(sessionId: string): void {
    this.sent.delete(sessionId);
  }

  private sendView(
    client: Client,
    view: EncodedView,
    step: number,
    frames: Map<string, Buffer>,
    seat?: string | null,
  ): void {
    this.sent.set(client.sessionId, view);
    const id = seat === undefined ? null : `${seat}\u0000`;
    let frame = id === null ? undefined : frames.get(id);
    if (frame === undefined) {
      const members = [...view].map(([name, member]) => [name, member.parts] as const);
      frame = messageFrame('view', recordParts([...members, ['step', [encodeValue(step)]]]));
      if (id !== null) frames.set(id, frame);
    }
    client.enqueueRaw(frame);
  }
}

/**
 * The entries of an `actors` or `drafts` member that changed since the one
 * a client was sent, or null when the member goes whole: it is of another
 * kind, its seats differ, or every entry changed.
 */
function changedEntries(sent: Encoded | undefined, member: Encoded): string[] | null {
  if (!(sent instanceof EntriesEncoded) || !(member instanceof EntriesEncoded)) return null;
  if (sent.ids.length !== member.ids.length) return null;
  const changed: string[] = [];
  for (const [i, id] of member.ids.entries()) {
    if (sent.ids[i] !== id) return null;
    if (sent.entries[i] !== member.entries[i]) changed.push(id);
  }
  return changed.length < member.ids.length ? changed : null;
}

/** A `viewPatch` (`ViewPatch`): the step, the members sent whole, the entries sent alone. */
function patchParts(
  view: EncodedView,
  step: number,
  set: readonly string[],
  entries: readonly [string, readonly string[]][],
): Buffer[] {
  const members: [string, readonly Buffer[]][] = [
    ['step', [encodeValue(step)]],
    ['set', recordParts(set.map((name) => [name, view.get(name)!.parts] as const))],
  ];
  if (entries.length > 0)
    members.push([
      'entries',
      recordParts(
        entries.map(([name, ids]) => {
          const member = view.get(name) as EntriesEncoded;
          const byId = ids.map(
            (id) => [id, member.entries[member.ids.indexOf(id)]!.parts] as const,
          );
          return [name, recordParts(byId)] as const;
        }),
      ),
    ]);
  return recordParts(members);
}
