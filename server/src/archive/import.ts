import {
  ChatTextSchema,
  createMatch,
  getScenario,
  type MatchFileInput,
  MatchFileSchema,
  matchFileProblems,
  NicknameSchema,
  openReplay,
  PHASES,
  ReplayError,
  type ReplayErrorAt,
  type SettingsInput,
  scenarioHash,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken } from '../store/tokens.ts';
import type { AnnotationInput, ChatEntry, ImportedMatch } from '../store/types.ts';
import { noteOf } from './notes.ts';

export type ImportCheck =
  | { ok: true; match: ImportedMatch; hostToken: string; annotations: AnnotationInput[] }
  | ImportRefusal;

export interface ImportRefusal {
  ok: false;
  /** 400: not a match file; 422: a match file that does not replay exactly, or is too long for its match. */
  status: 400 | 422;
  error: string;
  /** The fields at fault (400). */
  problems?: string[];
  /** The replay's refusal, or `tooManyCommands` (422). */
  code?: string;
  at?: ReplayErrorAt;
}

export interface ImportBounds {
  /** Commands a file may hold per seat and phase of its match (and per round: every phase counts). */
  commandsPerSeatPhase: number;
}

/** Commands a phase may hold besides the seats' own: its advance, the host's crises. */
const PHASE_SLACK = 10;
/** The most annotations an imported file brings along. */
const MAX_IMPORTED_NOTES = 500;

/**
 * Checks an uploaded match file and turns it into a finished match to store:
 * its shape (zod, naming each field at fault); its length, against the most
 * commands its match could hold (`commandLimit`), before anything is
 * replayed; its replay through the engine to every stored phase hash (naming
 * the first round and phase that differs, or the rules version it was
 * written for); then its texts, each checked as the live room checks it
 * (`checkTexts`). The match gets a new id and a new host token, returned
 * once: the importer is its host here. Runs in a worker thread
 * (import-worker.ts): a long file takes seconds, which must not be the
 * event loop's.
 */
export function checkImport(body: unknown, bounds: ImportBounds): ImportCheck {
  // Counted before the schema too: checking 70 000 commands' shape alone takes seconds.
  const early = tooLong(body, bounds);
  if (early) return early;
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
        scenarioHash: file.scenarioHash,
        scenario: file.scenario,
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
  const texts = checkTexts(file, seats, (body as { annotations?: unknown }).annotations);
  if (typeof texts === 'string') return wrong(texts);

  const hostToken = nanoid();
  const stepHashes = replay.stepHashes!;
  return {
    ok: true,
    hostToken,
    annotations: texts.annotations,
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
        // It replayed exactly on this content: its file says so from now on (older files had no hash).
        // The content it brought is kept with it: its replay here never depends on the shipped data.
        roomSettings: {
          scenarioHash: scenarioHash(replay.scenario),
          ...(file.scenario !== undefined ? { scenario: replay.scenario } : {}),
          // A fork's origin names a match of the server it was played on; it is kept as it came.
          ...(file.fork !== undefined ? { fork: file.fork } : {}),
        },
      },
      // A file without command times (older ones): the match's end stands in.
      commands: file.commands.map((command, i) => ({
        seq: i + 1,
        command,
        stateHash: stepHashes[i]!,
        at: file.commandTimes?.[i] ?? file.finishedAt,
      })),
      seats: file.seats,
      chat: texts.chat,
      finish: {
        finishedAt: file.finishedAt,
        winner: file.winner,
        rounds: file.rounds,
        phaseHashes: file.phaseHashes,
      },
    },
  };
}

/** The refusal of a file with more commands than its match can hold, if it is one. */
function tooLong(body: unknown, bounds: ImportBounds): ImportRefusal | null {
  const b = (body ?? {}) as Partial<
    Record<'scenarioId' | 'seed' | 'settings' | 'commands', unknown>
  >;
  if (typeof b.scenarioId !== 'string' || typeof b.seed !== 'string' || !Array.isArray(b.commands))
    return null;
  const file = {
    scenarioId: b.scenarioId,
    seed: b.seed,
    settings: (b.settings ?? {}) as MatchFileInput['settings'],
  };
  const limit = commandLimit(file, bounds);
  if (!limit || b.commands.length <= limit.max) return null;
  return {
    ok: false,
    status: 422,
    code: 'tooManyCommands',
    error:
      `This match file has ${b.commands.length} commands; a match of ${b.scenarioId} with ` +
      `${limit.rounds} rounds and ${limit.seats} seats has at most ${limit.max} ` +
      `(${bounds.commandsPerSeatPhase} a seat and phase), so it is refused.`,
  };
}

function wrong(error: string): ImportRefusal {
  return { ok: false, status: 400, error, problems: [error] };
}

/**
 * The most commands the file's match can hold: its rounds, every phase of
 * a round, each seat in play with `commandsPerSeatPhase` and the phase's
 * own (PHASE_SLACK). Null when the engine refuses the match itself (the
 * replay then says why).
 */
function commandLimit(
  file: Pick<MatchFileInput, 'scenarioId' | 'settings' | 'seed'>,
  bounds: ImportBounds,
): { max: number; rounds: number; seats: number } | null {
  try {
    const created = createMatch(
      getScenario(file.scenarioId),
      file.settings as SettingsInput,
      file.seed,
    );
    if (!created.ok) return null;
    const { settings, seats } = created.state;
    const phases = PHASES.length - 1; // every phase but 'ended'
    const perPhase = seats.length * bounds.commandsPerSeatPhase + PHASE_SLACK;
    return {
      max: settings.rounds * phases * perPhase,
      rounds: settings.rounds,
      seats: seats.length,
    };
  } catch {
    return null;
  }
}

/**
 * The file's texts, checked as the live room checks them: each seat's
 * nickname is a nickname (NicknameSchema), or people's nicknames joined with
 * " & " as the store writes a shared seat; each chat line is chat text
 * (ChatTextSchema, kept trimmed as live), from a seat of the match or the
 * host (public only), to the channel's right seats, in rising order; each
 * annotation is what POST …/annotations accepts (noteOf). A message naming
 * the first fault, or the chat and annotations to store.
 */
function checkTexts(
  file: MatchFileInput,
  seats: ReadonlySet<string>,
  rawNotes: unknown,
): { chat: ChatEntry[]; annotations: AnnotationInput[] } | string {
  for (const [i, seat] of file.seats.entries()) {
    const names = seat.nickname.split(' & ');
    const bad = names.findIndex((name) => NicknameSchema.safeParse(name).data !== name);
    if (bad >= 0)
      return `seats.${i}.nickname: "${names[bad]}" is not a nickname (1 to 24 characters, no control characters).`;
  }
  const chat: ChatEntry[] = [];
  let lastSeq = 0;
  for (const [i, line] of file.chat.entries()) {
    const text = ChatTextSchema.safeParse(line.text);
    if (!text.success) return `chat.${i}.text: ${text.error.issues[0]!.message}.`;
    const fromHost = line.from === 'host';
    if (!fromHost && !seats.has(line.from))
      return `chat.${i}.from: "${line.from}" is not a seat of this match.`;
    if (fromHost && line.channel !== 'public')
      return `chat.${i}.channel: the host writes publicly only.`;
    if (line.channel === 'public' && line.to !== undefined)
      return `chat.${i}.to: a public line has no addressee.`;
    if (line.channel === 'team' && line.to !== line.from)
      return `chat.${i}.to: a team line goes to its own seat.`;
    if (
      line.channel === 'private' &&
      (line.to === undefined || !seats.has(line.to) || line.to === line.from)
    )
      return `chat.${i}.to: a private line goes to another seat of this match.`;
    if (line.seq <= lastSeq) return `chat.${i}.seq: the lines must come in rising order.`;
    lastSeq = line.seq;
    chat.push({ ...line, text: text.data });
  }
  const annotations: AnnotationInput[] = [];
  if (rawNotes !== undefined) {
    if (!Array.isArray(rawNotes) || rawNotes.length > MAX_IMPORTED_NOTES)
      return `annotations: a list of at most ${MAX_IMPORTED_NOTES} notes.`;
    for (const [i, raw] of rawNotes.entries()) {
      const note = noteOf(raw, file.rounds);
      if (typeof note === 'string') return `annotations.${i}.${note}`;
      const at = (raw as { at?: unknown }).at;
      annotations.push({
        ...note,
        at: Number.isInteger(at) && (at as number) >= 0 ? (at as number) : file.finishedAt,
      });
    }
  }
  return { chat, annotations };
}
