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

/**
 * Checks that `finish` is one transaction: with `breakThirdHash` making the
 * store fail on the third phase hash (a trigger raising 'disk trouble'), the
 * match stays live, keeps its code and its clock. Each store's own test file
 * calls it with its SQL; it then checks that no phase hash was written.
 */
export async function checkFinishIsAtomic(
  store: MatchStore,
  breakThirdHash: () => Promise<void>,
): Promise<MatchRecord> {
  const { record } = newMatch(1);
  await store.createMatch(record);
  await store.saveClock(record.id, { round: 1, phase: 'news', paused: true, remainingMs: 9 });
  await breakThirdHash();
  const phaseHashes = [1, 2, 3].map((round) => ({ round, phase: 'news', hash: `h${round}` }));
  await expect(
    store.finish(record.id, { finishedAt: 1, winner: 'usa', rounds: 3, phaseHashes }),
  ).rejects.toThrow(/disk trouble/);
  expect(await store.getMatch(record.id)).toMatchObject({ finishedAt: null, winner: null });
  expect(await store.findLiveByCode(record.code)).toBe(record.id);
  expect(await store.loadClock(record.id)).not.toBeNull();
  return record;
}
