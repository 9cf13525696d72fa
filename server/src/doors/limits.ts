/**
 * The limits on every way into the server (docs/security.md, "Limits"):
 * rates per client address, body sizes, seat reservations, imports and how
 * long a deserted match lives. Each is read from the environment at start
 * (`loadLimits`), with the defaults below.
 */

/** At most `points` in any `seconds`, per address; null: no limit. */
export interface Rate {
  points: number;
  seconds: number;
}

/** The doors that count requests per address. */
export const DOORS = [
  'http',
  'joinLookup',
  'matchmake',
  'create',
  'import',
  'connect',
  'notify',
] as const;
export type Door = (typeof DOORS)[number];

export interface Limits {
  /** Per address, for each door; null: that door is not counted. */
  rates: Record<Door, Rate | null>;
  /** WebSocket connections open at once from one address, in this process. */
  connectionsPerAddress: number;
  /** The largest body of a matchmaking request (create, join): its options. */
  matchmakeBodyBytes: number;
  /** How long a seat reservation waits for its WebSocket before it lapses. */
  seatReservationSeconds: number;
  /** The largest match file an import accepts. */
  importBytes: number;
  /** Commands a match file may hold per seat and phase of its scenario's longest match. */
  importCommandsPerSeatPhase: number;
  /** How long the replay of one import may take. */
  importSeconds: number;
  /** A started match with nobody connected this long is ended and archived. */
  idleMatchMs: number;
  /** TRUST_PROXY: the proxies whose X-Forwarded-For is believed (proxy-addr's syntax); null: none. */
  trustProxy: string | null;
}

const MINUTE = 60;
const HOUR = 3600;

/**
 * Defaults sized for a class of 30 behind one school address (they all
 * share it): every limit is several times what such a class does, and far
 * below what a script does.
 */
export const DEFAULT_LIMITS: Limits = {
  rates: {
    http: { points: 1200, seconds: MINUTE },
    joinLookup: { points: 60, seconds: MINUTE },
    matchmake: { points: 120, seconds: MINUTE },
    create: { points: 20, seconds: 10 * MINUTE },
    import: { points: 10, seconds: HOUR },
    connect: { points: 120, seconds: MINUTE },
    notify: { points: 30, seconds: 10 * MINUTE },
  },
  connectionsPerAddress: 100,
  matchmakeBodyBytes: 8 * 1024,
  seatReservationSeconds: 8,
  importBytes: 5 * 1024 * 1024,
  importCommandsPerSeatPhase: 40,
  importSeconds: 10,
  idleMatchMs: 2 * HOUR * 1000,
  trustProxy: null,
};

/** The environment variable of each door's rate. */
export const RATE_VARIABLES: Record<Door, string> = {
  http: 'LIMIT_HTTP',
  joinLookup: 'LIMIT_JOIN_LOOKUP',
  matchmake: 'LIMIT_MATCHMAKING',
  create: 'LIMIT_CREATE',
  import: 'LIMIT_IMPORT',
  connect: 'LIMIT_CONNECT',
  notify: 'LIMIT_NOTIFY',
};

/** Every limit from the environment; throws a plain-language error for a bad value. */
export function loadLimits(env: NodeJS.ProcessEnv): Limits {
  const d = DEFAULT_LIMITS;
  const rates = { ...d.rates };
  for (const door of Object.keys(RATE_VARIABLES) as Door[])
    rates[door] = parseRate(RATE_VARIABLES[door], env[RATE_VARIABLES[door]], d.rates[door]);
  return {
    rates,
    connectionsPerAddress: whole(env, 'MAX_CONNECTIONS_PER_ADDRESS', d.connectionsPerAddress),
    matchmakeBodyBytes: whole(env, 'MATCHMAKING_BODY_BYTES', d.matchmakeBodyBytes),
    seatReservationSeconds: whole(env, 'SEAT_RESERVATION_SECONDS', d.seatReservationSeconds),
    importBytes: whole(env, 'IMPORT_MAX_BYTES', d.importBytes),
    importCommandsPerSeatPhase: whole(
      env,
      'IMPORT_COMMANDS_PER_SEAT_PHASE',
      d.importCommandsPerSeatPhase,
    ),
    importSeconds: whole(env, 'IMPORT_SECONDS', d.importSeconds),
    idleMatchMs: Math.round(minutes(env, 'IDLE_MATCH_MINUTES', d.idleMatchMs / 60_000) * 60_000),
    trustProxy: env.TRUST_PROXY?.trim() || null,
  };
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: MINUTE, h: HOUR };

/** `N/30s`, `N/1m`, `N/1h` (N requests in that time), or `off`. */
function parseRate(name: string, raw: string | undefined, fallback: Rate | null): Rate | null {
  const value = raw?.trim();
  if (!value) return fallback;
  if (value === 'off') return null;
  const m = /^(\d+)\/(\d+)([smh])$/.exec(value);
  const points = Number(m?.[1]);
  const seconds = Number(m?.[2]) * (UNIT_SECONDS[m?.[3] ?? ''] ?? 0);
  if (!m || points < 1 || seconds < 1)
    throw new Error(
      `${name} must be a number of requests per time such as 60/1m, 20/10m, 10/1h or 30/10s ` +
        `(or off), not "${value}".`,
    );
  return { points, seconds };
}

function whole(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+$/.test(raw) || value < 1)
    throw new Error(`${name} must be a whole number, 1 or more, not "${raw}".`);
  return value;
}

/** Minutes, fractions allowed (0.5: 30 s), more than 0. */
function minutes(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const value = Number(raw);
  if (!/^\d+(\.\d+)?$/.test(raw) || value <= 0)
    throw new Error(
      `${name} must be a number of minutes more than 0 (e.g. 120, or 0.5), not "${raw}".`,
    );
  return value;
}

/** "60 a minute", "20 in 10 minutes": how a rate reads in a refusal. */
export function describeRate(rate: Rate): string {
  const { points, seconds } = rate;
  const per =
    seconds % HOUR === 0
      ? unit(seconds / HOUR, 'hour')
      : seconds % MINUTE === 0
        ? unit(seconds / MINUTE, 'minute')
        : unit(seconds, 'second');
  return `${points} ${per}`;
}

function unit(n: number, name: string): string {
  if (n !== 1) return `in ${n} ${name}s`;
  return name === 'hour' ? 'an hour' : `a ${name}`;
}

/** 8192 → "8 KiB", 5242880 → "5 MiB": a size as a refusal states it. */
export function describeBytes(bytes: number): string {
  if (bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0) return `${bytes / 1024 / 1024} MiB`;
  if (bytes >= 1024 && bytes % 1024 === 0) return `${bytes / 1024} KiB`;
  return `${bytes} bytes`;
}
