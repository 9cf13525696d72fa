import { owedDecisions } from '../commands/owed.ts';
import type { Answer, SeatCommand } from '../commands/schema.ts';
import { nextFloat, nextInt, type RngHolder } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { SeatView } from '../view.ts';
import type { Doctrine } from './doctrine.ts';
import { rerank } from './lookahead.ts';
import { randomCandidates } from './random.ts';
import { isLegal, type Situation, situationOf } from './situation.ts';

export type BotLevel = 'easy' | 'normal' | 'hard';
export const BOT_LEVELS: readonly BotLevel[] = ['easy', 'normal', 'hard'];

export interface BotOptions {
  /** The bot's own generator (never the match's): decisions are deterministic in it. */
  rng: RngHolder;
  /** Time the caller allows; the doctrine bots decide well within 1 s and ignore it. */
  budgetMs?: number;
}

/**
 * A bot plays one seat. Its only input about the match is that seat's view:
 * each call returns the seat's next command in the current phase, "done"
 * when it has nothing more to do, and null when the phase takes nothing
 * from it (the match has ended). Every command it returns is legal
 * on the view (and so on the match: seat-state.test.ts).
 */
export interface Bot {
  id: string;
  level: BotLevel;
  decide(scenario: Scenario, view: SeatView, options: BotOptions): SeatCommand | null;
}

/** How often the easy level turns a decision it owes (an offer, a call) the other way. */
const EASY_NOISE = 0.3;

function done(s: Situation): SeatCommand {
  return { kind: 'done', ...s.stamp, done: true };
}

function firstLegal(s: Situation, cmds: Iterable<SeatCommand>): SeatCommand | null {
  for (const cmd of cmds) if (isLegal(s, cmd)) return cmd;
  return null;
}

/** The decisions the seat owes now, each as alternatives in order (offers, invitations, calls, Press, votes, mandates). */
function obligations(s: Situation, d: Doctrine, easy: boolean): SeatCommand[][] {
  const { stamp } = s;
  const flip = (yes: boolean) => (easy && nextFloat(s.rng) < EASY_NOISE ? !yes : yes);
  return owedDecisions(s.ctx, s.state, s.seat).map((owed): SeatCommand[] => {
    switch (owed.kind) {
      case 'respond': {
        const offer = owed.offer.id;
        // A favour offer may only be refused with 2 Wealth to pay: accepting is the fallback.
        return [
          { kind: 'respond', ...stamp, offer, accept: flip(d.acceptOffer(s, owed.offer)) },
          { kind: 'respond', ...stamp, offer, accept: true },
        ];
      }
      case 'respondInvitation':
        return [
          {
            kind: 'respondInvitation',
            ...stamp,
            invitation: owed.invitation.id,
            accept: flip(d.acceptInvitation(s, owed.invitation)),
          },
        ];
      case 'answer': {
        let answers: Answer[] = d.answer(s, owed.crisis, owed.call);
        if (easy && nextFloat(s.rng) < EASY_NOISE) answers = [...answers].reverse();
        const crisis = owed.crisis.uid;
        return answers.map((answer) => ({ kind: 'answer', ...stamp, crisis, answer }));
      }
      case 'instigate': {
        const crisis = owed.crisis.uid;
        const p = d.press(s, owed.crisis);
        return [
          { kind: 'instigate', ...stamp, crisis, press: p.press, power: p.power },
          { kind: 'instigate', ...stamp, crisis, press: p.press, power: 1 },
          { kind: 'instigate', ...stamp, crisis, press: false, power: 0 },
        ];
      }
      case 'vote': {
        const crisis = owed.crisis.uid;
        return [
          { kind: 'vote', ...stamp, crisis, vote: d.vote(s, owed.crisis) },
          { kind: 'vote', ...stamp, crisis, vote: 'abstain' },
        ];
      }
    }
    const crisis = owed.crisis.uid;
    return [
      { kind: 'mandate', ...stamp, crisis, choice: d.mandate(s, owed.crisis) },
      { kind: 'mandate', ...stamp, crisis, choice: 'limit' },
    ];
  });
}

function lowers(s: Situation, d: Doctrine): SeatCommand[] {
  if (!s.kinds.includes('lower')) return [];
  const already = new Set(s.state.drafts[s.seat]?.lowers.map((l) => l.partner));
  return d
    .lowers(s)
    .filter((p) => !already.has(p))
    .map((partner) => ({ kind: 'lower', ...s.stamp, partner }));
}

/**
 * How loosely each level plays its doctrine: how often it spends an action
 * point on a random legal order instead, and how often it takes its second
 * wish rather than its first. A little looseness even in normal and hard
 * keeps self-play games from repeating one another (balance needs variety),
 * and random orders never include offers, so a doctrine's ties stay its own.
 */
const LOOSENESS: Record<BotLevel, { random: number; second: number }> = {
  easy: { random: 0.3, second: 0.4 },
  normal: { random: 0.08, second: 0.25 },
  hard: { random: 0.04, second: 0.15 },
};

function initiatives(s: Situation, d: Doctrine, level: BotLevel): SeatCommand[] {
  if (s.apLeft <= 0 || !(s.kinds.includes('order') || s.kinds.includes('offer'))) return [];
  const loose = LOOSENESS[level];
  let wishes = d.initiatives(s).filter((c) => isLegal(s, c));
  if (level === 'hard') wishes = rerank(s, wishes);
  if (nextFloat(s.rng) < loose.random) {
    const random = randomCandidates(s.scenario, s.state, s.seat, s.rng).filter(
      (c) => c.kind === 'order' || (level === 'easy' && c.kind === 'offer'),
    );
    if (random.length > 0) return [random[nextInt(s.rng, random.length)]!, ...wishes];
  }
  if (wishes.length > 1 && nextFloat(s.rng) < loose.second)
    return [wishes[1]!, wishes[0]!, ...wishes.slice(2)];
  return wishes;
}

/** A doctrine played at a level: easy adds noise, normal plays it straight, hard looks one round ahead. */
export function doctrineBot(doctrine: Doctrine, level: BotLevel): Bot {
  return {
    id: `${doctrine.id}-${level}`,
    level,
    decide(scenario, view, { rng }) {
      const s = situationOf(scenario, view, rng);
      if (s.kinds.length === 0) return null;
      for (const alternatives of obligations(s, doctrine, level === 'easy')) {
        const cmd = firstLegal(s, alternatives);
        if (cmd) return cmd;
      }
      return (
        firstLegal(s, lowers(s, doctrine)) ??
        firstLegal(s, initiatives(s, doctrine, level)) ??
        done(s)
      );
    },
  };
}
