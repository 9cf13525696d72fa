import type { SeatCommand } from '../commands/schema.ts';
import type { RngHolder } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { viewFor } from '../view.ts';
import type { Bot } from './bot.ts';
import { type BotTurnOptions, playBotsNow } from './bot-turns.ts';
import { type DriveOptions, driveFrom, driveGame, type PlayedGame } from './play.ts';

/**
 * Every bot seat of a match that has something to do now plays it (its
 * turn, or the answers it owes after finishing), each bot seeing only
 * viewFor(state, seat), afresh after every accepted command, through
 * `tryApply` (applies a command if legal and says whether it did). The
 * server calls this when a phase starts, after a restart and whenever a
 * person's command leaves a bot seat owing an answer; playBotGame calls it
 * for every phase.
 */
export function playBots(
  scenario: Scenario,
  state: MatchState,
  bots: Readonly<Record<string, Bot>>,
  rng: RngHolder,
  tryApply: (cmd: SeatCommand) => boolean,
  options: Pick<BotTurnOptions, 'budgetMs' | 'maxDecisions'> = {},
): void {
  playBotsNow(scenario, state, bots, { ...options, view: viewFor, tryApply, rng });
}

/**
 * Plays a whole match with a bot in every seat, advancing each phase once
 * every seat is done; seats that received offers after finishing answer
 * them, as people would. Deterministic in (scenario, settings, seed, bots,
 * botSeed).
 */
export function playBotGame(
  scenario: Scenario,
  settings: SettingsInput,
  seed: string,
  bots: Record<string, Bot>,
  botSeed = seed,
  options: DriveOptions = {},
): PlayedGame {
  return driveGame(scenario, settings, seed, botSeed, options, (state, rng, tryRun) => {
    for (const seat of state.seats) if (!bots[seat]) throw new Error(`No bot for seat ${seat}`);
    playBots(scenario, state, bots, rng, tryRun);
  });
}

/**
 * Bots play a match on from `state` (changed in place) to its end, each
 * phase advancing once they are done: a fork's "bots play on".
 * Deterministic in (state, bots, botSeed).
 */
export function playBotsOn(
  scenario: Scenario,
  state: MatchState,
  bots: Record<string, Bot>,
  botSeed: string,
  options: DriveOptions = {},
): PlayedGame {
  return driveFrom(scenario, state, botSeed, options, (s, rng, tryRun) =>
    playBots(scenario, s, bots, rng, tryRun),
  );
}
