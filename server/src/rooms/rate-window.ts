/** Actions per key (a person, a seat) in the last `windowMs`: a sliding-window count. */
export class RateWindow {
  private readonly times = new Map<string, number[]>();

  private readonly windowMs: number;

  constructor(windowMs: number) {
    this.windowMs = windowMs;
  }

  /** Whether `key` may act once more now (at most `max` in the window); counts it if so. */
  take(key: string, max: number, now: number): boolean {
    const recent = (this.times.get(key) ?? []).filter((t) => now - t < this.windowMs);
    if (recent.length >= max) {
      this.times.set(key, recent);
      return false;
    }
    recent.push(now);
    this.times.set(key, recent);
    return true;
  }
}
