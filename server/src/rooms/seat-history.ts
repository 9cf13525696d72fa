import type { Phase, SeatSpan } from '@entanglement/shared';

/** The most spans a match keeps (a match has at most a few dozen people, moved a few times). */
const MAX_SEAT_SPANS = 2000;

type Moment = { round: number; phase: Phase };

/**
 * Who held each seat when, from the start of play to its end: a span per
 * person (by nickname) or bot at a seat, opened when they came to it and
 * closed when they left it, so that the end screen, the archive and the
 * match file credit each person with the rounds they played instead of
 * naming whoever held the seat last. A person whose connection drops keeps
 * their span: their pass still holds the seat.
 */
export class SeatHistory {
  private readonly spans: SeatSpan[];

  constructor(spans: readonly SeatSpan[] = []) {
    this.spans = spans.map((s) => ({ ...s }));
  }

  /**
   * The seat is held now by `holders` (nicknames; null: a bot). With
   * `complete` false some holders are unknown by name (passes restored after
   * a restart nobody has shown yet): spans are only opened, none closed.
   * Returns whether anything changed.
   */
  sync(seat: string, holders: readonly (string | null)[], at: Moment, complete = true): boolean {
    let changed = false;
    const open = this.spans.filter((s) => s.seat === seat && s.to === null);
    for (const span of open)
      if (!holders.includes(span.nickname) && (complete || span.nickname === null)) {
        span.to = { ...at };
        changed = true;
      }
    for (const name of new Set(holders)) {
      if (open.some((s) => s.nickname === name && s.to === null)) continue;
      if (this.spans.length >= MAX_SEAT_SPANS) break;
      this.spans.push({ seat, nickname: name, from: { ...at }, to: null });
      changed = true;
    }
    return changed;
  }

  /** Every span, in the order they were opened. */
  all(): SeatSpan[] {
    return this.spans.map((s) => ({ ...s }));
  }
}
