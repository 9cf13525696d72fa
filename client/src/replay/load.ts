import { type MatchFileInput, MatchFileSchema, matchFileProblems } from '@entanglement/shared';
import { loadCredentials } from '../net/credentials.ts';

/** The host token this browser holds for a match (the teacher who ran it), if any. */
export function hostTokenFor(matchId: string): string | null {
  return loadCredentials(matchId)?.hostToken ?? null;
}

const SHARE_PREFIX = 'entanglement:share:';

/**
 * The key of the link a host shared for a match (`/replay/ID?key=…`), kept
 * for this tab once the page was opened with it.
 */
function shareKeyFor(matchId: string): string | null {
  const fromLink = new URLSearchParams(location.search).get('key');
  try {
    if (fromLink && location.pathname === `/replay/${encodeURIComponent(matchId)}`)
      window.sessionStorage.setItem(SHARE_PREFIX + matchId, fromLink);
    return window.sessionStorage.getItem(SHARE_PREFIX + matchId) ?? fromLink;
  } catch {
    return fromLink;
  }
}

/**
 * What opens a finished match for this browser (archives are private): its
 * host token, the pass this browser held a seat with, or a shared link's key.
 */
export function archiveCredentialFor(matchId: string): string | null {
  const saved = loadCredentials(matchId);
  return saved?.hostToken ?? saved?.seatToken ?? shareKeyFor(matchId);
}

/** The request headers that show this browser's credential for the match, if it has one. */
export function archiveHeaders(matchId: string): Record<string, string> {
  const token = archiveCredentialFor(matchId);
  return token ? { Authorization: `Bearer ${token}` } : {};
}

/**
 * A button that downloads one of the match's documents with this
 * browser's credential (a plain link could not show it).
 */
export function downloadButton(
  matchId: string,
  path: string,
  filename: string,
  label: string,
  className = 'button button--small',
): HTMLElement {
  const button = document.createElement('button');
  button.type = 'button';
  button.className = className;
  button.textContent = label;
  button.addEventListener('click', () => {
    void fetch(path, { headers: archiveHeaders(matchId) }).then(async (res) => {
      if (!res.ok) {
        button.textContent = `${label}: not available (${res.status})`;
        return;
      }
      const url = URL.createObjectURL(await res.blob());
      const a = document.createElement('a');
      a.href = url;
      a.download = filename;
      a.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    });
  });
  return button;
}

/**
 * The archived match file. The match's host (this browser holds its host
 * token) gets every chat line, private ones included; its players and
 * whoever has its link the public lines (as anyone, once it is public). The
 * file is checked against the match-file schema before use.
 */
export async function fetchMatchFile(matchId: string): Promise<ArchivedMatch> {
  const isHost = hostTokenFor(matchId) !== null;
  const res = await fetch(
    `/api/matches/${encodeURIComponent(matchId)}${isHost ? '?chat=all' : ''}`,
    { headers: { Accept: 'application/json', ...archiveHeaders(matchId) } },
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
