import type { Room } from '@colyseus/sdk';
import type { ServerMessages, ServerMessageType } from '@entanglement/shared';

interface Received {
  type: string;
  payload: unknown;
}

/**
 * Everything one SDK client decoded, in order, so tests can inspect what a
 * client actually received and wait for a message with a timeout.
 */
export class Inbox {
  readonly received: Received[] = [];
  private readonly listeners = new Set<() => void>();

  readonly room: Room;

  constructor(room: Room) {
    this.room = room;
    room.onMessage('*', (type, payload) => {
      this.received.push({ type: String(type), payload });
      for (const listener of [...this.listeners]) listener();
    });
  }

  /** Leaves the room if still connected; never waits more than a second. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([
      this.room.leave().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ]);
  }

  /** The index of the next message: pass it as `since` to wait only for later ones. */
  mark(): number {
    return this.received.length;
  }

  all<K extends ServerMessageType>(type: K): ServerMessages[K][] {
    return this.received.filter((m) => m.type === type).map((m) => m.payload as ServerMessages[K]);
  }

  /** The first message of `type` at or after `since` that satisfies `test`. */
  waitFor<K extends ServerMessageType>(
    type: K,
    test: (payload: ServerMessages[K]) => boolean = () => true,
    since = 0,
    timeoutMs = 5000,
  ): Promise<ServerMessages[K]> {
    const find = () => {
      for (let i = since; i < this.received.length; i++) {
        const m = this.received[i]!;
        if (m.type === type && test(m.payload as ServerMessages[K]))
          return m.payload as ServerMessages[K];
      }
      return undefined;
    };
    const hit = find();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        const seen = this.received.slice(since).map((m) => m.type);
        reject(
          new Error(`No "${type}" message within ${timeoutMs} ms; received: ${seen.join(', ')}`),
        );
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}
