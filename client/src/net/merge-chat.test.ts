import type { ChatMessage } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { mergeChat } from './match-connection.ts';

const line = (seq: number, text = `l${seq}`): ChatMessage => ({
  seq,
  from: 'china',
  nickname: 'Ana',
  channel: 'public',
  text,
  at: seq,
});

describe('chat history merged into the lines a client holds', () => {
  it('keeps the match’s order and each line once', () => {
    const have = [line(3), line(5)];
    const merged = mergeChat(have, [line(1), line(3, 'again'), line(4), line(5)]);
    expect(merged.map((m) => m.seq)).toEqual([1, 3, 4, 5]);
    expect(merged.find((m) => m.seq === 3)!.text).toBe('l3');
  });

  it('keeps the newest 300', () => {
    const many = Array.from({ length: 350 }, (_, i) => line(i + 1));
    const merged = mergeChat([], many);
    expect(merged).toHaveLength(300);
    expect(merged[0]!.seq).toBe(51);
    expect(merged.at(-1)!.seq).toBe(350);
  });
});
