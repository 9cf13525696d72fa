import { type Client, Protocol } from '@colyseus/core';
import { decode } from '@colyseus/schema';
import {
  applyViewPatch,
  getScenario,
  playRandomGame,
  type SeatView,
  type ServerMessages,
  type ViewPatch,
  viewFor,
} from '@entanglement/shared';
import { unpack } from 'msgpackr';
import { describe, expect, test } from 'vitest';
import { ViewSender } from './view-sender.ts';

/**
 * A stand-in for a Colyseus client that keeps what it was sent, decoded from
 * the frames as the SDK decodes them (the message type, then MessagePack).
 */
function fakeClient(sessionId: string) {
  const got: { type: string; payload: unknown }[] = [];
  const client = {
    sessionId,
    enqueueRaw(frame: Buffer) {
      expect(frame[0]).toBe(Protocol.ROOM_DATA);
      const it = { offset: 1 };
      const type = decode.string(frame, it);
      got.push({ type, payload: unpack(frame.subarray(it.offset)) });
    },
  } as unknown as Client;
  return { client, got };
}

/**
 * The view a client holds after the messages it got (whole views, then
 * patches on them), step aside: a client whose view did not change is sent
 * nothing, so its step stays that of its last change.
 */
function rebuilt(got: { type: string; payload: unknown }[]): SeatView | null {
  let view: SeatView | null = null;
  for (const { type, payload } of got) {
    if (type === 'view') view = payload as SeatView;
    if (type === 'viewPatch') view = applyViewPatch(view!, payload as ViewPatch);
  }
  return view && { ...view, step: 0 };
}

describe('ViewSender', () => {
  const scenario = getScenario('main');
  const seats = [...scenario.seats.required, 'india', 'brazil'];
  // Two people share China (a team); one spectator.
  const people = [
    ...seats.map((seat) => ({ id: `p-${seat}`, seat })),
    { id: 'p-team', seat: 'china' },
  ];
  people.push({ id: 'p-watch', seat: null as unknown as string });

  test('every client always holds exactly its own view, from one whole view and then patches', () => {
    const sender = new ViewSender();
    const clients = people.map((p) => ({ ...p, ...fakeClient(p.id) }));
    const seatOf = (id: string) => clients.find((c) => c.id === id)!.seat ?? null;
    let steps = 0;
    let patchMembers = 0;
    let patches = 0;
    let actorEntries = 0;
    let wholeActors = 0;
    playRandomGame(scenario, { seats, rounds: 4 }, 'views', 'views', {
      onStep(state) {
        sender.sendChanges(
          clients.map((c) => c.client),
          seatOf,
          state,
        );
        steps++;
        for (const c of clients) {
          const expected = JSON.parse(
            JSON.stringify({ ...viewFor(state, c.seat ?? null), step: 0 }),
          );
          expect(rebuilt(c.got), `${c.id} at step ${state.step}`).toEqual(expected);
        }
      },
    });
    for (const c of clients) {
      expect(c.got.filter((m) => m.type === 'view')).toHaveLength(1);
      for (const m of c.got.filter((m) => m.type === 'viewPatch')) {
        const patch = m.payload as ViewPatch;
        patches++;
        patchMembers += Object.keys(patch.set).length + Object.keys(patch.entries ?? {}).length;
        if (patch.entries?.actors) actorEntries += Object.keys(patch.entries.actors).length;
        if (patch.set.actors) wholeActors++;
      }
    }
    expect(steps).toBeGreaterThan(50);
    // Most patches carry a member or two of the view's twenty-odd.
    expect(patchMembers / patches).toBeLessThan(4);
    // A changed actor goes alone, not with the other seats' (all of them change at a resolution).
    expect(actorEntries).toBeGreaterThan(wholeActors * 2);
  });

  test('a client whose view did not change gets nothing; one that comes back gets its whole view again', () => {
    const sender = new ViewSender();
    const china = fakeClient('a');
    const usa = fakeClient('b');
    const seatOf = (id: string) => (id === 'a' ? 'china' : 'usa');
    const game = playRandomGame(scenario, { seats, rounds: 4 }, 'quiet', 'quiet');
    const both = [china.client, usa.client];
    sender.sendChanges(both, seatOf, game.state);
    sender.sendChanges(both, seatOf, game.state);
    expect(china.got.map((m) => m.type)).toEqual(['view']);
    sender.forget('a');
    sender.sendChanges(both, seatOf, game.state);
    expect(china.got.map((m) => m.type)).toEqual(['view', 'view']);
    expect(usa.got.map((m) => m.type)).toEqual(['view']);
    sender.sendWhole(usa.client, game.state, 'usa');
    const last = usa.got.at(-1)! as { type: keyof ServerMessages; payload: SeatView };
    expect(last.type).toBe('view');
    expect(last.payload.viewer).toBe('usa');
  });
});
