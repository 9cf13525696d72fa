import type { Request } from 'express';
import { hashToken, tokenMatches } from '../store/tokens.ts';
import type { MatchStore, StoredMatch } from '../store/types.ts';
import { bearerToken } from './auth.ts';

/** Who may read a finished match: its host, its players, whoever has its link, or anyone once public. */
export type ArchiveRole = 'host' | 'player' | 'link' | 'public';

/**
 * The credential a request shows for a finished match: `Authorization:
 * Bearer <token>` (the host token, a player's pass, or the share key), or
 * the share link's `?key=`.
 */
export function archiveCredential(req: Request): string | null {
  const bearer = bearerToken(req);
  if (bearer !== null) return bearer;
  const key = req.query.key;
  return typeof key === 'string' && key.length > 0 && key.length <= 64 ? key : null;
}

/**
 * How `token` may read `match` (docs/security.md, "Archives"): its host
 * token, a pass one of its players held at its end, or the key of the link
 * its host shares; or anyone, once the host made it public. Null: the match
 * is private to others, and is answered as if it did not exist.
 */
export async function archiveRole(
  store: Pick<MatchStore, 'listSeats'>,
  match: StoredMatch,
  token: string | null,
): Promise<ArchiveRole | null> {
  if (token !== null) {
    if (tokenMatches(token, match.hostTokenHash)) return 'host';
    const hash = hashToken(token);
    const seats = await store.listSeats(match.id);
    if (seats.some((s) => s.passHashes?.includes(hash) || s.tokenHash === hash)) return 'player';
    if (match.shareHash && tokenMatches(token, match.shareHash)) return 'link';
  }
  return match.isPublic ? 'public' : null;
}
