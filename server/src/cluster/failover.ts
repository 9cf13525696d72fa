import { matchMaker } from '@colyseus/core';
import { MATCH_ROOM } from '@entanglement/shared';
import type { Redis } from 'ioredis';
import { loadPlan, offerRestore, type Restorable } from '../rooms/restore.ts';

/** How often each process looks for matches nobody holds. */
export const SCAN_MS = 1000;
/** A match younger than this may still be being created by another process: leave it. */
const CREATION_GRACE_MS = 5000;
/** How long one process keeps the right to bring a match back (it takes well under a second). */
const TAKEOVER_LOCK_MS = 15_000;
/** A match that could not be brought back is tried again after this long, not every scan. */
const RETRY_AFTER_MS = 60_000;

const LOCK = (matchId: string) => `entanglement:takeover:${matchId}`;

/**
 * Failover: every process checks, once a second, that each live match in
 * the shared store is held by a live process. Colyseus's own health check
 * notices a process whose Redis connection is gone (a `kill -9` closes it at
 * once) and removes its rooms from the matchmaking driver; a live match
 * with no room is then rebuilt from the shared log by the one process that
 * wins its takeover lock (`SET NX`), at the same phase and state hash, as
 * after a restart (match-room.ts, `restoreFrom`). Players' clients find it
 * again by room id and rejoin their seats with their tokens.
 */
export class FailoverWatch {
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  private readonly failedAt = new Map<string, number>();

  private readonly redis: Redis;
  private readonly store: Restorable;
  private readonly log: (line: string) => void;

  constructor(redis: Redis, store: Restorable, log: (line: string) => void = console.log) {
    this.redis = redis;
    this.store = store;
    this.log = log;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.scan(), SCAN_MS);
    void this.scan();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scanning;
  }

  /** One pass; overlapping calls share it. */
  scan(): Promise<void> {
    this.scanning ??= this.takeOverOrphans()
      .catch((error) => console.error('Failover scan failed:', error))
      .finally(() => {
        this.scanning = null;
      });
    return this.scanning;
  }

  private async takeOverOrphans(): Promise<void> {
    await matchMaker.healthCheckAllProcesses();
    const now = Date.now();
    for (const record of await this.store.listLive()) {
      if (now - record.createdAt < CREATION_GRACE_MS) continue;
      if (now - (this.failedAt.get(record.id) ?? 0) < RETRY_AFTER_MS) continue;
      if (matchMaker.getLocalRoomById(record.id)) continue;
      if (await matchMaker.driver.has(record.id)) continue;
      const won = await this.redis.set(
        LOCK(record.id),
        matchMaker.processId,
        'PX',
        TAKEOVER_LOCK_MS,
        'NX',
      );
      if (won !== 'OK') continue;
      try {
        // Another process may have finished the takeover between our check and our lock.
        if (await matchMaker.driver.has(record.id)) continue;
        const plan = await loadPlan(this.store, record);
        await matchMaker.handleCreateRoom(MATCH_ROOM, offerRestore(plan));
        this.log(`Took over match ${record.id}: no live process held it.`);
      } catch (error) {
        this.failedAt.set(record.id, Date.now());
        const reason = error instanceof Error ? error.message : String(error);
        console.error(`Match ${record.id} could not be taken over: ${reason}`);
      } finally {
        await this.redis.del(LOCK(record.id));
      }
    }
  }
}
