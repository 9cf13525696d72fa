import { getMessageBytes, Protocol } from '@colyseus/core';
import { decode } from '@colyseus/schema';
import {
  cloneState,
  getScenario,
  type MatchState,
  playRandomGame,
  StateParts,
  viewsFor,
} from '@entanglement/shared';
import { unpack } from 'msgpackr';
import { describe, expect, test } from 'vitest';
import {
  type EncodedView,
  encodeValue,
  messageFrame,
  recordParts,
  ViewEncoder,
} from './view-encoding.ts';

describe('ViewEncoder', () => {
  const scenario = getScenario('main');
  const seats = [...scenario.seats.required, 'india', 'brazil'];
  const viewers = [...seats, null];

  /** What the SDK reads from a room message frame: its type, then its MessagePack payload. */
  function read(frame: Buffer): { type: string; payload: unknown } {
    expect(frame[0]).toBe(Protocol.ROOM_DATA);
    const it = { offset: 1 };
    const type = decode.string(frame, it);
    return { type, payload: unpack(frame.subarray(it.offset)) };
  }

  function viewFrame(view: EncodedView, step: number): Buffer {
    const members = [...view].map(([name, member]) => [name, member.parts] as const);
    return messageFrame('view', recordParts([...members, ['step', [encodeValue(step)]]]));
  }

  test('kept from step to step, every view reads as the frame Colyseus would send of it', () => {
    const parts = new StateParts();
    const encoder = new ViewEncoder(parts);
    let checked = 0;
    playRandomGame(scenario, { seats, rounds: 4 }, 'frames', 'frames', {
      onStep(state) {
        // The room hashes after every command; the encoder reads what changed from that.
        parts.hash(state);
        const encoded = encoder.update(state, viewers);
        if (state.step % 3 !== 0) return;
        for (const [viewer, view] of viewsFor(state, viewers)) {
          // Not byte for byte: msgpackr writes every map with a 16-bit count.
          expect(read(viewFrame(encoded.get(viewer)!, state.step))).toEqual(
            read(getMessageBytes.raw(Protocol.ROOM_DATA, 'view', view)),
          );
          checked++;
        }
      },
    });
    expect(checked).toBeGreaterThan(150);
  });

  test('a member is encoded again only when it changed for that viewer, and shared members are one object', () => {
    const encoder = new ViewEncoder(new StateParts());
    let before: ReadonlyMap<string | null, EncodedView> | null = null;
    let kept = 0;
    let renewed = 0;
    let previous: MatchState | null = null;
    playRandomGame(scenario, { seats, rounds: 4 }, 'kept', 'kept', {
      onStep(state) {
        const now = new Map(encoder.update(state, viewers));
        const views = viewsFor(state, viewers);
        if (before && previous && previous.phase === state.phase)
          for (const viewer of viewers) {
            const [was, is] = [before.get(viewer)!, now.get(viewer)!];
            for (const [name, member] of is) {
              const same = member === was.get(name);
              if (same) kept++;
              else renewed++;
              // A new object means new bytes: nothing is sent that the client has.
              if (!same)
                expect(member.sameBytes(was.get(name)!), `${name} for ${viewer}`).toBe(false);
            }
          }
        const [china, usa] = [now.get('china')!, now.get('usa')!];
        expect(china.get('ties')).toBe(usa.get('ties'));
        expect(china.get('actors')).not.toBe(usa.get('actors'));
        expect(views.get('china')!.ties).toBe(state.ties);
        before = now;
        previous = structuredClone(state);
      },
    });
    // Most members of most updates did not change.
    expect(kept).toBeGreaterThan(renewed * 10);
    expect(renewed).toBeGreaterThan(100);
  });

  test('the same state again, or a rebuilt copy of it, encodes to the very same objects', () => {
    const game = playRandomGame(scenario, { seats, rounds: 4 }, 'again', 'again');
    const encoder = new ViewEncoder(new StateParts());
    const first = new Map(encoder.update(game.state, ['china']));
    const china = first.get('china')!;
    // A viewer added at the same step is encoded from the same pieces.
    const both = encoder.update(game.state, ['china', 'usa']);
    expect(both.get('china')).toBe(china);
    expect(both.get('usa')!.get('ties')).toBe(china.get('ties'));
    const copy = cloneState(game.state);
    copy.step++;
    const rebuilt = encoder.update(copy, ['china', 'usa']).get('china')!;
    for (const [name, member] of china) expect(rebuilt.get(name), name).toBe(member);
  });
});
