import { DEFAULT_TIMERS, MAX_PHASE_SECONDS, type PhaseTimers } from '@entanglement/shared';

const HOUR = 3600;

/** Phases where seats decide (orders, answers) and the short ones around them (news, resolution). */
function timers(decide: number, around: number): PhaseTimers {
  return { news: around, diplomacy: decide, responses: decide, calls: decide, resolution: around };
}

/**
 * The host's timer choices, in seconds per phase: live ones for a class or
 * friends at one sitting, and deadlines of hours or a day for a match played
 * over days (everyone orders when they can; a phase still ends as soon as
 * every seat is done).
 */
export const TIMER_PRESETS: Record<string, { label: string; timers: PhaseTimers }> = {
  class: { label: 'Class period (short phases)', timers: timers(180, 30) },
  standard: { label: 'Standard', timers: DEFAULT_TIMERS },
  relaxed: {
    label: 'Relaxed (double time)',
    timers: { news: 120, diplomacy: 600, responses: 240, calls: 240, resolution: 90 },
  },
  hour: { label: 'Over an afternoon: 1 hour to decide', timers: timers(HOUR, 600) },
  halfDay: { label: 'Over days: 12 hours to decide', timers: timers(12 * HOUR, HOUR) },
  day: { label: 'Over days: 24 hours to decide', timers: timers(24 * HOUR, HOUR) },
  custom: { label: 'Custom…', timers: DEFAULT_TIMERS },
};

const MAX_MINUTES = MAX_PHASE_SECONDS / 60;

/** The custom choice: minutes to decide and minutes for news and resolution, or why they are refused. */
export function customTimers(decideMinutes: number, aroundMinutes: number): PhaseTimers | string {
  for (const [minutes, what] of [
    [decideMinutes, 'to decide'],
    [aroundMinutes, 'for news and resolution'],
  ] as const)
    if (!Number.isInteger(minutes) || minutes < 1 || minutes > MAX_MINUTES)
      return `Minutes ${what}: a whole number from 1 to ${MAX_MINUTES} (a week).`;
  return timers(decideMinutes * 60, aroundMinutes * 60);
}
