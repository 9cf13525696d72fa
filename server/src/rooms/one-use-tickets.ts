import { nanoid } from 'nanoid';

/**
 * Values handed to a room through its create options by a ticket only this
 * process issues, each taken once (a creation, a restore): Colyseus's own
 * matchmaking cannot forge one, and a used ticket is gone.
 */
export class OneUseTickets<Field extends string, T> {
  private readonly held = new Map<string, T>();
  private readonly field: Field;

  /** `field`: the create option that carries the ticket. */
  constructor(field: Field) {
    this.field = field;
  }

  /** The create options that hand `value` to the room. */
  offer(value: T): Record<Field, string> {
    const ticket = nanoid();
    this.held.set(ticket, value);
    return { [this.field]: ticket } as Record<Field, string>;
  }

  /** The value behind create options holding a valid ticket (used once), or null. */
  take(options: unknown): T | null {
    if (typeof options !== 'object' || options === null) return null;
    const ticket = (options as Record<string, unknown>)[this.field];
    if (typeof ticket !== 'string') return null;
    const found = this.held.get(ticket) ?? null;
    this.held.delete(ticket);
    return found;
  }
}
