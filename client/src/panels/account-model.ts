import {
  type AccountPart,
  type DeepReadonly,
  type EngineEvent,
  type EventType,
  groupAccount,
  type Scenario,
  seatDigest,
} from '@entanglement/shared';
import { eventText } from '../i18n/event-words.ts';

type AccountMark = 'entrapment' | 'abandonment' | null;

export interface AccountLine {
  text: string;
  mark: AccountMark;
}

export interface AccountRound {
  round: number;
  lines: AccountLine[];
}

/** Entrapment and abandonment are marked in the account (words and an icon, not only colour). */
function markOf(type: EventType): AccountMark {
  return type === 'entrapment' ? 'entrapment' : type === 'abandonment' ? 'abandonment' : null;
}

/** The events shown as a list: entrapment and abandonment are marked (words and an icon, not only colour). */
export function accountGroups(
  scenario: Scenario,
  events: readonly DeepReadonly<EngineEvent>[],
): AccountRound[] {
  const byRound = new Map<number, AccountLine[]>();
  for (const e of events) {
    const lines = byRound.get(e.round) ?? [];
    lines.push({ text: eventText(scenario, e), mark: markOf(e.type) });
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

/** What the account shows: every event or only those that name the seat, and one part or all. */
export interface AccountFilter {
  mine: boolean;
  part: AccountPart | 'all';
}

interface AccountPartView {
  part: AccountPart;
  title: string;
  lines: AccountLine[];
}

export interface RoundAccount {
  round: number;
  parts: AccountPartView[];
}

/** Each round's account (newest first) grouped by crisis, ties, economy and the world, filtered. */
export function roundAccounts(
  scenario: Scenario,
  events: readonly DeepReadonly<EngineEvent>[],
  seat: string | null,
  filter: AccountFilter,
): RoundAccount[] {
  const rounds = [...new Set(events.map((e) => e.round))].sort((a, b) => b - a);
  return rounds
    .map((round) => {
      const shown = events.filter(
        (e) => e.round === round && (!filter.mine || !seat || e.actors.includes(seat)),
      );
      const parts = groupAccount(scenario, shown, eventText)
        .filter((g) => filter.part === 'all' || g.part === filter.part)
        .map((g) => ({
          part: g.part,
          title: g.title,
          lines: g.lines.map((l) => ({ text: l.text, mark: markOf(l.type) })),
        }));
      return { round, parts };
    })
    .filter((r) => r.parts.length > 0);
}

/** The few changes of the latest round that had any for the seat, with how many more name it. */
export function whatHappenedToYou(
  scenario: Scenario,
  events: readonly DeepReadonly<EngineEvent>[],
  seat: string,
): { round: number; lines: string[]; more: number } | null {
  const rounds = [...new Set(events.map((e) => e.round))].sort((a, b) => b - a);
  for (const round of rounds) {
    const digest = seatDigest(
      scenario,
      events.filter((e) => e.round === round),
      seat,
      5,
      eventText,
    );
    if (digest.lines.length > 0) return { round, ...digest };
  }
  return null;
}
