import { randomInt } from 'node:crypto';
import {
  type ApplyResult,
  allSeatsDone,
  applyCommand,
  type Bot,
  type BotLevel,
  type Command,
  type createMatch,
  doctrineBot,
  doctrineFor,
  type EngineEvent,
  type MatchState,
  playBots,
  type Scenario,
  StateParts,
} from '@entanglement/shared';
import { roomLog } from '../log.ts';
import type { CommandEntry, PhaseHash } from '../store/types.ts';
import { rebuildMatch, replayLog } from './replay-log.ts';
import type { WriteQueue } from './write-queue.ts';

/** Commands a stand-in bot may issue in one turn before it is made to stop (marked done). */
const BOT_COMMANDS_PER_PHASE = 32;

export type SettingsInput = Parameters<typeof createMatch>[1];

/**
 * What `apply` gives: the engine's answer, and once accepted the store's
 * write. `internal` marks a command the engine threw on (the match was
 * rebuilt without it), not one it refused.
 */
export type PlayResult =
  | (ApplyResult & { internal?: undefined; saved: Promise<void> })
  | { ok: false; error: string; internal: true; saved: Promise<void> };

/** Thrown into the bot driver to stop it once the state it was reading has been replaced. */
const BOTS_STOPPED = Symbol('the match was rebuilt under the bots');

/**
 * The engine's side of a room: the match state, the commands applied to it
 * and appended to the store's log in order, the stand-in bots, and the state
 * hash at the end of every phase. It knows nothing of clients or timers.
 */
export class MatchPlay {
  readonly scenario: Scenario;
  readonly settings: SettingsInput;
  /** The match's seed: secret until the match is archived. */
  readonly seed: string;
  match: MatchState;
  /** The state hash at the end of every phase, in the order played (archived at the end). */
  readonly phaseHashes: PhaseHash[] = [];
  /** Seats played by people; the rest of the seats in play are bots once the match starts. */
  humanSeats: string[] = [];
  readonly bots = new Set<string>();
  /** Set while the match is reloaded from the store after an append failed. */
  recovering = false;
  /** How well the bots play (the host's choice). */
  readonly botLevel: BotLevel;
  /** The state hash after the last command recorded (hashing is a fifth of the server's work). */
  private lastHash = '';
  /** Hashes the state part by part, writing again only the parts that changed. */
  private readonly parts: StateParts;
  /**
   * Every command accepted so far with its step and hash, as appended to the
   * store (including writes still in flight): what the match is rebuilt
   * from when the engine throws half-way through a command.
   */
  private log: CommandEntry[];
  /** The bots' own generator, never the match's. */
  private readonly botRng = { rng: randomInt(2 ** 31) };
  private readonly writes: WriteQueue;
  private readonly matchId: () => string;
  private readonly onLostWrite: () => void;

  constructor(options: {
    scenario: Scenario;
    settings: SettingsInput;
    seed: string;
    match: MatchState;
    /** The commands `match` was replayed from (none for a new match). */
    log: readonly CommandEntry[];
    botLevel: BotLevel;
    /** The room's (shared with its views); a new one if not given. */
    parts?: StateParts;
    writes: WriteQueue;
    matchId: () => string;
    /** Called once an append failed: the room reloads the match (see `reload`). */
    onLostWrite: () => void;
  }) {
    this.scenario = options.scenario;
    this.settings = options.settings;
    this.seed = options.seed;
    this.match = options.match;
    this.log = [...options.log];
    this.lastHash = this.log.at(-1)?.stateHash ?? '';
    this.botLevel = options.botLevel;
    this.parts = options.parts ?? new StateParts();
    this.writes = options.writes;
    this.matchId = options.matchId;
    this.onLostWrite = options.onLostWrite;
  }

  /**
   * Applies a command through the engine; an accepted one is appended to the
   * log. The engine changes the state in place, so if it throws half-way
   * the match is rebuilt from the log (without the command) and the command
   * comes back `internal`: a fault costs a replay, a command costs nothing.
   */
  apply(command: Command): PlayResult {
    let result: ApplyResult;
    try {
      result = applyCommand(this.scenario, this.match, command);
    } catch (error) {
      this.rebuild(`applying ${command.kind}`, error);
      const error_ = 'The server failed applying this command; the match goes on without it.';
      return { ok: false, error: error_, internal: true, saved: Promise.resolve() };
    }
    const saved = result.ok ? this.record(command) : Promise.resolve();
    return { ...result, saved };
  }

  /**
   * Puts back the match the log gives after the engine (or a bot) threw
   * while the state was being changed, and logs the fault with its stack.
   * The phase hashes stay: a phase whose end threw recorded none.
   */
  private rebuild(what: string, error: unknown): void {
    const log = roomLog(this.matchId());
    try {
      this.match = rebuildMatch(
        this.scenario,
        this.settings,
        this.seed,
        this.log,
        this.match.rulesVersion,
      );
      log.error({ err: error, step: this.match.step }, `fault ${what}: rebuilt from the log`);
    } catch (replayError) {
      log.fatal({ err: error, replayErr: replayError }, `fault ${what}: the log does not replay`);
      // The store's log is the last resort: the flow freezes the match and reloads it from there.
      this.onLostWrite();
    }
  }

  private replace(replayed: { match: MatchState; phaseHashes: PhaseHash[] }): void {
    this.match = replayed.match;
    this.phaseHashes.splice(0, this.phaseHashes.length, ...replayed.phaseHashes);
  }

  /**
   * Ends the phase (the engine's `advance`, with its timeout defaults) and
   * records its hash. Returns the events of the advance (a resolution's
   * account), or null if the engine refused.
   */
  advance(): EngineEvent[] | null {
    return this.closePhase('advance');
  }

  /** The host ends the match (the engine's `endMatch`: scored on the rounds played); its events, or null. */
  endEarly(): EngineEvent[] | null {
    return this.closePhase('endMatch');
  }

  private closePhase(kind: 'advance' | 'endMatch'): EngineEvent[] | null {
    const { round, phase } = this.match;
    const result = this.apply({ kind, round, phase });
    if (!result.ok) {
      if (!result.internal)
        roomLog(this.matchId()).error(`the engine refused to ${kind}: ${result.error}`);
      return null;
    }
    this.phaseHashes.push({ round, phase, hash: this.lastHash });
    return result.events;
  }

  /**
   * Doctrine bots of the host's level play whatever the given seats have to
   * do now, through the engine's one bot driver: a seat that has not
   * finished the phase plays it, one that has answers what it owes (an
   * offer, an invitation, a call, a vote), in every phase and pace. Each
   * decision is made from that seat's view only (what a person there would
   * see), with the bots' own generator; a refused command or "done" ends a
   * bot's turn. Called when a phase starts, after a restart or a reload, and
   * after every command from a person (which may leave a bot owing an answer).
   */
  playBots(seats: Iterable<string> = this.bots): void {
    const bots: Record<string, Bot> = {};
    for (const seat of seats)
      bots[seat] = doctrineBot(doctrineFor(this.scenario, seat), this.botLevel);
    const read = this.match;
    const tryApply = (cmd: Command) => {
      // A fault replaced the match: the driver's state is the half-applied one it started with.
      if (this.match !== read) throw BOTS_STOPPED;
      return this.apply(cmd).ok;
    };
    try {
      playBots(this.scenario, read, bots, this.botRng, tryApply, {
        maxDecisions: BOT_COMMANDS_PER_PHASE,
      });
    } catch (error) {
      // A bot reads views that share objects with the state: a throw there may have changed it too.
      if (error !== BOTS_STOPPED) this.rebuild('playing the bots', error);
    }
  }

  /** Early advance: only when people play, and every seat (people and bots) is done. */
  everyoneDone(): boolean {
    return this.humanSeats.length > 0 && allSeatsDone(this.match);
  }

  /** Replaces the match with the one the stored log gives (after a lost write). */
  reload(log: readonly CommandEntry[]): void {
    this.replace(replayLog(this.scenario, this.settings, this.seed, log, this.match.rulesVersion));
    this.log = [...log];
    this.lastHash = this.log.at(-1)?.stateHash ?? '';
  }

  /**
   * Appends an accepted command (already applied: `step` and the hash are the
   * state after it) to the store's log, after every earlier write. Resolves
   * once it is committed; without a store at once.
   */
  private record(command: Command): Promise<void> {
    const seq = this.match.step;
    const hash = this.parts.hash(this.match);
    this.lastHash = hash;
    const at = Date.now();
    this.log.push({ seq, command, stateHash: hash, at });
    const done = this.writes.chain(`append command ${seq}`, (store) => {
      // After a failed append the log must not get a gap: later commands are dropped too.
      if (this.recovering) throw new Error('an earlier command could not be saved');
      return store.appendCommand(this.matchId(), seq, command, hash, at);
    });
    done.catch(() => this.onLostWrite());
    return done;
  }
}
