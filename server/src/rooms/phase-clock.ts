import type { Clock, Delayed } from '@colyseus/core';

/**
 * One phase's countdown on the room's clock (cleared with the room): start,
 * pause, resume, extend, and what is left.
 */
export class PhaseClock {
  private timer: Delayed | null = null;
  private pausedLeft: number | null = null;

  private readonly clock: Clock;
  private readonly onTimeout: () => void;

  constructor(clock: Clock, onTimeout: () => void) {
    this.clock = clock;
    this.onTimeout = onTimeout;
  }

  start(ms: number): void {
    this.stop();
    this.timer = this.clock.setTimeout(() => {
      this.timer = null;
      this.onTimeout();
    }, ms);
  }

  /** A stopped countdown, paused with `ms` left (a paused clock restored after a restart). */
  startPaused(ms: number): void {
    this.stop();
    this.pausedLeft = ms;
  }

  stop(): void {
    this.timer?.clear();
    this.timer = null;
    this.pausedLeft = null;
  }

  /** Counting down, or paused: the phase will end without anyone asking. */
  get running(): boolean {
    return this.timer !== null || this.pausedLeft !== null;
  }

  get paused(): boolean {
    return this.pausedLeft !== null;
  }

  /** Milliseconds left (frozen while paused; 0 when stopped). */
  get remainingMs(): number {
    if (this.pausedLeft !== null) return this.pausedLeft;
    if (!this.timer) return 0;
    return Math.max(0, Math.round(this.timer.time - this.timer.elapsedTime));
  }

  pause(): boolean {
    if (!this.timer || this.paused) return false;
    const left = this.remainingMs;
    this.timer.clear();
    this.timer = null;
    this.pausedLeft = left;
    return true;
  }

  resume(): boolean {
    if (this.pausedLeft === null) return false;
    const left = this.pausedLeft;
    this.pausedLeft = null;
    this.start(left);
    return true;
  }

  extend(ms: number): void {
    if (this.pausedLeft !== null) this.pausedLeft += ms;
    else if (this.timer) this.start(this.remainingMs + ms);
  }
}
