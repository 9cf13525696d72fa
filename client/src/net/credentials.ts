/**
 * What this browser holds for a match: kept in localStorage so that a closed
 * tab or a reloaded page returns to the same seat (and, for the host, the host
 * token). Tokens never leave this browser except to this match's server.
 */
export interface MatchCredentials {
  roomId: string;
  nickname: string;
  /** The join code: the gate of the match (every connection shows it). */
  code?: string;
  seat?: string;
  seatToken?: string;
  hostToken?: string;
  savedAt: number;
}

const PREFIX = 'entanglement:match:';
const NICKNAME_KEY = 'entanglement:nickname';
/** Credentials of matches older than this are dropped when the page starts. */
const KEEP_MS = 14 * 24 * 3600 * 1000;
/**
 * A host token is the teacher's only key to the match's archive (archives
 * are private): kept a year.
 */
const KEEP_HOSTED_MS = 365 * 24 * 3600 * 1000;

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    // Private modes may refuse storage: the game still works, a reload just forgets the seat.
    return null;
  }
}

export function loadCredentials(roomId: string): MatchCredentials | null {
  const raw = storage()?.getItem(PREFIX + roomId);
  if (!raw) return null;
  try {
    const parsed = JSON.parse(raw) as MatchCredentials;
    return parsed.roomId === roomId ? parsed : null;
  } catch {
    return null;
  }
}

export function saveCredentials(update: Partial<MatchCredentials> & { roomId: string }): void {
  const current = loadCredentials(update.roomId);
  const next = { nickname: '', ...current, ...update, savedAt: Date.now() };
  storage()?.setItem(PREFIX + update.roomId, JSON.stringify(next));
}

/**
 * A rematch opens to the host token and the passes of the match it follows
 * (the server copied their hashes): this browser keeps them for it too.
 */
export function keepForRematch(
  from: MatchCredentials,
  rematch: { roomId: string; code?: string },
): void {
  const { nickname, seat, seatToken, hostToken } = from;
  saveCredentials({
    roomId: rematch.roomId,
    code: rematch.code,
    nickname,
    seat,
    seatToken,
    hostToken,
  });
}

/** Every match this browser holds a credential for (host token or seat pass). */
export function allCredentials(): MatchCredentials[] {
  const store = storage();
  if (!store) return [];
  const found: MatchCredentials[] = [];
  for (let i = 0; i < store.length; i++) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    const saved = loadCredentials(key.slice(PREFIX.length));
    if (saved && (saved.hostToken || saved.seatToken)) found.push(saved);
  }
  return found;
}

export function forgetOldCredentials(now = Date.now()): void {
  const store = storage();
  if (!store) return;
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const saved = JSON.parse(store.getItem(key) ?? '') as MatchCredentials;
      const keep = saved.hostToken ? KEEP_HOSTED_MS : KEEP_MS;
      if (now - saved.savedAt > keep) store.removeItem(key);
    } catch {
      store.removeItem(key);
    }
  }
}

/** The nickname last used on this browser, to prefill forms. */
export function lastNickname(): string {
  return storage()?.getItem(NICKNAME_KEY) ?? '';
}

export function rememberNickname(nickname: string): void {
  storage()?.setItem(NICKNAME_KEY, nickname);
}

const RECONNECT_PREFIX = 'entanglement:reconnect:';

/**
 * The SDK's token that resumes this tab's session after a short drop. Kept per
 * tab (sessionStorage): a second tab, such as the projector, must not take
 * over the first tab's session.
 */
export function loadReconnection(roomId: string): string | null {
  try {
    return window.sessionStorage.getItem(RECONNECT_PREFIX + roomId);
  } catch {
    return null;
  }
}

export function saveReconnection(roomId: string, token: string | null): void {
  try {
    if (token) window.sessionStorage.setItem(RECONNECT_PREFIX + roomId, token);
    else window.sessionStorage.removeItem(RECONNECT_PREFIX + roomId);
  } catch {
    // Without storage a reload joins as a new session and rejoins the seat by its token.
  }
}
