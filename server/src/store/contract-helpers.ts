import { RULES_VERSION } from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { expect } from 'vitest';
import { hashToken } from './tokens.ts';
import type { ChatEntry, MatchRecord, MatchStore, SeatRecord, StoreErrorCode } from './types.ts';

/** What a store implementation's test file gives the contract (see `storeContract`). */
export interface StoreFixture {
  /** A fresh, empty store. */
  store: MatchStore;
  /** Another instance on the same data (as after a restart); closed by `dispose`. */
  reopen(): Promise<MatchStore>;
  /** Closes every instance and deletes the data. */
  dispose(): Promise<void>;
}

/** The current test's fixture and store, and a helper that seeds a match in it. */
export interface ContractContext {
  fx: StoreFixture;
  store: MatchStore;
  /** Creates match `n` with `commands` commands already appended. */
  seeded(
    n: number,
    commands?: number,
    overrides?: Partial<MatchRecord>,
  ): Promise<ReturnType<typeof newMatch>>;
}

export const T0 = 1_760_000_000_000;

/** A match record with fresh tokens; the plain tokens come back for the secrecy checks. */
export function newMatch(n: number, overrides: Partial<MatchRecord> = {}) {
  const hostToken = nanoid();
  const record: MatchRecord = {
    id: `match-${n}-${nanoid(8)}`,
    code: `CODE${String(n).padStart(2, '2')}`.slice(0, 6),
    scenarioId: 'main',
    settings: { rounds: 3, pace: 'quick', seats: ['usa', 'china'] },
    rulesVersion: RULES_VERSION,
    seed: `seed-${n}`,
    hostTokenHash: hashToken(hostToken),
    createdAt: T0 + n,
    ...overrides,
  };
  return { record, hostToken };
}

/** The n-th command of a test log (the store treats commands as opaque JSON). */
export const cmd = (seq: number) => ({ kind: 'advance', round: 1, phase: 'news', n: seq });

export async function refused(promise: Promise<unknown>, code: StoreErrorCode): Promise<void> {
  await expect(promise).rejects.toMatchObject({ name: 'StoreError', code });
}

export function seat(id: string, token: string): SeatRecord {
  return { seat: id, tokenHash: hashToken(token), nickname: `Nick ${id}`, kind: 'human' };
}

export function chat(seq: number): ChatEntry {
  return { seq, from: 'usa', channel: 'public', text: `message ${seq}`, at: T0 + seq };
}
