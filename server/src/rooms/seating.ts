import type { PersonInfo } from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken, tokenMatches } from '../store/tokens.ts';

interface Person {
  nickname: string;
  seat: string | null;
  /** The lobby's ready mark: reset when the person changes seat. */
  ready: boolean;
}

/**
 * Who is in a match and where they sit: one token per seat (given to every
 * client that claims or rejoins that seat, so a team shares it), and each
 * connected client's nickname and seat (null for spectators).
 *
 * Tokens are checked against their SHA-256 hashes, so a seat restored from
 * the store after a restart (where only the hash is kept) works the same.
 */
export class Seating {
  /** The plain token, while this process knows it (not after a restart). */
  private readonly tokens = new Map<string, string | null>();
  /** The token's hash; null for a seat nobody can claim back (restored bot). */
  private readonly hashes = new Map<string, string | null>();
  private readonly people = new Map<string, Person>();

  constructor(seats: readonly string[]) {
    for (const seat of seats) this.rotate(seat);
  }

  /** Whether `seat` is in play. */
  has(seat: string): boolean {
    return this.hashes.has(seat);
  }

  /** The seat's token, or undefined for a seat not in play or one restored from its hash. */
  token(seat: string): string | undefined {
    return this.tokens.get(seat) ?? undefined;
  }

  /** The SHA-256 hash of the seat's token, or null. */
  tokenHash(seat: string): string | null {
    return this.hashes.get(seat) ?? null;
  }

  /** Whether `given` is the seat's token (constant time). */
  matches(seat: string, given: string): boolean {
    return tokenMatches(given, this.hashes.get(seat) ?? null);
  }

  /** A seat brought back from the store: only its token's hash is known. */
  restore(seat: string, tokenHash: string | null): void {
    if (!this.hashes.has(seat)) return;
    this.tokens.set(seat, null);
    this.hashes.set(seat, tokenHash);
  }

  add(sessionId: string, nickname: string): void {
    this.people.set(sessionId, { nickname, seat: null, ready: false });
  }

  remove(sessionId: string): void {
    this.people.delete(sessionId);
  }

  sit(sessionId: string, seat: string): void {
    const person = this.people.get(sessionId);
    if (!person) return;
    if (person.seat !== seat) person.ready = false;
    person.seat = seat;
  }

  setReady(sessionId: string, ready: boolean): void {
    const person = this.people.get(sessionId);
    if (person) person.ready = ready;
  }

  seatOf(sessionId: string): string | null {
    return this.people.get(sessionId)?.seat ?? null;
  }

  nickname(sessionId: string): string | null {
    return this.people.get(sessionId)?.nickname ?? null;
  }

  /** The people holding `seat` (null: the spectators), in the order they joined. */
  holders(seat: string | null): Omit<PersonInfo, 'muted'>[] {
    const found: Omit<PersonInfo, 'muted'>[] = [];
    for (const [id, person] of this.people)
      if (person.seat === seat) found.push({ id, nickname: person.nickname, ready: person.ready });
    return found;
  }

  /** The first seat of `seats` nobody holds, or null. */
  firstEmpty(seats: readonly string[]): string | null {
    return seats.find((s) => this.holders(s).length === 0) ?? null;
  }

  /** Gives the seat a new token (the old one stops working) and returns it. */
  rotate(seat: string): string {
    const token = nanoid();
    this.tokens.set(seat, token);
    this.hashes.set(seat, hashToken(token));
    return token;
  }

  /** Makes everyone at `seat` a spectator. */
  unseat(seat: string): void {
    for (const person of this.people.values()) if (person.seat === seat) person.seat = null;
  }
}
