import { getMessageBytes, Protocol } from '@colyseus/core';
import { decode } from '@colyseus/schema';
import { getScenario, playRandomGame, type SeatView, viewsFor } from '@entanglement/shared';
import { unpack } from 'msgpackr';
import { describe, expect, test } from 'vitest';
import { encodeRecord, messageFrame, UpdateEncoding } from './view-encoding.ts';

describe('UpdateEncoding', () => {
  const scenario = getScenario('main');
  const seats = [...scenario.seats.required, 'india', 'brazil'];

  /** What the SDK reads from a room message frame: its type, then its MessagePack payload. */
  function read(frame: Buffer): { type: string; payload: unknown } {
    expect(frame[0]).toBe(Protocol.ROOM_DATA);
    const it = { offset: 1 };
    const type = decode.string(frame, it);
    return { type, payload: unpack(frame.subarray(it.offset)) };
  }

  test('a view assembled from encoded members reads as the frame Colyseus would send', () => {
    let checked = 0;
    playRandomGame(scenario, { seats, rounds: 4 }, 'frames', 'frames', {
      onStep(state) {
        if (state.step % 7 !== 0) return;
        const encoding = new UpdateEncoding();
        for (const view of viewsFor(state, [...seats, null]).values()) {
          const members = Object.entries(view).map(
            ([name, value]) => [name, encoding.member(value).bytes] as [string, Buffer],
          );
          // Not byte for byte: msgpackr writes every map with a 16-bit count.
          expect(read(messageFrame('view', encodeRecord(members)))).toEqual(
            read(getMessageBytes.raw(Protocol.ROOM_DATA, 'view', view)),
          );
          checked++;
        }
      },
    });
    expect(checked).toBeGreaterThan(50);
  });

  test('a shared member is encoded once per update, and equal members have equal digests', () => {
    let views = new Map<string | null, SeatView>();
    playRandomGame(scenario, { seats, rounds: 4 }, 'digests', 'digests', {
      onStep(state) {
        if (state.round === 2 && state.phase === 'diplomacy') views = viewsFor(state, seats);
      },
    });
    const encoding = new UpdateEncoding();
    const [china, usa] = [views.get('china')!, views.get('usa')!];
    expect(encoding.member(china.ties)).toBe(encoding.member(usa.ties));
    expect(encoding.member(china.actors).digest).not.toBe(encoding.member(usa.actors).digest);
    const again = new UpdateEncoding();
    expect(again.member(structuredClone(china.actors)).digest).toBe(
      encoding.member(china.actors).digest,
    );
  });
});
