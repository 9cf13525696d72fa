import type { Ctx } from '../ctx.ts';
import { timeoutAnswer } from '../resolve/answers.ts';
import type { MatchState } from '../state.ts';
import type { SeatCommand } from './schema.ts';

/**
 * The commands that stand for a seat whose timer ran out (docs/rules.md §5.7): its
 * draft stays as it is; every call it has not answered gets the timeout
 * answer, an instigator that has not decided holds, a council member that has
 * not voted abstains. Unanswered offers and invitations count as declined.
 */
export function defaultCommands(ctx: Ctx, state: MatchState, seat: string): SeatCommand[] {
  const stamp = { seat, round: state.round, phase: state.phase };
  const out: SeatCommand[] = [];
  for (const crisis of state.crises) {
    if (!crisis.live) continue;
    const card = ctx.card[crisis.card]!;
    if (card.kind === 'vote') {
      if (ctx.councilMembers.includes(seat) && !crisis.votes[seat])
        out.push({ kind: 'vote', ...stamp, crisis: crisis.uid, vote: 'abstain' });
      continue;
    }
    const call = crisis.calls.find((c) => c.actor === seat);
    if (call && !crisis.answers[seat])
      out.push({
        kind: 'answer',
        ...stamp,
        crisis: crisis.uid,
        answer: timeoutAnswer(state, crisis, call),
      });
    if (crisis.instigator === seat && !crisis.press)
      out.push({ kind: 'instigate', ...stamp, crisis: crisis.uid, press: false, power: 0 });
  }
  return out;
}
