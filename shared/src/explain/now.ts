import { PHASE_NAMES } from '../commands/phases.ts';
import { ctxOf } from '../ctx.ts';
import { count } from '../events/grammar.ts';
import { legalCommands } from '../legal.ts';
import { actionPointsMax, seatPlan } from '../plan.ts';
import { timeoutAnswer } from '../resolve/answers.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState, ReadonlyState } from '../state.ts';

/**
 * What a seat is asked to do in the phase now, and what happens if it does
 * nothing: one line for the top of the game screen. Built from what the
 * engine lists as legal now and what the timeout defaults would stand for
 * the seat (docs/rules.md §5.7), so it follows the pace in play.
 */
export interface SeatNow {
  /** The decisions the seat owes now, in one sentence. */
  ask: string;
  /** What stands for the seat when the phase ends without it. */
  ifNothing: string;
  /** How many answers (offers, invitations, calls, votes, Press) the seat still owes. */
  owed: number;
  /** The seat has pressed Done (Ready) this phase. */
  done: boolean;
}

export function seatNow(scenario: Scenario, readOnlyState: ReadonlyState, seat: string): SeatNow {
  const state = readOnlyState as MatchState; // a query: it never writes
  const ctx = ctxOf(scenario);
  const done = state.drafts[seat]?.done ?? false;
  if (state.phase === 'ended')
    return { ask: 'The match is over: see the scores.', ifNothing: '', owed: 0, done };
  const legal = legalCommands(scenario, state, seat);
  const has = (kind: string) => legal.some((o) => o.kind === kind);
  const asks: string[] = [];
  const defaults: string[] = [];

  const offers = has('respond')
    ? state.offers.filter((o) => o.to === seat && !o.withdrawn && o.answer === null).length
    : 0;
  const invitations = has('respondInvitation')
    ? state.invitations.filter(
        (i) =>
          i.invitees.includes(seat) && !i.accepted.includes(seat) && !i.declined.includes(seat),
      ).length
    : 0;
  if (offers + invitations > 0) {
    const owedWords = [
      offers > 0 ? count(offers, 'offer') : '',
      invitations > 0 ? count(invitations, 'invitation') : '',
    ].filter(Boolean);
    asks.push(`answer ${owedWords.join(' and ')} made to you`);
    defaults.push(`what you leave unanswered counts as declined`);
  }

  const calls = has('answer')
    ? state.crises.filter(
        (c) => c.live && c.calls.some((k) => k.actor === seat) && !c.answers[seat],
      )
    : [];
  if (calls.length > 0) {
    asks.push(
      `answer ${count(calls.length, 'call')} to help (${calls.map((c) => ctx.card[c.card]!.title).join(', ')})`,
    );
    for (const crisis of calls) {
      const call = crisis.calls.find((k) => k.actor === seat)!;
      const answer = timeoutAnswer(state, crisis, call);
      defaults.push(`you ${TIMEOUT_WORDS[answer.kind]} on ${ctx.card[crisis.card]!.title}`);
    }
  }

  const presses = has('instigate')
    ? state.crises.filter((c) => c.live && c.instigator === seat && !c.press)
    : [];
  if (presses.length > 0) {
    asks.push(`decide whether to press ${presses.map((c) => ctx.card[c.card]!.title).join(', ')}`);
    defaults.push('you hold back instead of pressing');
  }

  const votes = has('vote')
    ? state.crises.filter((c) => c.live && ctx.card[c.card]!.kind === 'vote' && !c.votes[seat])
    : [];
  if (votes.length > 0) {
    asks.push(
      `vote in the Security Council on ${votes.map((c) => ctx.card[c.card]!.title).join(', ')}`,
    );
    defaults.push('you abstain');
  }

  if (has('order')) {
    const left = actionPointsMax(ctx, state, seat) - seatPlan(state, seat).actionPoints;
    asks.unshift(
      left > 0
        ? `spend your ${count(left, 'action point')} on orders and make offers`
        : 'make offers (your action points are spent)',
    );
    defaults.unshift(
      left > 0
        ? 'your orders stand as drafted and unspent points are lost'
        : 'your orders stand as drafted',
    );
  }

  const owed = offers + invitations + calls.length + presses.length + votes.length;
  const phase = PHASE_NAMES[state.phase];
  if (asks.length === 0) {
    const reading =
      state.phase === 'news'
        ? 'Read the new crises and your goals, then press Ready'
        : state.phase === 'resolution'
          ? 'Read what happened this round, then press Ready'
          : `Nothing is asked of you in ${phase}: press Done`;
    return {
      ask: done
        ? `${reading.split(',')[0]}; you are ready, waiting for the others.`
        : `${reading}.`,
      ifNothing: 'The phase ends when every seat is ready or its timer runs out.',
      owed,
      done,
    };
  }
  const ask = `${capitalise(joinWords(asks))}, then press Done.`;
  return {
    ask:
      done && owed === 0 ? `${ask} You are done; you may still change until the phase ends.` : ask,
    ifNothing: `If you do nothing: ${joinWords(defaults)}.`,
    owed,
    done,
  };
}

const TIMEOUT_WORDS: Record<string, string> = {
  hedge: 'hedge',
  honour: 'honour with the least help',
  abandon: 'abandon your treaty partner',
  quiet: 'stay quiet',
  honourIfPressed: 'honour if pressed',
};

function joinWords(parts: string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join('; ')} and ${parts.at(-1)}`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
