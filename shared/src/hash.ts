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

function quoted(key: string): string {
  let text = quotedKeys.get(key);
  if (text === undefined) {
    text = JSON.stringify(key);
    // State keys are a small vocabulary plus ids; a bound keeps odd inputs from growing it.
    if (quotedKeys.size < 10_000) quotedKeys.set(key, text);
  }
  return text;
}

function canonicalObject(obj: object): string {
  const record = obj as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let text = '{';
  let first = true;
  for (const key of keys) {
    const item = record[key];
    if (item === undefined) continue;
    text += `${first ? '' : ','}${quoted(key)}:${canonicalJson(item)}`;
    first = false;
  }
  return `${text}}`;
}

/**
 * The same string, flattened: canonicalJson builds its text by
 * concatenation, a tree of pieces that takes about three times the memory
 * of the text (StateParts keeps one per part of every live match). Reading
 * it as a number makes V8 copy it into one piece (the trick pino's flatstr
 * uses; reading one character does not).
 */
function flat(text: string): string {
  Number(text);
  return text;
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

/** Top-level records of a state whose entries are parts of their own (one actor changes, not all). */
const RECORDS_BY_ENTRY: ReadonlySet<string> = new Set(['actors', 'drafts', 'ties']);

/** One part's canonical JSON, kept with the plain JSON it was written from, and a version that changes with it. */
interface Part {
  json: string;
  text: string;
  version: number;
}

/**
 * The state hash of one match hashed after every command (the server's
 * room), written part by part: a part is a top-level member of the state,
 * or one entry of `actors`, `drafts` or `ties`. Each part's canonical JSON
 * is kept with its plain JSON (`JSON.stringify`, native, several times
 * faster than the canonical walk) and written again only when that
 * changes; a plain, JSON-like state's canonical JSON is a function of its
 * plain JSON, so the hash is `stateHash`'s (hash.test.ts holds it to that).
 * Each part's `version` changes exactly when its plain JSON does, which
 * tells the server's view encoder what changed without another walk.
 */
export class StateParts {
  private state: MatchState | null = null;
  private step = -1;
  private lastHash = '';
  private parts = new Map<string, Part>();
  /** The version of each decomposed record as a whole (its entries' versions and keys). */
  private records = new Map<string, { key: string; version: number }>();
  private nextVersion = 1;

  /** `stateHash(state)`. The same step of the same state is hashed once: the engine bumps it with every command. */
  hash(state: MatchState): string {
    if (state !== this.state || state.step !== this.step) this.refresh(state);
    return this.lastHash;
  }

  /**
   * A number that changes whenever the plain JSON of this member of the
   * state (or entry: `actors.<id>`) changes; 0 for one the state lacks.
   */
  version(state: MatchState, part: string): number {
    this.hash(state);
    return this.parts.get(part)?.version ?? this.records.get(part)?.version ?? 0;
  }

  private refresh(state: MatchState): void {
    const before = this.parts;
    const parts = new Map<string, Part>();
    const records = new Map<string, { key: string; version: number }>();
    const part = (name: string, value: unknown): Part => {
      const json = JSON.stringify(value) ?? 'undefined';
      let kept = before.get(name);
      if (kept === undefined || kept.json !== json) {
        // The account is not hashed: only its version is wanted.
        const text = name === 'account' ? '' : flat(canonicalJson(value));
        kept = { json, text, version: this.nextVersion++ };
      }
      parts.set(name, kept);
      return kept;
    };
    const record = state as unknown as Record<string, unknown>;
    let text = '{';
    let first = true;
    for (const name of Object.keys(record).sort()) {
      const value = record[name];
      if (value === undefined) continue;
      let member: string;
      if (
        RECORDS_BY_ENTRY.has(name) &&
        value !== null &&
        typeof value === 'object' &&
        !Array.isArray(value)
      ) {
        const entries = value as Record<string, unknown>;
        let versions = '';
        member = '{';
        for (const id of Object.keys(entries).sort()) {
          if (entries[id] === undefined) continue;
          const entry = part(`${name}.${id}`, entries[id]);
          member += `${member.length > 1 ? ',' : ''}${quoted(id)}:${entry.text}`;
          versions += `${id}:${entry.version},`;
        }
        member += '}';
        const kept = this.records.get(name);
        records.set(
          name,
          kept?.key === versions ? kept : { key: versions, version: this.nextVersion++ },
        );
      } else member = part(name, value).text;
      // The account is left out of the hash (see stateHash), but its version is kept for the views.
      if (name === 'account') continue;
      text += `${first ? '' : ','}${quoted(name)}:${member}`;
      first = false;
    }
    this.parts = parts;
    this.records = records;
    this.state = state;
    this.step = state.step;
    this.lastHash = fnv64(`${text}}`);
  }
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
