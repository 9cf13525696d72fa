import type { TimelineEntry } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { chatEntries } from './chat-timeline.ts';

const entry = (index: number, startStep: number, endStep: number): TimelineEntry => ({
  index,
  round: 1,
  phase: 'diplomacy',
  startStep,
  endStep,
  hash: null,
  tension: 3,
});

describe('chat on the timeline', () => {
  // Commands 1–3 at t=10,20,30; phase 0 shows steps 0–1, phase 1 steps 2–3.
  const timeline = [entry(0, 0, 1), entry(1, 2, 3)];
  const times = [10, 20, 30];

  it('places each line in the phase the match was in when it was sent', () => {
    expect(chatEntries(timeline, times, [5, 15, 25, 35])).toEqual([0, 0, 1, 1]);
  });

  it('places nothing when the file has no command times', () => {
    expect(chatEntries(timeline, undefined, [5])).toEqual([null]);
  });
});
