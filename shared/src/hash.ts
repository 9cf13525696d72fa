import type { Scenario } from './scenario/schema.ts';
import type { MatchState, ReadonlyState } from './state.ts';

/**
 * Canonical JSON: object keys sorted, so equal states give equal text
 * whatever order their keys were written in. The server hashes the whole
 * state after every command, so this is written for speed (string
 * concatenation, quoted keys cached); `hash.test.ts` checks it against the
 * plain definition.
 */
export function canonicalJson(value: unknown): string {
  switch (typeof value) {
    case 'number':
      return Number.isFinite(value) ? String(value) : 'null';
    case 'boolean':
      return value ? 'true' : 'false';
    case 'string':
      return JSON.stringify(value);
    case 'object':
      if (value === null) return 'null';
      return Array.isArray(value) ? canonicalArray(value) : canonicalObject(value);
    default:
      return JSON.stringify(value) ?? 'null';
  }
}

function canonicalArray(items: unknown[]): string {
  let text = '[';
  for (let i = 0; i < items.length; i++) {
    if (i > 0) text += ',';
    text += canonicalJson(items[i]);
  }
  return `${text}]`;
}

const quotedKeys = new Map<string, string>();

function canonicalObject(obj: object): string {
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    let quoted = quotedKeys.get(key);
    if (quoted === undefined) {
      quoted = JSON.stringify(key);
      // State keys are a small vocabulary plus ids; a bound keeps odd inputs from growing it.
      if (quotedKeys.size < 10_000) quotedKeys.set(key, quoted);
    }
    text += `${first ? '' : ','}${quoted}:${canonicalJson(item)}`;
    first = false;
  }
  return `${text}}`;
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

const scenarioHashes = new WeakMap<Scenario, string>();

/**
 * A stable hash of a scenario's whole content (actors, regions, cards,
 * texts): a match file records the one it was played on, so a replay on
 * edited content is refused by that name rather than by a state that
 * differs rounds later. Kept per scenario object (a few ms for the main
 * one), which is never changed once loaded, as ctxOf assumes too.
 */
export function scenarioHash(scenario: Scenario): string {
  let hash = scenarioHashes.get(scenario);
  if (hash === undefined) {
    hash = fnv64(canonicalJson(scenario));
    scenarioHashes.set(scenario, hash);
  }
  return hash;
}

/** A deep copy of a state (for snapshots and bots' rollouts; never on the engine's hot path). */
export function cloneState(state: ReadonlyState): MatchState {
  return JSON.parse(JSON.stringify(state)) as MatchState;
}
