import {
  type Annotation,
  API_ROUTES,
  type MatchFileInput,
  type Phase,
  type Reflection,
} from '@entanglement/shared';
import { ApiError, apiPath, callApi, callApiEmpty } from '../net/api.ts';
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
function archiveHeaders(matchId: string): Record<string, string> {
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
 * answer is checked against its route's schema (the match-file schema with
 * the notes and reflections kept beside it) before use.
 */
export async function fetchMatchFile(matchId: string): Promise<ArchivedMatch> {
  const isHost = hostTokenFor(matchId) !== null;
  const route = API_ROUTES.matchFile;
  const url = apiPath(route, { id: matchId }, isHost ? { chat: 'all' } : {});
  const { annotations, reflections, ...file } = await callApi(route, 200, url, {
    headers: archiveHeaders(matchId),
  }).catch((error: unknown) => {
    throw error instanceof ApiError && error.malformed
      ? new Error(`The match file is not valid: ${error.problems.join('; ')}`)
      : error;
  });
  return { file, annotations, reflections };
}

/** A teacher's note pinned to a round and phase. */
export type Note = Annotation;
export type { Reflection };

/** The match file with what the archive keeps beside it. */
export interface ArchivedMatch {
  file: MatchFileInput;
  annotations: Note[];
  reflections: Reflection[];
}

/** Pins a note (host only: the server checks the host token). Resolves with the saved note. */
export function addNote(
  matchId: string,
  note: { round: number; phase: Phase; text: string },
): Promise<Note> {
  const route = API_ROUTES.addAnnotation;
  return callApi(route, 201, apiPath(route, { id: matchId }), {
    body: note,
    token: hostTokenFor(matchId) ?? '',
  });
}

export function deleteNote(matchId: string, id: number): Promise<void> {
  const route = API_ROUTES.deleteAnnotation;
  return callApiEmpty(route, apiPath(route, { id: matchId, note: id }), {
    token: hostTokenFor(matchId) ?? '',
  });
}
