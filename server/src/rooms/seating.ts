import type { PersonInfo } from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken } from '../store/tokens.ts';

interface Person {
  nickname: string;
  seat: string | null;
  /** The hash of the pass this connection holds its seat with (null: a spectator). */
  pass: string | null;
  /** The lobby's ready mark: reset when the person changes seat. */
  ready: boolean;
}

/**
 * Who is in a match and where they sit. Each person at a seat holds a pass
 * of their own (docs/security.md, "Credentials"): several people can share
 * a seat (a team), each with a pass, and no pass is ever given to anyone
 * but the person it was made for. A connection holds a seat only through a
 * pass valid for that seat now; a pass stops being valid when its holder
 * leaves the seat, is removed or the seat is handed to a bot.
 *
 * Only the passes' SHA-256 hashes are kept, so a seat restored from the
 * store after a restart works the same, and nobody's pass changes.
 */
export class Seating {
  private readonly seats: ReadonlySet<string>;
  /** Every valid pass, by its hash: the seat it is for. */
  private readonly passes = new Map<string, string>();
  /** The nickname of the person each pass was made for or last shown by (none for a pass restored and not shown yet). */
  private readonly passNames = new Map<string, string>();
  /** Connected people, by session id. */
  private readonly people = new Map<string, Person>();
  /** When the host has locked seating, people sit only where the host assigns them. */
  locked = false;

  constructor(seats: readonly string[]) {
    this.seats = new Set(seats);
  }

  /** Whether `seat` is in play. */
  has(seat: string): boolean {
    return this.seats.has(seat);
  }

  /** The hashes of the passes valid for `seat`, in the order they were made. */
  passHashes(seat: string): string[] {
    return [...this.passes].filter(([, s]) => s === seat).map(([hash]) => hash);
  }

  /**
   * The nicknames of the people holding a valid pass for `seat`, connected
   * or not; `complete` is false while some pass has no known name yet.
   */
  passHolders(seat: string): { names: string[]; complete: boolean } {
    const hashes = this.passHashes(seat);
    const names = hashes.flatMap((h) => this.passNames.get(h) ?? []);
    return { names, complete: names.length === hashes.length };
  }

  /** A seat brought back from the store: the passes that were valid for it. */
  restore(seat: string, passHashes: readonly string[]): void {
    if (!this.seats.has(seat)) return;
    for (const hash of passHashes) this.passes.set(hash, seat);
  }

  add(sessionId: string, nickname: string): void {
    this.people.set(sessionId, { nickname, seat: null, pass: null, ready: false });
  }

  /** The connection is gone; its pass stays valid (a reload, a restart: its holder comes back). */
  remove(sessionId: string): void {
    this.people.delete(sessionId);
  }

  /**
   * A new pass for the person at `seat`, which only they are sent; a pass
   * they held for another seat is revoked (they left that seat). Returns
   * the pass and the sessions that lost a seat with the old pass.
   */
  issue(sessionId: string, seat: string): { pass: string; revoked: string[] } | null {
    const person = this.people.get(sessionId);
    if (!person || !this.seats.has(seat)) return null;
    const revoked = person.pass !== null ? this.revoke(sessionId).sessions : [];
    const pass = nanoid();
    const hash = hashToken(pass);
    this.passes.set(hash, seat);
    this.passNames.set(hash, person.nickname);
    this.bindHash(person, seat, hash);
    return { pass, revoked: revoked.filter((id) => id !== sessionId) };
  }

  /** Binds the connection to `seat` with the pass `token` if it is valid for that seat now. */
  bind(sessionId: string, seat: string, token: string): boolean {
    const person = this.people.get(sessionId);
    const hash = hashToken(token);
    if (!person || this.passes.get(hash) !== seat) return false;
    this.passNames.set(hash, person.nickname);
    this.bindHash(person, seat, hash);
    return true;
  }

  private bindHash(person: Person, seat: string, hash: string): void {
    if (person.seat !== seat) person.ready = false;
    person.seat = seat;
    person.pass = hash;
  }

  /**
   * Whether the connection holds `seat` now with a valid pass, and `token`
   * is that pass: a command, chat line or reflection for the seat is
   * accepted only then.
   */
  holds(sessionId: string, seat: string, token: string): boolean {
    const person = this.people.get(sessionId);
    if (!person || person.seat !== seat || person.pass === null) return false;
    if (this.passes.get(person.pass) !== seat) return false;
    // Both are SHA-256 digests: comparing them leaks nothing of the pass.
    return hashToken(token) === person.pass;
  }

  /** The seat a pass is valid for now, or null (unknown or revoked). */
  seatOfPass(token: string): string | null {
    return this.passes.get(hashToken(token)) ?? null;
  }

  /** The hash of the pass the connection holds its seat with, or null. */
  passOf(sessionId: string): string | null {
    return this.people.get(sessionId)?.pass ?? null;
  }

  /**
   * Revokes the connection's pass (leaving the seat, removal by the host):
   * every connection holding that pass becomes a spectator. Returns the seat
   * and those sessions.
   */
  revoke(sessionId: string): { seat: string | null; sessions: string[] } {
    const person = this.people.get(sessionId);
    if (!person || person.pass === null) return { seat: null, sessions: [] };
    const hash = person.pass;
    const seat = this.passes.get(hash) ?? null;
    this.passes.delete(hash);
    this.passNames.delete(hash);
    return { seat, sessions: this.unbind((p) => p.pass === hash) };
  }

  /** Revokes every pass of `seat` (a bot takes it over): its people become spectators. */
  revokeSeat(seat: string): string[] {
    for (const hash of this.passHashes(seat)) {
      this.passes.delete(hash);
      this.passNames.delete(hash);
    }
    return this.unbind((p) => p.seat === seat);
  }

  private unbind(test: (person: Person) => boolean): string[] {
    const sessions: string[] = [];
    for (const [id, person] of this.people) {
      if (!test(person)) continue;
      person.seat = null;
      person.pass = null;
      person.ready = false;
      sessions.push(id);
    }
    return sessions;
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
}
