import type { MatchLog } from './match-room.ts';

/**
 * The room's writes to the store, one after another in the order they were
 * queued: commands, seats, the clock, chat and the archive reach the store
 * in the order they happened. Without a store every write is done at once.
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly label: () => string;
  store: MatchLog | null = null;

  constructor(label: () => string) {
    this.label = label;
  }

  /** Queues a write after every earlier one; resolves once it is committed, rejects if it failed. */
  chain(what: string, write: (store: MatchLog) => Promise<void>): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const done = this.tail.then(() => write(store));
    this.tail = done.catch((error: unknown) => {
      console.error(`${this.label()}: could not ${what}:`, error);
    });
    return done;
  }

  /** Like `chain`, for writes nobody waits on: a failure is only logged. */
  enqueue(what: string, write: (store: MatchLog) => Promise<void>): void {
    this.chain(what, write).catch(() => undefined);
  }

  /** Runs `fn` once every write queued so far has settled (at once without a store). */
  afterWrites(fn: () => void): void {
    if (!this.store) {
      fn();
      return;
    }
    this.tail.then(fn).catch((error: unknown) => {
      console.error(`${this.label()}: could not send updates:`, error);
    });
  }

  /** Resolves once every write queued so far has settled. */
  settled(): Promise<void> {
    return this.tail;
  }
}
