import { DEFAULT_LIMITS, DOORS, type Door, type Limits, RATE_VARIABLES } from '../doors/limits.ts';

/**
 * Limits for servers in tests that are not about limits: their clients all
 * come from 127.0.0.1, and a file's tests together create more matches and
 * connections than one address may. No rate is counted; the rest (body
 * sizes, seat reservations, imports, idle matches) is as by default.
 * The attack tests (server/src/doors/) set the limits they try.
 */
export const TEST_LIMITS: Limits = {
  ...DEFAULT_LIMITS,
  rates: Object.fromEntries(DOORS.map((door) => [door, null])) as Record<Door, null>,
  connectionsPerAddress: 100_000,
};

/** The same for a server in a child process (spawnServer). */
export const TEST_LIMIT_ENV: Record<string, string> = {
  ...Object.fromEntries(DOORS.map((door) => [RATE_VARIABLES[door], 'off'])),
  MAX_CONNECTIONS_PER_ADDRESS: '100000',
};
