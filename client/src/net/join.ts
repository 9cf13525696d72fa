import type { CreatedMatch, CreateMatchOptions } from '@entanglement/shared';

/** Finds the live match with this join code (GET /api/join/:code) and returns its room id. */
export async function findMatchByCode(code: string): Promise<string> {
  let res: Response;
  try {
    res = await fetch(`/api/join/${encodeURIComponent(code)}`, {
      headers: { Accept: 'application/json' },
    });
  } catch {
    throw new Error('The server cannot be reached. Check your connection and try again.');
  }
  const body = (await res.json().catch(() => ({}))) as { roomId?: string; error?: string };
  if (!res.ok || typeof body.roomId !== 'string')
    throw new Error(body.error ?? `The server answered ${res.status}.`);
  return body.roomId;
}

/** Creates a match (POST /api/matches): its room id, join code and the host token, for this browser only. */
export async function createMatch(options: CreateMatchOptions): Promise<CreatedMatch> {
  let res: Response;
  try {
    res = await fetch('/api/matches', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify(options),
    });
  } catch {
    throw new Error('The server cannot be reached. Check your connection and try again.');
  }
  const body = (await res.json().catch(() => ({}))) as Partial<CreatedMatch> & { error?: string };
  if (res.status !== 201 || typeof body.roomId !== 'string' || typeof body.hostToken !== 'string')
    throw new Error(body.error ?? `The server answered ${res.status}.`);
  return body as CreatedMatch;
}
