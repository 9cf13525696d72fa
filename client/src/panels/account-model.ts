import {
  type DeepReadonly,
  describeEvent,
  type EngineEvent,
  type Scenario,
} from '@entanglement/shared';

export type AccountMark = 'entrapment' | 'abandonment' | null;

export interface AccountLine {
  text: string;
  mark: AccountMark;
}

export interface AccountRound {
  round: number;
  lines: AccountLine[];
}

/** The events shown as a list: entrapment and abandonment are marked (words and an icon, not only colour). */
export function accountGroups(
  scenario: Scenario,
  events: readonly DeepReadonly<EngineEvent>[],
): AccountRound[] {
  const byRound = new Map<number, AccountLine[]>();
  for (const e of events) {
    const mark: AccountMark =
      e.type === 'entrapment' ? 'entrapment' : e.type === 'abandonment' ? 'abandonment' : null;
    const lines = byRound.get(e.round) ?? [];
    lines.push({ text: describeEvent(scenario, e), mark });
    byRound.set(e.round, lines);
  }
  return [...byRound.entries()]
    .sort((a, b) => b[0] - a[0])
    .map(([round, lines]) => ({ round, lines }));
}

/**
 * The account a panel remembers: a view carries only the current round's
 * events, so earlier rounds are kept as last seen. A round's latest account
 * replaces what was kept for it.
 */
export function mergeAccount(
  kept: ReadonlyMap<number, readonly DeepReadonly<EngineEvent>[]>,
  account: readonly DeepReadonly<EngineEvent>[],
): Map<number, readonly DeepReadonly<EngineEvent>[]> {
  const out = new Map(kept);
  const rounds = new Map<number, DeepReadonly<EngineEvent>[]>();
  for (const e of account) {
    const list = rounds.get(e.round) ?? [];
    list.push(e);
    rounds.set(e.round, list);
  }
  for (const [round, list] of rounds) out.set(round, list);
  return out;
}
