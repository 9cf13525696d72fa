import {
  MatchFileSchema,
  matchFileProblems,
  openReplay,
  ReplayError,
  type ReplayErrorAt,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken } from '../store/tokens.ts';
import type { ImportedMatch } from '../store/types.ts';

export type ImportCheck =
  | { ok: true; match: ImportedMatch; hostToken: string }
  | {
      ok: false;
      /** 400: not a match file; 422: a match file that does not replay exactly. */
      status: 400 | 422;
      error: string;
      /** The fields at fault (400). */
      problems?: string[];
      /** The replay's refusal (422). */
      code?: string;
      at?: ReplayErrorAt;
    };

/**
 * Checks an uploaded match file and turns it into a finished match to store:
 * its shape (zod, naming each field at fault), then its replay through the
 * engine to every stored phase hash (naming the first round and phase that
 * differs, or the rules version it was written for). The match gets a new id
 * and a new host token, returned once: the importer is its host here.
 */
export function checkImport(body: unknown): ImportCheck {
  const parsed = MatchFileSchema.safeParse(body);
  if (!parsed.success) {
    const problems = matchFileProblems(parsed.error);
    return {
      ok: false,
      status: 400,
      error: `This is not a valid match file: ${problems[0]}`,
      problems,
    };
  }
  const file = parsed.data;
  let replay: ReturnType<typeof openReplay>;
  try {
    replay = openReplay(
      {
        scenarioId: file.scenarioId,
        rulesVersion: file.rulesVersion,
        seed: file.seed,
        settings: file.settings,
        log: file.commands,
        phaseHashes: file.phaseHashes,
      },
      // The store keeps the state hash after every command, as for a match played here.
      { stepHashes: true, checkpointEvery: Number.MAX_SAFE_INTEGER },
    );
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    return { ok: false, status: 422, error: err.message, code: err.code, at: err.at };
  }
  const final = replay.finalState();
  const wrong = (error: string): ImportCheck => ({
    ok: false,
    status: 400,
    error,
    problems: [error],
  });
  const seats = new Set(final.seats);
  const stranger = file.seats.findIndex((s) => !seats.has(s.seat));
  if (stranger >= 0)
    return wrong(
      `seats.${stranger}.seat: "${file.seats[stranger]!.seat}" is not a seat of this match.`,
    );
  if (file.winner !== null && !seats.has(file.winner))
    return wrong(`winner: "${file.winner}" is not a seat of this match.`);
  if (file.rounds > final.round)
    return wrong(`rounds: the log plays ${final.round} rounds, not ${file.rounds}.`);
  if (file.finishedAt < file.createdAt) return wrong('finishedAt: it is before createdAt.');

  const hostToken = nanoid();
  const stepHashes = replay.stepHashes!;
  return {
    ok: true,
    hostToken,
    match: {
      record: {
        id: `imported-${nanoid(12)}`,
        // Never claimed: the unique join code applies to live matches only.
        code: 'IMPORT',
        scenarioId: file.scenarioId,
        settings: file.settings,
        rulesVersion: file.rulesVersion,
        seed: file.seed,
        hostTokenHash: hashToken(hostToken),
        createdAt: file.createdAt,
      },
      // A file without command times (older ones): the match's end stands in.
      commands: file.commands.map((command, i) => ({
        seq: i + 1,
        command,
        stateHash: stepHashes[i]!,
        at: file.commandTimes?.[i] ?? file.finishedAt,
      })),
      seats: file.seats,
      chat: file.chat,
      finish: {
        finishedAt: file.finishedAt,
        winner: file.winner,
        rounds: file.rounds,
        phaseHashes: file.phaseHashes,
      },
    },
  };
}
