/**
 * The ids of the matches whose rooms live in this process. A process that
 * shares matches with others keeps a claim on each in Redis (cluster/failover.ts),
 * so that nobody else takes over a match that is alive here.
 */
export const heldMatches = new Set<string>();
