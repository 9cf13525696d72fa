import type { Ctx } from './ctx.ts';
import { RULES } from './rules.ts';
import type { Rider } from './scenario/schema.ts';
import type { MatchState, ReadonlyState, TieState } from './state.ts';
import { ALLIANCE, DIALOGUE, levelOf } from './vocabulary.ts';

/** The key of a pair's tie: the two ids in sorted order. */
export function tieKey(a: string, b: string): string {
  return a < b ? `${a}|${b}` : `${b}|${a}`;
}

/** A pair's own tie: as writable as the state it is read from. */
export function getTie<S extends ReadonlyState>(
  state: S,
  a: string,
  b: string,
): S['ties'][string] | undefined {
  return state.ties[tieKey(a, b)] as S['ties'][string] | undefined;
}

/**
 * Every tie of a state as an array, cached per ties object. Iterating the
 * ties record itself (a large dictionary) costs a fresh key list each time,
 * and resolution walks the ties many times a round. Ties are never removed
 * and are only created by ensureTie, which keeps the cached list current; a
 * copied state (a new ties object) gets a new list on first use.
 */
const tieLists = new WeakMap<Record<string, TieState>, TieState[]>();

export function tieList(state: MatchState): TieState[] {
  let list = tieLists.get(state.ties);
  if (!list) {
    list = Object.values(state.ties);
    tieLists.set(state.ties, list);
  }
  return list;
}

/** The tie entry for a pair, created at level none when missing. */
export function ensureTie(state: MatchState, a: string, b: string): TieState {
  const key = tieKey(a, b);
  let tie = state.ties[key];
  if (!tie) {
    const [x, y] = a < b ? [a, b] : [b, a];
    tie = {
      a: x,
      b: y,
      level: 0,
      frozenBy: null,
      noRiseBefore: 0,
      notice: null,
      riders: [],
      blocSuspended: false,
    };
    state.ties[key] = tie;
    tieLists.get(state.ties)?.push(tie);
  }
  return tie;
}

/**
 * Calls `fn` with each standing rider of a tie that still works: the tie
 * stands at or above the level the rider was made at (blocs are looked up
 * only when the pair's own level falls short).
 */
export function forEachWorkingRider(
  ctx: Ctx,
  state: MatchState,
  tie: TieState,
  fn: (rider: Rider) => void,
): void {
  let shown = -1;
  for (const r of tie.riders) {
    if (tie.level < r.level) {
      if (shown < 0) shown = tieLevel(ctx, state, tie.a, tie.b);
      if (shown < r.level) continue;
    }
    fn(r.rider);
  }
}

/** Institutions both actors belong to. */
export function sharedBlocs(ctx: Ctx, state: MatchState, a: string, b: string): string[] {
  const out: string[] = [];
  for (const id in state.blocs) {
    const members = state.blocs[id]!;
    if (members.includes(a) && members.includes(b) && ctx.institution[id]) out.push(id);
  }
  return out;
}

/** The level a pair shows: the higher of its own and its blocs' (docs/rules.md §4.2). */
export function tieLevel(ctx: Ctx, readOnlyState: ReadonlyState, a: string, b: string): number {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const tie = state.ties[tieKey(a, b)];
  let level = tie?.level ?? 0;
  if (tie?.blocSuspended) return level;
  // Hot path: no array of shared blocs is built.
  for (const id in state.blocs) {
    const inst = ctx.institution[id];
    if (!inst) continue;
    const members = state.blocs[id]!;
    if (members.includes(a) && members.includes(b)) level = Math.max(level, levelOf(inst.level));
  }
  return level;
}

/**
 * The level at which `from` stands behind `to` when `to` is in a crisis: its
 * own tie, or a bloc that really brings power — any NATO-style alliance, and
 * a paper alliance only through its leader. Coordination and economic blocs
 * never call anyone.
 */
export function bondLevel(ctx: Ctx, state: MatchState, from: string, to: string): number {
  const tie = state.ties[tieKey(from, to)];
  let level = tie?.level ?? 0;
  if (tie?.blocSuspended) return level;
  for (const id in state.blocs) {
    const inst = ctx.institution[id];
    if (!inst) continue;
    if (inst.kind !== 'alliance' && !(inst.kind === 'paperAlliance' && inst.leader === from))
      continue;
    const members = state.blocs[id]!;
    if (members.includes(from) && members.includes(to))
      level = Math.max(level, levelOf(inst.level));
  }
  return level;
}

export interface Bond {
  level: number;
  /** The bloc that carries the bond when the pair's own tie is lower. */
  bloc: string | null;
}

/**
 * `bondLevel(x, to)` and `bondingBloc(x, to)` for every actor x at once, in
 * one pass over the ties and blocs (the crisis code asks this for every actor).
 * Actors with no bond are absent.
 */
export function bondsTo(
  ctx: Ctx,
  state: MatchState,
  to: string,
  adjacency: Adjacency = adjacencyOf(state),
): Map<string, Bond> {
  const out = new Map<string, Bond>();
  for (const t of adjacency.get(to) ?? [])
    out.set(t.a === to ? t.b : t.a, { level: t.level, bloc: null });
  for (const id in state.blocs) {
    const inst = ctx.institution[id];
    const members = state.blocs[id]!;
    if (!inst || !members.includes(to)) continue;
    if (inst.kind !== 'alliance' && inst.kind !== 'paperAlliance') continue;
    const level = levelOf(inst.level);
    for (const from of members) {
      if (from === to || (inst.kind === 'paperAlliance' && inst.leader !== from)) continue;
      if (state.ties[tieKey(from, to)]?.blocSuspended) continue;
      const own = out.get(from);
      if (!own || own.level < level)
        out.set(from, {
          level,
          bloc: level >= ALLIANCE && (own?.level ?? 0) < ALLIANCE ? id : null,
        });
    }
  }
  return out;
}

/**
 * For every actor, how many others it is tied to at `min` or above (shown
 * level), in one pass over the ties and blocs instead of one lookup per pair.
 */
export function partnerCounts(ctx: Ctx, state: MatchState, min: number): Record<string, number> {
  const out: Record<string, number> = {};
  for (const id of ctx.actorIds) out[id] = 0;
  for (const t of tieList(state)) {
    if (t.level < min) continue;
    out[t.a] = (out[t.a] ?? 0) + 1;
    out[t.b] = (out[t.b] ?? 0) + 1;
  }
  // Pairs lifted to `min` only by a bloc, each counted once even when two blocs share it.
  const viaBloc = new Set<string>();
  for (const id in state.blocs) {
    const inst = ctx.institution[id];
    if (!inst || levelOf(inst.level) < min) continue;
    const members = state.blocs[id]!;
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const key = tieKey(members[i]!, members[j]!);
        const own = state.ties[key];
        if (own?.blocSuspended || (own && own.level >= min) || viaBloc.has(key)) continue;
        viaBloc.add(key);
        out[members[i]!] = (out[members[i]!] ?? 0) + 1;
        out[members[j]!] = (out[members[j]!] ?? 0) + 1;
      }
  }
  return out;
}

/** Every other actor with a tie to `a` at `min` or above (shown level). */
export function partnersAtLeast(ctx: Ctx, state: MatchState, a: string, min: number): string[] {
  const out: string[] = [];
  for (const b of ctx.actorIds) if (b !== a && tieLevel(ctx, state, a, b) >= min) out.push(b);
  return out;
}

/**
 * The treaties an actor holds, an alliance-level institution counting once
 * (docs/rules.md §3: Autonomy's maximum is 10 minus this).
 */
export function treatyCount(ctx: Ctx, state: MatchState, a: string, adjacency?: Adjacency): number {
  let count = 0;
  const viaBloc = new Set<string>();
  for (const id in state.blocs) {
    const inst = ctx.institution[id];
    if (!inst || (inst.kind !== 'alliance' && inst.kind !== 'paperAlliance')) continue;
    if (levelOf(inst.level) < ALLIANCE || !state.blocs[id]!.includes(a)) continue;
    count++;
    for (const m of state.blocs[id]!) viaBloc.add(m);
  }
  if (adjacency) {
    for (const t of adjacency.get(a) ?? [])
      if (t.level >= ALLIANCE && !viaBloc.has(t.a === a ? t.b : t.a)) count++;
    return count;
  }
  for (const t of tieList(state)) {
    if (t.level < ALLIANCE || (t.a !== a && t.b !== a)) continue;
    const other = t.a === a ? t.b : t.a;
    if (!viaBloc.has(other)) count++;
  }
  return count;
}

export function autonomyCap(ctx: Ctx, state: MatchState, a: string, adjacency?: Adjacency): number {
  return Math.max(0, RULES.autonomyCapBase - treatyCount(ctx, state, a, adjacency));
}

/**
 * How many partners share what `lender` lends at `level` or above: its ties
 * at that level, an institution counting once (docs/rules.md §7.6).
 */
/** Each actor's own ties above none, built in one pass for code that asks about many actors. */
export type Adjacency = Map<string, TieState[]>;

export function adjacencyOf(state: MatchState): Adjacency {
  const out: Adjacency = new Map();
  for (const t of tieList(state)) {
    if (t.level === 0) continue;
    const a = out.get(t.a);
    if (a) a.push(t);
    else out.set(t.a, [t]);
    const b = out.get(t.b);
    if (b) b.push(t);
    else out.set(t.b, [t]);
  }
  return out;
}

export function lendingShareCount(
  ctx: Ctx,
  state: MatchState,
  lender: string,
  level: number,
  adjacency?: Adjacency,
): number {
  let count = 0;
  const counted = new Set<string>();
  for (const id in state.blocs) {
    const members = state.blocs[id]!;
    const inst = ctx.institution[id];
    if (!inst || !members.includes(lender)) continue;
    const lends =
      inst.kind === 'alliance' || (inst.kind === 'paperAlliance' && inst.leader === lender);
    if (!lends || levelOf(inst.level) < level) continue;
    count++;
    for (const m of members) counted.add(m);
  }
  if (adjacency) {
    for (const t of adjacency.get(lender) ?? [])
      if (t.level >= level && !counted.has(t.a === lender ? t.b : t.a)) count++;
    return Math.max(1, count);
  }
  for (const t of tieList(state)) {
    if (t.level < level || (t.a !== lender && t.b !== lender)) continue;
    const other = t.a === lender ? t.b : t.a;
    if (!counted.has(other)) count++;
  }
  return Math.max(1, count);
}

export function hasDialogue(ctx: Ctx, state: MatchState, a: string, b: string): boolean {
  return tieLevel(ctx, state, a, b) >= DIALOGUE;
}
