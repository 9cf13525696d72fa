/**
 * The matches whose rooms live in this process, with their join codes. A
 * process that shares matches with others keeps a claim on each in Redis
 * (cluster/failover.ts), so that nobody else takes over a match that is alive
 * here, and puts its code back should Redis have lost it.
 */
export const heldMatches = new Map<string, string>();
