import { OWED_KINDS, owedDecisions } from '../commands/owed.ts';
import type { SeatCommand } from '../commands/schema.ts';
import { ctxOf } from '../ctx.ts';
import type { RngHolder } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import type { SeatView } from '../view.ts';
import type { Bot } from './bot.ts';

/** More decisions than any seat needs in one turn: a bot that keeps going is stopped with "done". */
const MAX_DECISIONS = 40;

/**
 * Rounds of "every seat with something to do": one bot's offer to a seat
 * that has already played is answered in the next; answers create nothing
 * new, so two are enough and the rest is a guard.
 */
const MAX_PASSES = 4;

export interface BotTurnOptions {
  /** What the bot is shown of the state for `seat` (the match drivers give the seat's view). */
  view: (state: MatchState, seat: string) => SeatView;
  /** Applies a command if legal and says whether it did. */
  tryApply: (cmd: SeatCommand) => boolean;
  /** The bots' own generator (never the match's): the driver is deterministic in it. */
  rng: RngHolder;
  budgetMs?: number;
  /** Decisions one seat may take in one turn (default 40). */
  maxDecisions?: number;
  /** The order seats play in (default the match's seat order). */
  order?: readonly string[];
}

/**
 * A seat's whole turn in the phase: the bot is fed a fresh view after every
 * accepted command until it says "done" (at most `maxDecisions`, then it is
 * marked done). A refused command ends its turn the same way.
 */
function playBotTurn(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bot: Bot,
  options: BotTurnOptions,
): void {
  if (feed(scenario, state, seat, bot, options, () => true) === 'cut')
    options.tryApply({ kind: 'done', seat, round: state.round, phase: state.phase, done: true });
}

/**
 * The decisions a seat that has finished its turn still owes (something sent
 * to it afterwards): the bot answers them and stays done. Whatever else it
 * would do (an order, another offer) waits: "done" means its turn is over.
 */
function playOwed(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bot: Bot,
  options: BotTurnOptions,
): void {
  feed(scenario, state, seat, bot, options, (cmd) => OWED_KINDS.has(cmd.kind));
}

/**
 * Feeds the bot fresh views and applies its commands while it wants
 * something `wanted` lets through: "finished" when it stops of itself (done,
 * nothing more, or something not wanted), "cut" when a command was refused
 * or it ran out of decisions.
 */
function feed(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bot: Bot,
  options: BotTurnOptions,
  wanted: (cmd: SeatCommand) => boolean,
): 'finished' | 'cut' {
  const decisions = options.maxDecisions ?? MAX_DECISIONS;
  for (let i = 0; i < decisions; i++) {
    const cmd = decide(scenario, state, seat, bot, options);
    if (!cmd || !wanted(cmd)) return 'finished';
    if (!options.tryApply(cmd)) return 'cut';
    if (cmd.kind === 'done') return 'finished';
  }
  return 'cut';
}

function decide(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bot: Bot,
  { view, rng, budgetMs }: BotTurnOptions,
): SeatCommand | null {
  return bot.decide(scenario, view(state, seat), {
    rng,
    ...(budgetMs === undefined ? {} : { budgetMs }),
  });
}

/**
 * The one bot driver: every seat in `bots` that has something to do now
 * plays it, in seat order. A seat that has not marked itself done plays its
 * turn; one that has answers what it owes (offers, invitations, calls,
 * Press or Hold, votes, mandates), in every phase and pace. Passes repeat
 * until no bot seat has anything left, so a bot's offer to a seat that
 * played before it is answered too. Deterministic in the bots' generator.
 */
export function playBotsNow(
  scenario: Scenario,
  state: MatchState,
  bots: Readonly<Record<string, Bot>>,
  options: BotTurnOptions,
): void {
  const ctx = ctxOf(scenario);
  const order = options.order ?? state.seats;
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let played = false;
    for (const seat of order) {
      const bot = bots[seat];
      if (!bot || state.phase === 'ended') continue;
      if (!state.drafts[seat]?.done) playBotTurn(scenario, state, seat, bot, options);
      else if (owedDecisions(ctx, state, seat).length > 0)
        playOwed(scenario, state, seat, bot, options);
      else continue;
      played = true;
    }
    if (!played) return;
  }
}
