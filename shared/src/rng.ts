/**
 * The match's random generator (mulberry32). Its whole state is one unsigned
 * 32-bit number kept inside the match state, so a match is reproducible from
 * its seed and log, and a seat's view can drop it.
 */
export interface RngHolder {
  rng: number;
}

/** Turns any string seed into a 32-bit start state (FNV-1a). */
export function seedToState(seed: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    h ^= seed.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/** A float in [0, 1); advances the holder's state. */
export function nextFloat(holder: RngHolder): number {
  holder.rng = (holder.rng + 0x6d2b79f5) >>> 0;
  let t = holder.rng;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** An integer in [0, n). */
export function nextInt(holder: RngHolder, n: number): number {
  return Math.floor(nextFloat(holder) * n);
}

export function rollD6(holder: RngHolder): number {
  return 1 + nextInt(holder, 6);
}

export function chance(holder: RngHolder, p: number): boolean {
  return nextFloat(holder) < p;
}

/** Fisher–Yates, in place. */
export function shuffle<T>(holder: RngHolder, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = nextInt(holder, i + 1);
    const tmp = items[i]!;
    items[i] = items[j]!;
    items[j] = tmp;
  }
  return items;
}
