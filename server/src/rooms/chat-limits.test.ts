import type { Client } from '@colyseus/core';
import type { ChatMessage, ErrorCode } from '@entanglement/shared';
import { expect, test } from 'vitest';
import { hashToken } from '../store/tokens.ts';
import { CHAT_WINDOW_MS, Chat, type ChatRoom, MAX_CHAT_LINES } from './chat.ts';
import { Seating } from './seating.ts';

/** A room around a Chat: one seated person, what was stored and what was refused. */
function roomWith(seating: Seating) {
  const stored: number[] = [];
  const refused: { code: ErrorCode; reason: string }[] = [];
  const room: ChatRoom = {
    stage: 'lobby',
    seating,
    hostTokenHash: hashToken('h'.repeat(21)),
    clients: [],
    send: (_client: Client, _message: ChatMessage) => undefined,
    sendHistory: () => undefined,
    fail: (_client, _type, code, reason) => void refused.push({ code, reason }),
    persist: async (entry) => void stored.push(entry.seq),
  };
  return { room, stored, refused };
}

test('a match stores at most MAX_CHAT_LINES lines of chat; past them chat is refused, saying so', () => {
  const seating = new Seating(['china']);
  seating.add('s1', 'Ana');
  const pass = seating.issue('s1', 'china')!.pass;
  const client = { sessionId: 's1', send: () => undefined } as unknown as Client;
  // A match restored with its chat one line short of the bound.
  const chat = new Chat(MAX_CHAT_LINES - 1);
  const { room, stored, refused } = roomWith(seating);
  chat.receive(room, client, { channel: 'public', token: pass, text: 'the last one' });
  chat.receive(room, client, { channel: 'public', token: pass, text: 'one too many' });
  expect(stored).toEqual([MAX_CHAT_LINES]);
  expect(refused).toEqual([
    { code: 'limited', reason: `This match's chat is full: at most ${MAX_CHAT_LINES} lines.` },
  ]);
});

test('the per-seat count holds across its people; a window later they may write again', () => {
  const seating = new Seating(['china']);
  const people = ['a', 'b', 'c'].map((id) => {
    seating.add(id, id);
    return {
      client: { sessionId: id, send: () => undefined } as unknown as Client,
      pass: seating.issue(id, 'china')!.pass,
    };
  });
  const chat = new Chat();
  const { room, stored, refused } = roomWith(seating);
  const realNow = Date.now;
  let now = 1_000_000;
  Date.now = () => now;
  try {
    // 3 people × 5 lines: the seat's 12 pass, then the seat is refused (each person is under 6).
    for (let i = 0; i < 5; i++)
      for (const p of people)
        chat.receive(room, p.client, { channel: 'team', token: p.pass, text: `l${i}` });
    expect(stored.length).toBe(12);
    expect(refused.map((r) => r.reason)).toEqual(
      Array(3).fill('Slow down: at most 12 lines in 10 s from one seat.'),
    );
    now += CHAT_WINDOW_MS;
    chat.receive(room, people[0]!.client, { channel: 'team', token: people[0]!.pass, text: 'x' });
    expect(stored.length).toBe(13);
  } finally {
    Date.now = realNow;
  }
});
