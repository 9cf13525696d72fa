import type {
  ChatEntry,
  ClockRecord,
  CommandEntry,
  MatchStore,
  SeatRecord,
  StoredMatch,
} from '../store/types.ts';
import { OneUseTickets } from './one-use-tickets.ts';

/** What the server reads of the store to bring live matches back after a restart. */
export type Restorable = Pick<MatchStore, 'listLive' | 'loadLog' | 'listSeats' | 'loadClock'> &
  Partial<Pick<MatchStore, 'loadChat'>>;

/** Everything stored for one live match: what a room is rebuilt from. */
export interface RestorePlan {
  record: StoredMatch;
  log: CommandEntry[];
  seats: SeatRecord[];
  clock: ClockRecord | null;
  /** The last chat seq stored (0: none), so new lines follow it. */
  chatSeq: number;
  /** The chat stored so far, oldest first: the history people get back when they rejoin. */
  chat: ChatEntry[];
}

/**
 * Plans handed to rooms being re-created, by one-time ticket. Only this
 * process can put a plan here, so a client's create options cannot ask
 * for a restore.
 */
const tickets = new OneUseTickets<'restore', RestorePlan>('restore');

/** The create options that make a room rebuild itself from `plan`. */
export function offerRestore(plan: RestorePlan): { restore: string } {
  return tickets.offer(plan);
}

/** The plan behind create options holding a valid ticket (used once), or null. */
export function takeRestore(options: unknown): RestorePlan | null {
  return tickets.take(options);
}

/** Reads every live match's record, log, seats and clock from the store. */
export async function loadPlans(store: Restorable): Promise<RestorePlan[]> {
  const plans: RestorePlan[] = [];
  for (const record of await store.listLive()) plans.push(await loadPlan(store, record));
  return plans;
}

/** Reads one live match's log, seats, clock and last chat line. */
export async function loadPlan(store: Restorable, record: StoredMatch): Promise<RestorePlan> {
  const [log, seats, clock, chat] = await Promise.all([
    store.loadLog(record.id),
    store.listSeats(record.id),
    store.loadClock(record.id),
    store.loadChat?.(record.id) ?? [],
  ]);
  return { record, log, seats, clock, chatSeq: chat.at(-1)?.seq ?? 0, chat };
}
