import type { Logger } from 'pino';
import type { MatchLog } from './match-log-port.ts';

/**
 * The room's writes to the store, one after another in the order they were
 * queued: commands, seats, the clock, chat and the archive reach the store
 * in the order they happened. Without a store every write is done at once.
 */
export class WriteQueue {
  private tail: Promise<void> = Promise.resolve();
  private readonly log: () => Logger;
  store: MatchLog | null = null;

  /** `log`: the match's log (its room id is known only once the room is set up). */
  constructor(log: () => Logger) {
    this.log = log;
  }

  /** Queues a write after every earlier one; resolves once it is committed, rejects if it failed. */
  chain(what: string, write: (store: MatchLog) => Promise<void>): Promise<void> {
    const store = this.store;
    if (!store) return Promise.resolve();
    const done = this.tail.then(() => write(store));
    this.tail = done.catch((error: unknown) => {
      this.log().error({ err: error }, `could not ${what}`);
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
      this.log().error({ err: error }, 'could not send updates');
    });
  }

  /** Resolves once every write queued so far has settled. */
  settled(): Promise<void> {
    return this.tail;
  }
}
