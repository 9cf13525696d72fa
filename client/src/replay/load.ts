import { type MatchFileInput, MatchFileSchema, matchFileProblems } from '@entanglement/shared';
import { loadCredentials } from '../net/credentials.ts';

/** The host token this browser holds for a match (the teacher who ran it), if any. */
export function hostTokenFor(matchId: string): string | null {
  return loadCredentials(matchId)?.hostToken ?? null;
}

/**
 * The archived match file. The match's host (this browser holds its host
 * token) gets every chat line, private ones included; anyone else the public
 * lines. The file is checked against the match-file schema before use.
 */
export async function fetchMatchFile(matchId: string): Promise<MatchFileInput> {
  const token = hostTokenFor(matchId);
  const res = await fetch(
    `/api/matches/${encodeURIComponent(matchId)}${token ? '?chat=all' : ''}`,
    {
      headers: {
        Accept: 'application/json',
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
    },
  );
  const body: unknown = await res.json().catch(() => null);
  if (!res.ok) {
    const reason = (body as { error?: string } | null)?.error;
    throw new Error(reason ?? `The server answered ${res.status}.`);
  }
  const parsed = MatchFileSchema.safeParse(body);
  if (!parsed.success)
    throw new Error(`The match file is not valid: ${matchFileProblems(parsed.error).join('; ')}`);
  return parsed.data;
}
