import { RULES } from '../rules.ts';
import type { MatchEnding } from '../state.ts';
import { emit, type Tx } from '../tx.ts';
import { applyMediation, resolveCrises, settleDecisions } from './crises.ts';
import { applyIncome, applySpending } from './economy.ts';
import { applyPresence } from './presence.ts';
import { endOfRound } from './round-end.ts';
import { applyNoticesAndLowers, applyOffers, npcAnswerOffers } from './tie-changes.ts';

/**
 * Resolution (docs/rules.md §6), in its fixed order. All randomness comes from
 * the match's generator. When Tension reaches 10 the match ends after the
 * step in which it did.
 */
export function resolveRound(tx: Tx): void {
  const { state } = tx;
  state.phase = 'resolution';
  const steps: (() => void)[] = [
    () => {
      npcAnswerOffers(tx);
      applyNoticesAndLowers(tx);
    },
    () => applyPresence(tx),
    () => applyMediation(tx),
    () => {
      const cc = settleDecisions(tx);
      if (state.tension < RULES.maxTension) resolveCrises(tx, cc);
    },
    () => applyOffers(tx),
    () => applySpending(tx),
    () => applyIncome(tx),
    () => endOfRound(tx),
  ];
  for (const step of steps) {
    step();
    if (state.tension >= RULES.maxTension) {
      finish(tx, 'greatPowerWar');
      return;
    }
  }
  if (state.round >= state.settings.rounds) finish(tx, 'lastRound');
}

/** The match is over: scored on the rounds whose resolution was played. */
export function finish(tx: Tx, reason: MatchEnding['reason']): void {
  const { state } = tx;
  const roundsPlayed = state.phase === 'resolution' ? state.round : state.round - 1;
  state.ending = { round: state.round, reason, roundsPlayed };
  state.phase = 'ended';
  emit(tx, { type: 'matchEnded', actors: state.warMakers, detail: { reason } });
}
