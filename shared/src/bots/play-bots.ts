import type { SeatCommand } from '../commands/schema.ts';
import type { RngHolder } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { viewFor } from '../view.ts';
import type { Bot } from './bot.ts';
import { type DriveOptions, driveGame, type PlayedGame } from './play.ts';

/** More decisions than any seat needs in one phase: a bot that keeps going is stopped with "done". */
const MAX_DECISIONS = 40;

/**
 * A whole phase of one bot for one seat, through `tryApply` (applies a
 * command if legal and says whether it did). The bot sees only
 * viewFor(state, seat), afresh after every accepted command. A refused
 * command ends its turn (the tests make sure that never happens).
 */
export function playBotPhase(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bot: Bot,
  rng: RngHolder,
  tryApply: (cmd: SeatCommand) => boolean,
  budgetMs?: number,
): void {
  const stamp = { seat, round: state.round, phase: state.phase };
  for (let i = 0; i < MAX_DECISIONS; i++) {
    const cmd = bot.decide(scenario, viewFor(state, seat), {
      rng,
      ...(budgetMs === undefined ? {} : { budgetMs }),
    });
    if (!cmd) return;
    if (!tryApply(cmd)) break;
    if (cmd.kind === 'done') return;
  }
  tryApply({ kind: 'done', ...stamp, done: true });
}

/** Whether a seat has offers or invitations waiting for its answer (sent after it finished). */
function owesAnswers(state: MatchState, seat: string): boolean {
  return (
    state.offers.some((o) => o.to === seat && o.answer === null && !o.withdrawn) ||
    state.invitations.some(
      (i) => i.invitees.includes(seat) && !i.accepted.includes(seat) && !i.declined.includes(seat),
    )
  );
}

/**
 * Plays a whole match with a bot in every seat, advancing each phase once
 * every seat is done; in a phase that takes answers, seats that received
 * offers after finishing get a second turn, as people would. Deterministic
 * in (scenario, settings, seed, bots, botSeed).
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
    for (const seat of state.seats) {
      const bot = bots[seat];
      if (!bot) throw new Error(`No bot for seat ${seat}`);
      playBotPhase(scenario, state, seat, bot, rng, tryRun);
    }
    for (const seat of state.seats)
      if (owesAnswers(state, seat)) playBotPhase(scenario, state, seat, bots[seat]!, rng, tryRun);
  });
}
