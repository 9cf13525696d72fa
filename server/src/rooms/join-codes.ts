import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH } from '@entanglement/shared';
import { customAlphabet } from 'nanoid';

/** A fresh random join code: 31^6 ≈ 887 million, so a collision is rare and retried. */
export const newJoinCode = customAlphabet(JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH);

/** How many fresh codes to try before giving up (a full registry, or a broken generator). */
export const CLAIM_ATTEMPTS = 100;

/** Codes are typed by people: read them case-insensitively. */
export function normaliseCode(code: string): string {
  return code.trim().toUpperCase();
}

/**
 * The join codes of the live matches: a code is claimed when a match is
 * created and released when its room is disposed, so two live matches never
 * share one. One process keeps them in memory (`JoinCodes`); several
 * processes share them in Redis (`RedisJoinCodes`, docs/deploy.md).
 */
export interface JoinCodeRegistry {
  /** A fresh code, claimed for `roomId`. */
  claim(roomId: string): Promise<string>;
  /** Claims a given code (a match restored after a restart); throws if another room holds it. */
  claimExisting(code: string, roomId: string): Promise<string>;
  /** Frees the code if `roomId` still holds it. */
  release(code: string, roomId: string): Promise<void>;
  /** The room id of a live match, or null. */
  lookup(code: string): Promise<string | null>;
}

class JoinCodes implements JoinCodeRegistry {
  private readonly rooms = new Map<string, string>();

  async claim(roomId: string): Promise<string> {
    for (let attempt = 0; attempt < CLAIM_ATTEMPTS; attempt++) {
      const code = newJoinCode();
      if (!this.rooms.has(code)) {
        this.rooms.set(code, roomId);
        return code;
      }
    }
    throw new Error('Could not find a free join code.');
  }

  async claimExisting(code: string, roomId: string): Promise<string> {
    const upper = normaliseCode(code);
    const holder = this.rooms.get(upper);
    if (holder !== undefined && holder !== roomId)
      throw new Error(`The join code ${upper} is taken by another match.`);
    this.rooms.set(upper, roomId);
    return upper;
  }

  async release(code: string, roomId: string): Promise<void> {
    if (this.rooms.get(code) === roomId) this.rooms.delete(code);
  }

  async lookup(code: string): Promise<string | null> {
    return this.rooms.get(normaliseCode(code)) ?? null;
  }

  get size(): number {
    return this.rooms.size;
  }
}

/** The registry of a single process (the default). */
export const joinCodes = new JoinCodes();
