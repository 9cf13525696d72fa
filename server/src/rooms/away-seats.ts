import type { AwayRule, Phase } from '@entanglement/shared';
import type { AwayState } from '../store/types.ts';

/** Phases where seats decide; Briefing and Resolution only take a done mark, so silence there is no sign. */
const DECIDING: ReadonlySet<Phase> = new Set(['diplomacy', 'responses', 'calls']);

/**
 * The away rule's bookkeeping (diplicity's civil disorder): which people's
 * seats were heard from in the phase under way, how many deciding phases in
 * a row each was silent, and which are away (a bot plays them meanwhile).
 * Who drives a seat is the server's business: the engine never knows.
 */
export class AwaySeats {
  readonly rule: AwayRule;
  private readonly away: Set<string>;
  private readonly silent: Map<string, number>;
  private readonly heardNow: Set<string>;

  constructor(rule: AwayRule, state?: AwayState) {
    this.rule = rule;
    this.away = new Set(state?.away ?? []);
    this.silent = new Map(Object.entries(state?.silent ?? {}));
    this.heardNow = new Set(state?.heard ?? []);
  }

  /** Whether a bot plays `seat` under the rule now. */
  isAway(seat: string): boolean {
    return this.rule.on && this.away.has(seat);
  }

  /** The seats a bot plays under the rule now. */
  seats(): string[] {
    return this.rule.on ? [...this.away] : [];
  }

  /** Someone at `seat` sent a command: returns whether that changed what is kept. */
  heard(seat: string): boolean {
    if (!this.rule.on || this.heardNow.has(seat)) return false;
    this.heardNow.add(seat);
    return true;
  }

  /**
   * The phase `phase` ended: each of the people's `seats` heard from starts
   * its count again, each silent one in a deciding phase counts one more.
   * Returns the seats that became away now.
   */
  phaseEnded(phase: Phase, seats: readonly string[]): string[] {
    if (!this.rule.on) return [];
    const now: string[] = [];
    for (const seat of seats) {
      if (this.away.has(seat)) continue;
      if (this.heardNow.has(seat)) this.silent.delete(seat);
      else if (DECIDING.has(phase)) {
        const count = (this.silent.get(seat) ?? 0) + 1;
        this.silent.set(seat, count);
        if (count >= this.rule.afterPhases) {
          this.away.add(seat);
          this.silent.delete(seat);
          now.push(seat);
        }
      }
    }
    this.heardNow.clear();
    return now;
  }

  /** One of the seat's people is back: people play it again. Returns whether it was away. */
  takeBack(seat: string): boolean {
    if (!this.away.delete(seat)) return false;
    this.heardNow.add(seat);
    return true;
  }

  /** The seat is no longer the people's (the host gave it to a bot): nothing is counted for it. */
  forget(seat: string): void {
    this.away.delete(seat);
    this.silent.delete(seat);
    this.heardNow.delete(seat);
  }

  state(): AwayState {
    return {
      away: [...this.away],
      silent: Object.fromEntries(this.silent),
      heard: [...this.heardNow],
    };
  }
}
