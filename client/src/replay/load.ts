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
export async function fetchMatchFile(matchId: string): Promise<ArchivedMatch> {
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
  const extra = body as { annotations?: Note[]; reflections?: Reflection[] };
  return {
    file: parsed.data,
    annotations: Array.isArray(extra.annotations) ? extra.annotations : [],
    reflections: Array.isArray(extra.reflections) ? extra.reflections : [],
  };
}

/** A teacher's note pinned to a round and phase. */
export interface Note {
  id: number;
  round: number;
  phase: string;
  text: string;
  at: number;
}

/** A player's one line on why their seat did what it did (or how it was entrapped). */
export interface Reflection {
  id: number;
  seat: string;
  round: number;
  phase: string;
  eventType: string;
  crisis?: string;
  text: string;
  at: number;
}

/** The match file with what the archive keeps beside it. */
export interface ArchivedMatch {
  file: MatchFileInput;
  annotations: Note[];
  reflections: Reflection[];
}

/** Pins a note (host only: the server checks the host token). Resolves with the saved note. */
export async function addNote(
  matchId: string,
  note: { round: number; phase: string; text: string },
): Promise<Note> {
  const token = hostTokenFor(matchId);
  const res = await fetch(`/api/matches/${encodeURIComponent(matchId)}/annotations`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token ?? ''}` },
    body: JSON.stringify(note),
  });
  const body = (await res.json().catch(() => ({}))) as Note & { error?: string };
  if (!res.ok) throw new Error(body.error ?? `The server answered ${res.status}.`);
  return body;
}

export async function deleteNote(matchId: string, id: number): Promise<void> {
  const token = hostTokenFor(matchId);
  const res = await fetch(`/api/matches/${encodeURIComponent(matchId)}/annotations/${id}`, {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${token ?? ''}` },
  });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: string };
    throw new Error(body.error ?? `The server answered ${res.status}.`);
  }
}
