import { normaliseCode } from '../rooms/join-codes.ts';

/** The room id of the live match with this join code, or null. */
export type FindByCode = (code: string) => Promise<string | null>;

export interface MatchmakingRefusal {
  status: 403 | 400;
  error: string;
}

/**
 * The code is the gate (docs/security.md): of Colyseus's matchmaking routes
 * only `joinById` with the room's own join code in its options, and
 * `reconnect` (a session's own reconnection token), are let through. A
 * match is created with `POST /api/matches`; matchmaking by room name
 * (`create`, `join`, `joinOrCreate`) would create a match without a host
 * credential or land a stranger in someone else's match, so it is refused
 * before any seat is reserved. `url` is the request's, as sent.
 */
export async function checkMatchmaking(
  url: string | undefined,
  body: unknown,
  findByCode: FindByCode,
): Promise<MatchmakingRefusal | null> {
  let path = (url ?? '/').split('?')[0]!;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape: judged as written.
  }
  const route = /^\/+matchmake\/+(\w+)\/+(.*)$/i.exec(path);
  if (!route) return null;
  const method = route[1]!.toLowerCase();
  const target = route[2]!;
  if (method === 'reconnect') return null;
  if (method !== 'joinbyid')
    return {
      status: 403,
      error:
        'Matches are created with POST /api/matches and joined by their join code (GET /api/join/CODE, then joinById with the code).',
    };
  const code = (body as { code?: unknown } | undefined)?.code;
  if (typeof code !== 'string' || code.length === 0 || code.length > 12)
    return { status: 403, error: 'Join a match with its join code: give it as the option "code".' };
  const roomId = await findByCode(normaliseCode(code));
  if (roomId === null || roomId !== target)
    return { status: 403, error: 'That is not the join code of this match.' };
  return null;
}
