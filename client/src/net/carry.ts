import {
  allCredentials,
  loadCredentials,
  type MatchCredentials,
  saveCredentials,
} from './credentials.ts';

/**
 * Taking this browser's matches to another device: the host tokens and seat
 * passes go in the fragment of a link (`/carry#…`), which browsers never
 * send to a server, so no log or proxy sees them. Whoever opens the link
 * holds the seats and the host's key, as this browser does: the page says so.
 */

/** What one match's entry in the link carries. */
type Carried = Pick<
  MatchCredentials,
  'roomId' | 'nickname' | 'code' | 'seat' | 'seatToken' | 'hostToken'
>;

const FIELDS = ['roomId', 'nickname', 'code', 'seat', 'seatToken', 'hostToken'] as const;
/** As many as the server lists for one browser (MAX_OWN_MATCHES). */
const MAX_CARRIED = 200;
/** Ids, codes, tokens and nicknames are short; anything longer is not ours. */
const MAX_FIELD = 128;

function toBase64Url(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): string {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  return new TextDecoder('utf-8', { fatal: true }).decode(
    Uint8Array.from(binary, (c) => c.charCodeAt(0)),
  );
}

/** The link that carries `credentials` (by default every match this browser holds). */
export function carryLink(origin: string, credentials = allCredentials()): string {
  const entries: Carried[] = credentials.slice(0, MAX_CARRIED).map((c) => {
    const entry: Carried = { roomId: c.roomId, nickname: c.nickname };
    for (const f of FIELDS) if (c[f]) entry[f] = c[f];
    return entry;
  });
  return `${origin}/carry#${toBase64Url(JSON.stringify(entries))}`;
}

/**
 * The matches a link's fragment carries, or null when it is not such a link
 * (a fragment anyone may type: every entry is checked, none is trusted).
 */
export function readCarried(fragment: string): Carried[] | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(fromBase64Url(fragment.replace(/^#/, '')));
  } catch {
    return null;
  }
  if (!Array.isArray(parsed) || parsed.length === 0 || parsed.length > MAX_CARRIED) return null;
  const out: Carried[] = [];
  for (const item of parsed) {
    if (typeof item !== 'object' || item === null || Array.isArray(item)) return null;
    const entry: Record<string, string> = {};
    for (const [key, value] of Object.entries(item)) {
      if (!(FIELDS as readonly string[]).includes(key)) return null;
      if (typeof value !== 'string' || value.length > MAX_FIELD) return null;
      entry[key] = value;
    }
    if (!entry.roomId || !(entry.hostToken || entry.seatToken)) return null;
    out.push({ nickname: '', ...entry } as Carried);
  }
  return out;
}

/**
 * Keeps the carried matches on this browser. A match it already holds keeps
 * what it has; the link only fills in what is missing (a host token, a seat).
 * Returns how many matches it added or completed.
 */
export function keepCarried(carried: readonly Carried[]): number {
  let kept = 0;
  for (const entry of carried) {
    const current = loadCredentials(entry.roomId);
    const update: Partial<MatchCredentials> & { roomId: string } = { roomId: entry.roomId };
    if (!current?.nickname && entry.nickname) update.nickname = entry.nickname;
    if (!current?.code && entry.code) update.code = entry.code;
    if (!current?.hostToken && entry.hostToken) update.hostToken = entry.hostToken;
    if (!current?.seatToken && entry.seatToken && entry.seat) {
      update.seat = entry.seat;
      update.seatToken = entry.seatToken;
    }
    if (Object.keys(update).length > 1) {
      saveCredentials(update);
      kept++;
    }
  }
  return kept;
}
