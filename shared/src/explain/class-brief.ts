import type { Pace, Phase } from '../vocabulary.ts';

/** What the class is asked to do in a phase, and what happens to a seat that does nothing. */
export interface ClassBrief {
  now: string;
  ifNothing: string;
}

/**
 * The projector's line for the whole class, in the pace being played (quick
 * pace folds responses and crisis calls into Negotiate & Commit). The
 * defaults are those of docs/rules.md §5.7.
 */
export function classBrief(phase: Phase, pace: Pace, lastRound: boolean): ClassBrief {
  const callDefaults =
    'calls that are not treaty calls are hedged, treaty calls are honoured if your plans leave the Power or Wealth (else abandoned), an instigator holds and a vote abstains';
  switch (phase) {
    case 'news':
      return {
        now: 'Read the news: each crisis, who is called and what is at stake. Then press Done.',
        ifNothing: `When the time is up, ${pace === 'quick' ? 'Negotiate & Commit' : 'negotiation'} begins.`,
      };
    case 'diplomacy':
      return pace === 'quick'
        ? {
            now: 'Everything in one phase: make offers, give orders, answer offers and crisis calls, vote. Then press Done.',
            ifNothing: `When the time is up, your draft stands as it is; offers and invitations left open are turned down, ${callDefaults}.`,
          }
        : {
            now: 'Make offers, give orders, lower ties, send invitations. Then press Done.',
            ifNothing: 'When the time is up, your draft stands as it is and Responses begin.',
          };
    case 'responses':
      return {
        now: 'Accept or reject the offers and invitations sent to you. Then press Done.',
        ifNothing: 'When the time is up, offers left open are rejected and invitations declined.',
      };
    case 'calls':
      return {
        now: 'Answer crisis calls, choose Press or Hold, cast Security Council votes. Then press Done.',
        ifNothing: `When the time is up, ${callDefaults}.`,
      };
    case 'resolution':
      return {
        now: 'The round is resolved: read the headlines and your own account. Then press Done.',
        ifNothing: lastRound
          ? 'When the time is up, the match ends and the scores are shown.'
          : 'When the time is up, the next round’s Briefing begins.',
      };
    case 'ended':
      return { now: 'The match is over: see the scores.', ifNothing: '' };
  }
}
