import { createHash, timingSafeEqual } from 'node:crypto';

/**
 * Host and seat tokens are kept only as SHA-256 hashes: a copy of the
 * database (a backup, a match file) lets nobody take a seat. Tokens are
 * random nanoids of 21+ characters, so a plain hash (no salt, no slow KDF)
 * is enough: there is nothing to guess from a dictionary.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

const HASH = /^[0-9a-f]{64}$/;

/** True for a value shaped like `hashToken`'s output (the store refuses anything else). */
export function isTokenHash(value: string): boolean {
  return HASH.test(value);
}

/** Whether `token` is the one whose hash is `hash`, compared in constant time. */
export function tokenMatches(token: string, hash: string | null): boolean {
  if (hash === null || !isTokenHash(hash)) return false;
  return timingSafeEqual(Buffer.from(hashToken(token), 'hex'), Buffer.from(hash, 'hex'));
}
