import type { TimelineEntry } from '@entanglement/shared';

/**
 * The timeline entry in which each chat line was sent: the line's time is
 * placed among the times the commands were applied, which gives the step the
 * match was at, and so the phase. Null for every line when the file has no
 * command times (files from before they were kept).
 */
export function chatEntries(
  timeline: readonly TimelineEntry[],
  commandTimes: readonly number[] | undefined,
  chatTimes: readonly number[],
): (number | null)[] {
  if (!commandTimes || commandTimes.length === 0) return chatTimes.map(() => null);
  return chatTimes.map((at) => {
    // Steps applied by the time the line was sent (the times are in order).
    let lo = 0;
    let hi = commandTimes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (commandTimes[mid]! <= at) lo = mid + 1;
      else hi = mid;
    }
    const step = lo;
    const entry = timeline.find((t) => step >= t.startStep && step <= t.endStep);
    return entry?.index ?? timeline.at(-1)?.index ?? null;
  });
}
