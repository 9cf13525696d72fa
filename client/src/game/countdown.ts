import type { MatchSnapshot } from '../net/match-connection.ts';

/** Milliseconds left in the phase now, counted down locally from the last timer message. */
export function remainingMs(timer: MatchSnapshot['timer'], now = performance.now()): number {
  if (!timer) return 0;
  if (timer.paused) return timer.remainingMs;
  return Math.max(0, timer.remainingMs - (now - timer.receivedAt));
}

/** Time left as a clock under an hour ("4:05"), then in hours and minutes ("3 h 20 min"), then days ("2 d 5 h"). */
export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  if (total < 3600) {
    const m = Math.floor(total / 60);
    return `${m}:${String(total % 60).padStart(2, '0')}`;
  }
  const minutes = Math.ceil(total / 60);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  if (days > 0) return `${days} d ${hours} h`;
  return `${hours} h ${minutes % 60} min`;
}

/** Past this much time left, the phase's end is also shown as a local date and time. */
const SHOW_DEADLINE_MS = 30 * 60_000;

/**
 * When the phase ends, in the reader's own time zone ("ends Fri 14:05"),
 * while half an hour or more is left; "" otherwise. The server's `endsAt` decides.
 */
export function formatDeadline(
  timer: MatchSnapshot['timer'],
  locale?: string,
  timeZone?: string,
): string {
  if (!timer || timer.paused || timer.endsAt === null || timer.remainingMs < SHOW_DEADLINE_MS)
    return '';
  return `ends ${formatEndsAt(timer.endsAt, locale, timeZone)}`;
}

/** A deadline (ms since 1970) in the reader's own time zone: "Fri 4 Dec, 21:05 GMT+8". */
export function formatEndsAt(endsAt: number, locale?: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(locale, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(endsAt));
}

/** What the next extension adds, in seconds: a minute in a short phase, a quarter of the cap in a long one. */
export function extensionStep(timer: MatchSnapshot['timer']): number {
  const cap = timer?.extensionCapSeconds ?? 300;
  return cap <= 600 ? 60 : Math.round(cap / 4);
}
