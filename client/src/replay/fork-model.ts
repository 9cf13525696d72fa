import type { Answer, Command, Replay, SeatCommand } from '@entanglement/shared';

/** How the host changes one of the seat's commands of the phase: keep, drop, or answer otherwise. */
export interface DecisionEdit {
  keep: boolean;
  /** For an answer: the answer given instead (its kind and what an honour commits). */
  answer?: Pick<Answer, 'kind' | 'power' | 'wealth'>;
}

/** The commands `seat` gave in the phase of timeline entry `index` (before its closing advance). */
export function seatDecisions(
  replay: Replay,
  log: readonly Command[],
  index: number,
  seat: string,
): SeatCommand[] {
  const entry = replay.timeline[index];
  if (!entry) return [];
  return log
    .slice(entry.startStep, entry.endStep)
    .filter((c): c is SeatCommand => 'seat' in c && c.seat === seat);
}

/**
 * The seat's commands with the host's edits: dropped ones left out, answers
 * given otherwise. Null when nothing changed (no change to send).
 */
export function editedDecisions(
  decisions: readonly SeatCommand[],
  edits: readonly DecisionEdit[],
): SeatCommand[] | null {
  let changed = false;
  const out: SeatCommand[] = [];
  decisions.forEach((cmd, i) => {
    const edit = edits[i] ?? { keep: true };
    if (!edit.keep) {
      changed = true;
      return;
    }
    if (cmd.kind === 'answer' && edit.answer) {
      const answer = { ...cmd.answer, ...edit.answer };
      const honours = answer.kind === 'honour' || answer.kind === 'honourIfPressed';
      if (!honours) Object.assign(answer, { power: 0, wealth: 0 });
      if (
        answer.kind !== cmd.answer.kind ||
        answer.power !== cmd.answer.power ||
        answer.wealth !== cmd.answer.wealth
      )
        changed = true;
      out.push({ ...cmd, answer });
      return;
    }
    out.push(cmd);
  });
  return changed ? out : null;
}
