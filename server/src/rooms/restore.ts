import { nanoid } from 'nanoid';
import type {
  ClockRecord,
  CommandEntry,
  MatchStore,
  SeatRecord,
  StoredMatch,
} from '../store/types.ts';

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
}

/**
 * Plans handed to rooms being re-created, by one-time ticket. Only this
 * process can put a plan here, so a client's create options cannot ask
 * for a restore.
 */
const plans = new Map<string, RestorePlan>();

/** The create options that make a room rebuild itself from `plan`. */
export function offerRestore(plan: RestorePlan): { restore: string } {
  const ticket = nanoid();
  plans.set(ticket, plan);
  return { restore: ticket };
}

/** The plan behind create options holding a valid ticket (used once), or null. */
export function takeRestore(options: unknown): RestorePlan | null {
  if (typeof options !== 'object' || options === null) return null;
  const ticket = (options as { restore?: unknown }).restore;
  if (typeof ticket !== 'string') return null;
  const plan = plans.get(ticket) ?? null;
  plans.delete(ticket);
  return plan;
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
  return { record, log, seats, clock, chatSeq: chat.at(-1)?.seq ?? 0 };
}
