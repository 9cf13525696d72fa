import { applyCommand } from '../apply.ts';
import type { Command, SeatCommand } from '../commands/schema.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent } from '../events/types.ts';
import { type RngHolder, seedToState } from '../rng.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { viewFor } from '../view.ts';
import type { Bot } from './bot.ts';
import type { PlayedGame } from './play.ts';

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
  options: {
    keepEvents?: boolean;
    onStep?: (state: MatchState, cmd: Command) => void;
    /** Called with every command a bot returned that the engine refused. */
    onRefused?: (cmd: SeatCommand, error: string) => void;
  } = {},
): PlayedGame {
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const log: Command[] = [];
  const events: EngineEvent[] = options.keepEvents ? [...created.events] : [];
  const rng = { rng: seedToState(`bots:${botSeed}`) };
  const tryRun = (cmd: Command): boolean => {
    const result = applyCommand(scenario, state, cmd);
    if (!result.ok) {
      if ('seat' in cmd) options.onRefused?.(cmd, result.error);
      return false;
    }
    log.push(cmd);
    if (options.keepEvents) events.push(...result.events);
    options.onStep?.(state, cmd);
    return true;
  };
  let guard = 0;
  while (state.phase !== 'ended') {
    if (++guard > 1000) throw new Error('The match did not end');
    const deciding = state.phase !== 'news' && state.phase !== 'resolution';
    if (deciding) {
      for (const seat of state.seats) {
        const bot = bots[seat];
        if (!bot) throw new Error(`No bot for seat ${seat}`);
        playBotPhase(scenario, state, seat, bot, rng, tryRun);
      }
      for (const seat of state.seats)
        if (owesAnswers(state, seat)) playBotPhase(scenario, state, seat, bots[seat]!, rng, tryRun);
    }
    const advance = { kind: 'advance', round: state.round, phase: state.phase } as const;
    if (!tryRun(advance))
      throw new Error(`The driver's command was refused: ${JSON.stringify(advance)}`);
  }
  return { state, log, events };
}
