import { z } from 'zod';
import { CommandSchema } from '../commands/schema.ts';
import { CHAT_CHANNELS, SeatSpanSchema } from '../protocol.ts';
import { PHASES } from '../vocabulary.ts';
import { ForkOriginSchema } from './fork.ts';

/**
 * The archived match file (the server's `MatchFile`, docs/replays.md) as a
 * zod schema: what an import must look like. `version` is the file format's
 * version; `rulesVersion` the engine's, checked when the file is replayed.
 */
export const MATCH_FILE_FORMAT = 'entanglement-match';
export const MATCH_FILE_VERSION = 1;
/** The largest embedded scenario content, in characters of JSON (main.json is about 106 000). */
const MAX_SCENARIO_CHARS = 1_000_000;

const Text = (max: number) => z.string().min(1).max(max);
const Time = z.number().int().min(0);

export const PhaseHashSchema = z.object({
  round: z.number().int().min(1).max(16),
  phase: z.enum(PHASES),
  hash: z.string().regex(/^[0-9a-f]{16}$/, 'a state hash is 16 hexadecimal digits'),
});

export const MatchFileSchema = z.object({
  format: z.literal(MATCH_FILE_FORMAT),
  version: z.literal(MATCH_FILE_VERSION),
  id: Text(100),
  scenarioId: Text(100),
  /** `scenarioHash` of the content the match was played on (optional: older files have none). */
  scenarioHash: z
    .string()
    .regex(/^[0-9a-f]{16}$/, 'a scenario hash is 16 hexadecimal digits')
    .optional(),
  /**
   * The scenario content the match was played on (validated by parseScenario
   * and its hash when replayed; optional: older files have none). Bounded by
   * its serialized length, as a shipped scenario is a few hundred KB at most.
   */
  scenario: z
    .unknown()
    .refine(
      (v) => v === undefined || JSON.stringify(v).length <= MAX_SCENARIO_CHARS,
      `the scenario content must be at most ${MAX_SCENARIO_CHARS} characters of JSON`,
    )
    .optional(),
  rulesVersion: z.number().int().min(1),
  seed: Text(200),
  settings: z.record(z.string(), z.unknown()),
  seats: z
    .array(
      z.object({
        seat: Text(40),
        nickname: Text(200),
        kind: z.enum(['human', 'bot']),
        botLevel: Text(40).optional(),
      }),
    )
    .max(32),
  commands: z.array(CommandSchema).max(100_000),
  /** When each command was applied (optional: files from before it was added have none). */
  commandTimes: z.array(Time).max(100_000).optional(),
  chat: z
    .array(
      z.object({
        seq: z.number().int().min(1),
        from: Text(40),
        channel: z.enum(CHAT_CHANNELS),
        to: Text(40).optional(),
        text: z.string().max(2000),
        at: Time,
      }),
    )
    .max(100_000),
  phaseHashes: z.array(PhaseHashSchema).max(200),
  createdAt: Time,
  finishedAt: Time,
  winner: Text(40).nullable(),
  rounds: z.number().int().min(0).max(16),
  /** Who held each seat when (protocol.ts `SeatSpan`; optional: older files have none). */
  seatHistory: z.array(SeatSpanSchema).max(2000).optional(),
  /** A fork's origin: the match and moment it was forked from (optional: other matches have none). */
  fork: ForkOriginSchema.optional(),
});
export type MatchFileInput = z.infer<typeof MatchFileSchema>;

/** The first problems of a refused file, each naming its field (`commands.12.round: …`). */
export function matchFileProblems(error: z.ZodError, max = 5): string[] {
  return flatten(error.issues, [])
    .slice(0, max)
    .map(({ path, message }) => `${path.map(String).join('.') || '(the file)'}: ${message}`);
}

type Problem = { path: PropertyKey[]; message: string };

/**
 * Zod reports a command that fits no kind as one "Invalid input" on the
 * union; this looks inside and names the field at fault in the closest kind
 * (a branch whose own discriminator did not match counts as far away).
 */
function flatten(issues: readonly z.core.$ZodIssue[], prefix: PropertyKey[]): Problem[] {
  return issues.flatMap((issue): Problem[] => {
    const path = [...prefix, ...issue.path];
    if (issue.code !== 'invalid_union' || issue.errors.length === 0)
      return [{ path, message: issue.message }];
    const branches = issue.errors.map((branch) => flatten(branch, path));
    const missed = (b: Problem[]) => b.some((p) => p.message.startsWith('Invalid discriminator'));
    if (branches.every(missed))
      return [{ path: [...path, 'kind'], message: 'Unknown command kind' }];
    const distance = (b: Problem[]) => b.length + (missed(b) ? 100 : 0);
    return branches.reduce((best, b) => (distance(b) < distance(best) ? b : best));
  });
}
