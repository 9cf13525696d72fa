import type { Request } from 'express';
import { tokenMatches } from '../store/tokens.ts';

/** The token of an `Authorization: Bearer <token>` header, or null. */
export function bearerToken(req: Request): string | null {
  const header = req.get('authorization');
  const match = header?.match(/^Bearer\s+(\S+)\s*$/i);
  return match ? match[1]! : null;
}

export type HostCheck = { ok: true } | { ok: false; status: 401 | 403; error: string };

/**
 * Whether the request carries the match's host token. The store keeps only
 * its hash, compared in constant time (tokens.ts).
 */
export function checkHost(req: Request, hostTokenHash: string): HostCheck {
  const token = bearerToken(req);
  if (token === null) {
    return {
      ok: false,
      status: 401,
      error: "This needs the match's host token, sent as an Authorization: Bearer <token> header.",
    };
  }
  if (!tokenMatches(token, hostTokenHash)) {
    return {
      ok: false,
      status: 403,
      error: "That token is not this match's host token: only the match's host may do this.",
    };
  }
  return { ok: true };
}
