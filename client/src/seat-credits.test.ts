import { describe, expect, test } from 'vitest';
import { seatCredits } from './seat-credits.ts';

describe('seatCredits', () => {
  const spans = [
    {
      seat: 'india',
      nickname: 'Ana',
      from: { round: 1, phase: 'news' },
      to: { round: 2, phase: 'diplomacy' },
    },
    {
      seat: 'india',
      nickname: null,
      from: { round: 2, phase: 'diplomacy' },
      to: { round: 3, phase: 'news' },
    },
    { seat: 'india', nickname: 'Lee', from: { round: 3, phase: 'news' }, to: null },
    { seat: 'china', nickname: 'Bo', from: { round: 1, phase: 'news' }, to: null },
  ] as const;

  test('credits each person and bot at a seat with the rounds they held it; an open span runs to the last round', () => {
    expect(seatCredits(spans, 'india', 4)).toBe(
      'Ana (rounds 1–2), bot (rounds 2–3), Lee (rounds 3–4)',
    );
    expect(seatCredits(spans, 'china', 1)).toBe('Bo (round 1)');
  });

  test('says nothing of a seat the history does not know (older matches)', () => {
    expect(seatCredits(spans, 'usa', 4)).toBeNull();
    expect(seatCredits(undefined, 'usa', 4)).toBeNull();
  });
});
