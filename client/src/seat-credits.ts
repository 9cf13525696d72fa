import type { SeatSpan } from '@entanglement/shared';

/** The words of the credits (kept together for the i18n catalogue). */
const TEXT = {
  bot: 'bot',
  round: (n: number) => `round ${n}`,
  rounds: (a: number, b: number) => `rounds ${a}–${b}`,
};

/**
 * Who played `seat` and when, in words, from the seat history: "Ana
 * (rounds 1–2), bot (rounds 2–4)". A span still open ran to `lastRound`.
 * Null when the history says nothing of the seat (a match from before it
 * was kept): the caller falls back to the seat's last holder.
 */
export function seatCredits(
  spans: readonly SeatSpan[] | undefined,
  seat: string,
  lastRound: number,
): string | null {
  const mine = (spans ?? []).filter((s) => s.seat === seat);
  if (mine.length === 0) return null;
  return mine
    .map((s) => {
      const from = Math.max(1, s.from.round);
      const to = Math.max(from, Math.min(s.to?.round ?? lastRound, lastRound));
      const when = from === to ? TEXT.round(from) : TEXT.rounds(from, to);
      return `${s.nickname ?? TEXT.bot} (${when})`;
    })
    .join(', ');
}
