import { z } from 'zod';
import { applyCommand } from '../apply.ts';
import { type Command, type SeatCommand, SeatCommandSchema } from '../commands/schema.ts';
import type { EngineEvent } from '../events/types.ts';
import { cloneState } from '../hash.ts';
import type { MatchState } from '../state.ts';
import { PHASES, type Phase } from '../vocabulary.ts';
import type { Replay } from './replay.ts';

/**
 * A fork ("what if?") of a finished match: the original's commands up to a
 * moment of its timeline, optionally one seat's decisions of that phase
 * replaced, optionally a `reseed` command (the dice drawn afresh), then new
 * commands played live. Its log is an ordinary log, so a fork replays like
 * any match; `ForkOrigin` only names where it came from (docs/replays.md, "Forks").
 */

const Id = z.string().min(1).max(40);

/** One seat's decisions of the fork's phase, put in place of those it made in the original. */
export const ForkChangeSchema = z.object({
  seat: Id,
  /** At most as many as a phase takes from one seat (the import's bound per seat and phase). */
  commands: z.array(SeatCommandSchema).max(60),
});
export type ForkChange = z.infer<typeof ForkChangeSchema>;

/** What the host asks for: which moment, fresh dice or not, and the one changed decision. */
export const ForkRequestSchema = z.object({
  /** The timeline entry (`Replay.timeline[entry]`): the fork starts at the moment it shows. */
  entry: z.number().int().min(0).max(200),
  /** Draw the dice afresh from the fork point on (a `reseed` command); false: as they were. */
  reseed: z.boolean().default(false),
  change: ForkChangeSchema.optional(),
});
export type ForkRequest = z.infer<typeof ForkRequestSchema>;

/** Where a fork came from: kept with the fork's match and in its match file. */
export const ForkOriginSchema = z.object({
  /** The original match's id. */
  from: z.string().min(1).max(100),
  /** The original's stored hash at the end of the phase forked (which content it was). */
  fromHash: z.string().regex(/^[0-9a-f]{16}$/),
  entry: z.number().int().min(0).max(200),
  round: z.number().int().min(1).max(16),
  phase: z.enum(PHASES),
  /** Commands of the fork's log that are the original's moment (with the change), before any reseed. */
  step: z.number().int().min(0),
  reseeded: z.boolean(),
  /** The seat whose decisions in that phase were replaced, if one was. */
  changedSeat: Id.optional(),
});
export type ForkOrigin = z.infer<typeof ForkOriginSchema>;

export interface ForkPlan {
  /** The fork's log so far: the original's up to the moment (with the change), then the reseed. */
  commands: Command[];
  /** The state the fork starts from (the engine's, after `commands`). */
  state: MatchState;
  origin: Omit<ForkOrigin, 'from'>;
}

export type ForkResult = { ok: true; plan: ForkPlan } | { ok: false; error: string };

/**
 * The fork of a replayed match at timeline entry `request.entry`: the
 * moment shown there (the end of that phase, every decision made, before
 * its closing advance). With a change, the seat's commands of that phase
 * are dropped and the given ones put where its first one was (or at the
 * end), so the others' offers keep their ids; every command of the phase is
 * applied again and the first the engine refuses refuses the fork.
 * `reseed` is the new seed when the dice are drawn afresh (null: as they were).
 */
export function planFork(
  replay: Replay,
  log: readonly Command[],
  request: { entry: number; reseed: string | null; change?: ForkChange | undefined },
): ForkResult {
  const entry = replay.timeline[request.entry];
  if (!entry || entry.hash === null)
    return {
      ok: false,
      error: `Moment ${request.entry} is not a phase that was played: fork at one of 0 to ${replay.timeline.length - 2}.`,
    };
  if (log.length !== replay.steps)
    return { ok: false, error: 'The log is not the one this replay was opened on.' };
  const { round, phase } = entry;
  let phaseCommands = log.slice(entry.startStep, entry.endStep);
  if (request.change && !replay.stateAt(0).seats.includes(request.change.seat))
    return { ok: false, error: `"${request.change.seat}" is not a seat of this match.` };
  if (request.change) {
    const changed = changedPhase(phaseCommands, request.change, round, phase);
    if (typeof changed === 'string') return { ok: false, error: changed };
    phaseCommands = changed;
  }
  const state = replay.stateAtStep(entry.startStep);
  for (const [i, command] of phaseCommands.entries()) {
    const result = applyCommand(replay.scenario, state, command);
    if (!result.ok) {
      const who = 'seat' in command ? `${command.seat}'s ` : '';
      return {
        ok: false,
        error: `With that change the phase does not play: ${who}command ${i + 1} of the phase (${command.kind}) is refused: ${result.error}`,
      };
    }
  }
  const commands = [...log.slice(0, entry.startStep), ...phaseCommands];
  const step = commands.length;
  if (request.reseed !== null) {
    const reseed: Command = { kind: 'reseed', round, phase, seed: request.reseed };
    applyCommand(replay.scenario, state, reseed);
    commands.push(reseed);
  }
  return {
    ok: true,
    plan: {
      commands,
      state,
      origin: {
        fromHash: entry.hash,
        entry: entry.index,
        round,
        phase,
        step,
        reseeded: request.reseed !== null,
        ...(request.change ? { changedSeat: request.change.seat } : {}),
      },
    },
  };
}

/** The phase's commands with `change.seat`'s replaced, or why the change is refused. */
function changedPhase(
  phaseCommands: readonly Command[],
  change: ForkChange,
  round: number,
  phase: Phase,
): Command[] | string {
  const other = change.commands.find((c) => c.seat !== change.seat);
  if (other) return `A change replaces one seat's decisions: ${other.seat} is not ${change.seat}.`;
  const stamped: SeatCommand[] = change.commands.map((c) => ({ ...c, round, phase }));
  const isSeat = (c: Command) => 'seat' in c && c.seat === change.seat;
  const first = phaseCommands.findIndex(isSeat);
  const kept = phaseCommands.filter((c) => !isSeat(c));
  const at =
    first < 0 ? kept.length : phaseCommands.slice(0, first).filter((c) => !isSeat(c)).length;
  return [...kept.slice(0, at), ...stamped, ...kept.slice(at)];
}

/** Events that show who a phase's end drew in: calls answered, entrapments, abandonments, wars. */
const DRAWN_IN: ReadonlySet<string> = new Set([
  'callHonoured',
  'callHedged',
  'callHollow',
  'entrapment',
  'abandonment',
  'crisisWon',
  'crisisHeld',
  'stalemate',
  'crisisDefused',
  'greatPowerWar',
]);

export interface ForkPreview {
  /** What the phase's closing advance did in the original. */
  original: EngineEvent[];
  /** What it does from the fork's state (with the change, and the fresh dice if reseeded). */
  fork: EngineEvent[];
  /** Actors the fork's end of phase draws in (honour, entrapment, war) that the original's did not. */
  drawnIn: string[];
  /** Actors the original's drew in that the fork's does not. */
  leftOut: string[];
}

/**
 * The engine's preview of a fork: the end of the forked phase played both
 * ways, on copies (nothing changes). "Drawn in" are the actors whose
 * crisis call or war the end of phase settles with them in it.
 */
export function previewFork(replay: Replay, plan: ForkPlan): ForkPreview {
  const entry = replay.timeline[plan.origin.entry]!;
  const close = (state: MatchState) => {
    const result = applyCommand(replay.scenario, state, {
      kind: 'advance',
      round: entry.round,
      phase: entry.phase,
    });
    return result.ok ? result.events.filter((e) => DRAWN_IN.has(e.type)) : [];
  };
  const original = close(replay.stateAtStep(entry.endStep));
  const fork = close(cloneState(plan.state));
  const involved = (events: EngineEvent[]) =>
    new Set(
      events
        .filter((e) => ['callHonoured', 'entrapment', 'greatPowerWar'].includes(e.type))
        .flatMap((e) => (e.type === 'greatPowerWar' ? e.actors : e.actors.slice(0, 1))),
    );
  const before = involved(original);
  const after = involved(fork);
  return {
    original,
    fork,
    drawnIn: [...after].filter((a) => !before.has(a)),
    leftOut: [...before].filter((a) => !after.has(a)),
  };
}
