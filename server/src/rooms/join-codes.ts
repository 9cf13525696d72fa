import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@entanglement/shared';
import { customAlphabet } from 'nanoid';

const newCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/**
 * The join codes of the live matches in this process: a code is claimed when a
 * match is created and released when its room is disposed, so two live
 * matches never share one. 31^6 ≈ 887 million codes; a collision is retried.
 */
export class JoinCodes {
  private readonly rooms = new Map<string, string>();

  /** A fresh code, claimed for `roomId`. */
  claim(roomId: string): string {
    for (let attempt = 0; attempt < 100; attempt++) {
      const code = newCode();
      if (!this.rooms.has(code)) {
        this.rooms.set(code, roomId);
        return code;
      }
    }
    throw new Error('Could not find a free join code.');
  }

  /** Claims a given code (a match restored after a restart); throws if another room holds it. */
  claimExisting(code: string, roomId: string): string {
    const upper = code.trim().toUpperCase();
    const holder = this.rooms.get(upper);
    if (holder !== undefined && holder !== roomId)
      throw new Error(`The join code ${upper} is taken by another match.`);
    this.rooms.set(upper, roomId);
    return upper;
  }

  release(code: string): void {
    this.rooms.delete(code);
  }

  /** The room id of a live match, or null. Codes are read case-insensitively. */
  lookup(code: string): string | null {
    return this.rooms.get(code.trim().toUpperCase()) ?? null;
  }

  get size(): number {
    return this.rooms.size;
  }
}

/** The process's registry (one Colyseus server per process). */
export const joinCodes = new JoinCodes();
