import { matchMaker } from '@colyseus/core';
import { MATCH_ROOM } from '@entanglement/shared';
import type { Redis } from 'ioredis';
import { reasonOf, roomLog, log as serverLog } from '../log.ts';
import { heldMatches } from '../rooms/held-matches.ts';
import { loadPlan, offerRestore, type Restorable } from '../rooms/restore.ts';
import type { StoredMatch } from '../store/types.ts';
import type { Cluster } from './cluster.ts';
import type { RedisJoinCodes } from './redis-join-codes.ts';

/** How often each process renews its claims and looks for matches nobody holds. */
const SCAN_MS = 1000;
/** A claim lasts this long unless renewed: a process that died lets go of its matches after it. */
const CLAIM_MS = 3000;
/**
 * A match must be seen unclaimed this long before anyone takes it over: a
 * Redis that restarted empty is given time to get every live process's claims
 * back before a match alive elsewhere looks abandoned.
 */
const UNCLAIMED_FOR_MS = 1500;
/** A match younger than this may still be being created by another process, not yet claimed: leave it. */
const CREATION_GRACE_MS = 3000;
/** How long one process keeps the right to bring a match back (it takes well under a second). */
const TAKEOVER_LOCK_MS = 15_000;
/** A match that could not be brought back is tried again after this long, not every scan. */
const RETRY_AFTER_MS = 60_000;

const CLAIM = (matchId: string) => `entanglement:holder:${matchId}`;
const LOCK = (matchId: string) => `entanglement:takeover:${matchId}`;

/**
 * Failover between processes that share Redis and the match store. Once a
 * second, each process renews a short claim (CLAIM_MS) on every match it
 * holds, and looks through the store's live matches for one that nobody has
 * claimed for a while: its process died (a `kill -9` stops the renewals).
 * The one process that wins the match's takeover lock (`SET NX`) rebuilds it
 * from the shared log, at the same phase and state hash, as after a restart
 * (match-room.ts, `restoreFrom`); players' clients find it again by room id
 * and rejoin their seats with their tokens. Colyseus's health check is run
 * on the way, so the dead process's rooms leave the matchmaking lists too.
 */
export class FailoverWatch {
  private timer: NodeJS.Timeout | null = null;
  private scanning: Promise<void> | null = null;
  /** When each match was first seen unclaimed (cleared when it is seen claimed). */
  private readonly unclaimedSince = new Map<string, number>();
  private readonly failedAt = new Map<string, number>();

  private readonly redis: Redis;
  private readonly codes: RedisJoinCodes;
  private readonly store: Restorable;
  private readonly log: (line: string) => void;

  constructor(
    cluster: Pick<Cluster, 'redis' | 'codes'>,
    store: Restorable,
    log: (line: string) => void = (line) => serverLog.info(line),
  ) {
    this.redis = cluster.redis;
    this.codes = cluster.codes;
    this.store = store;
    this.log = log;
  }

  start(): void {
    this.timer ??= setInterval(() => void this.scan(), SCAN_MS);
    void this.scan();
  }

  /**
   * Stops scanning. The claims are left to lapse: this process's rooms are
   * still closing, and another takes their matches over once they have.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    await this.scanning;
  }

  /** One pass; overlapping calls share it. */
  scan(): Promise<void> {
    this.scanning ??= this.renewClaims()
      .then(() => this.takeOverOrphans())
      .catch((error: unknown) => serverLog.error({ err: error }, 'failover scan failed'))
      .finally(() => {
        this.scanning = null;
      });
    return this.scanning;
  }

  /**
   * Renews this process's claims, and puts back what a Redis that restarted
   * empty lost: the matchmaking entries of its rooms (so clients find them by
   * id) and their join codes (if nobody took the code meanwhile).
   */
  private async renewClaims(): Promise<void> {
    if (heldMatches.size === 0) return;
    const batch = this.redis.multi();
    for (const id of heldMatches.keys()) batch.set(CLAIM(id), matchMaker.processId, 'PX', CLAIM_MS);
    await batch.exec();
    await this.codes.reclaim(heldMatches);
    await matchMaker.restoreMissingRoomCaches();
  }

  private async takeOverOrphans(): Promise<void> {
    // Not awaited: asking a dead process takes Colyseus a 2 s timeout.
    matchMaker
      .healthCheckAllProcesses()
      .catch((error: unknown) => serverLog.error({ err: error }, 'health check failed'));
    const now = Date.now();
    const live = (await this.store.listLive()).filter(
      (record) => !heldMatches.has(record.id) && now - record.createdAt >= CREATION_GRACE_MS,
    );
    if (live.length === 0) return;
    const claimed = await this.redis.mget(...live.map((record) => CLAIM(record.id)));
    for (const [i, record] of live.entries()) {
      if (claimed[i] !== null) {
        this.unclaimedSince.delete(record.id);
        continue;
      }
      const since = this.unclaimedSince.get(record.id) ?? now;
      this.unclaimedSince.set(record.id, since);
      if (now - since < UNCLAIMED_FOR_MS) continue;
      if (now - (this.failedAt.get(record.id) ?? 0) < RETRY_AFTER_MS) continue;
      await this.takeOver(record);
    }
  }

  private async takeOver(record: StoredMatch): Promise<void> {
    const won = await this.redis.set(
      LOCK(record.id),
      matchMaker.processId,
      'PX',
      TAKEOVER_LOCK_MS,
      'NX',
    );
    if (won !== 'OK') return;
    try {
      // Another process may have finished a takeover between our look and our lock.
      if ((await this.redis.exists(CLAIM(record.id))) === 1) return;
      const started = Date.now();
      const plan = await loadPlan(this.store, record);
      await matchMaker.handleCreateRoom(MATCH_ROOM, offerRestore(plan));
      await this.renewClaims();
      const unclaimed = started - (this.unclaimedSince.get(record.id) ?? started);
      this.unclaimedSince.delete(record.id);
      this.log(
        `Took over match ${record.id}: no live process had held it for ${unclaimed} ms; rebuilt in ${Date.now() - started} ms.`,
      );
    } catch (error) {
      this.failedAt.set(record.id, Date.now());
      roomLog(record.id).error(`Match ${record.id} could not be taken over: ${reasonOf(error)}`);
    } finally {
      await this.redis.del(LOCK(record.id));
    }
  }
}
