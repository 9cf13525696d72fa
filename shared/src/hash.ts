import type { MatchState } from './state.ts';

/**
 * Canonical JSON: object keys sorted, so equal states give equal text
 * whatever order their keys were written in.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${canonicalJson(obj[k])}`).join(',')}}`;
}

/** 64-bit FNV-1a (as two 32-bit lanes) of a string, in hex. */
function fnv64(text: string): string {
  let h1 = 0x811c9dc5;
  let h2 = 0xcbf29ce4;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 0x01000193);
    h2 = Math.imul(h2 ^ c, 0x01000197);
  }
  return (h1 >>> 0).toString(16).padStart(8, '0') + (h2 >>> 0).toString(16).padStart(8, '0');
}

/**
 * A stable hash of the whole match state. The round's account is left out:
 * it is derived from the commands, and leaving it out keeps the hash about
 * the game itself.
 */
export function stateHash(state: MatchState): string {
  const { account: _account, ...rest } = state;
  return fnv64(canonicalJson(rest));
}

/** A deep copy of a state (for snapshots and bots' rollouts; never on the engine's hot path). */
export function cloneState(state: MatchState): MatchState {
  return JSON.parse(JSON.stringify(state)) as MatchState;
}
