import { applyCommand } from '../apply.ts';
import type { SeatCommand } from '../commands/schema.ts';
import { ctxOf } from '../ctx.ts';
import { seatPar } from '../goals.ts';
import { cloneState } from '../hash.ts';
import { nextInt, type RngHolder, seedToState, shuffle } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scoreMatch } from '../scoring.ts';
import type { MatchState } from '../state.ts';
import type { SeatView } from '../view.ts';
import { type Bot, type BotLevel, doctrineBot } from './bot.ts';
import { playBotsNow } from './bot-turns.ts';
import { honours, refusal } from './doctrine.ts';
import { evaluate, rerank } from './lookahead.ts';
import { randomCandidates } from './random.ts';
import { doctrineFor } from './roster.ts';
import { isLegal, type Situation, situationOf } from './situation.ts';

export interface SearchOptions {
  /** Rollouts per candidate when no clock is given (default 3): the whole search then. */
  rollouts?: number;
  /** Candidates compared at one decision, the doctrine's own choice first (default 6). */
  candidates?: number;
  /** Time allowed per decision when a clock is given (default 200 ms; the caller's budgetMs wins). */
  budgetMs?: number;
  /**
   * A clock in milliseconds, injected by the caller (a script passes
   * performance.now). Without one the search counts rollouts only, so it
   * stays pure and deterministic.
   */
  now?: () => number;
  /** The level the rollouts play every seat at (default normal: cheap and close to hard). */
  rolloutLevel?: BotLevel;
  /** Rounds each rollout plays to the end of, the current one included (default 1). */
  horizon?: number;
  /** The level of the doctrine the bot proposes candidates from (default hard). */
  level?: BotLevel;
  /**
   * Weight on the rivals (default 0): a rollout's value is the seat's own
   * evaluation against its par, minus this times the best other seat's (each
   * other seat judged on its own goals and sampled objective). Winning is
   * ranking first, so a position that helps a rival more is worth less.
   */
  rivals?: number;
  /**
   * Rounds from the end in which rollouts play to the end of the match and
   * count wins (share of rank 1) rather than the seat's standing (default 2).
   */
  endgame?: number;
  /** Most rollouts per candidate when a clock is given (default 64): the budget usually stops first. */
  maxRollouts?: number;
}

/** Kinds the doctrine spends action points on (or stops with): where alternatives are worth comparing. */
const INITIATIVE: ReadonlySet<SeatCommand['kind']> = new Set(['order', 'offer', 'invite', 'done']);

function key(cmd: SeatCommand): string {
  return JSON.stringify(cmd);
}

/** Votes a council member may cast. */
const VOTES = ['yes', 'abstain', 'veto'] as const;

/**
 * The commands worth comparing now, all legal on the view, the doctrine's
 * own choice first: for an initiative, its next few wishes (ranked by the
 * hard level's lookahead), a couple of other legal orders and stopping; for
 * an offer or invitation, both answers; for a call, the doctrine's answers,
 * honouring with Power or Wealth, quiet support and the refusal; for a vote,
 * every vote; for a crisis it started, pressing or holding.
 */
export function candidatesFor(s: Situation, first: SeatCommand, max: number): SeatCommand[] {
  const out: SeatCommand[] = [first];
  const seen = new Set([key(first)]);
  const add = (cmd: SeatCommand) => {
    if (out.length >= max || seen.has(key(cmd)) || !isLegal(s, cmd)) return;
    seen.add(key(cmd));
    out.push(cmd);
  };
  const doctrine = doctrineFor(s.scenario, s.seat);
  if (INITIATIVE.has(first.kind)) {
    if (s.apLeft > 0 && (s.kinds.includes('order') || s.kinds.includes('offer'))) {
      const wishes = rerank(
        s,
        doctrine.initiatives(s).filter((c) => isLegal(s, c)),
      );
      // Room for stopping and one order the doctrine would not think of.
      const wished = wishes.slice(0, Math.max(1, max - 3));
      for (const cmd of wished) add(cmd);
      if (first.kind !== 'done') add({ kind: 'done', ...s.stamp, done: true });
      for (const cmd of randomCandidates(s.scenario, s.state, s.seat, s.rng))
        if (cmd.kind === 'order') add(cmd);
    }
    if (first.kind !== 'done') add({ kind: 'done', ...s.stamp, done: true });
  } else if (first.kind === 'respond' || first.kind === 'respondInvitation') {
    add({ ...first, accept: !first.accept });
  } else if (first.kind === 'answer') {
    const crisis = s.state.crises.find((c) => c.uid === first.crisis);
    const call = crisis?.calls.find((c) => c.actor === s.seat);
    if (crisis && call) {
      const side = first.answer.side;
      const answers = [
        ...doctrine.answer(s, crisis, call),
        refusal(s, call),
        ...honours(s, call, 2),
        { kind: 'quiet' as const, ...(side ? { side } : {}), power: 0, wealth: 0 },
      ];
      for (const answer of answers) add({ ...first, answer });
    }
  } else if (first.kind === 'vote') {
    for (const vote of VOTES) add({ ...first, vote });
  } else if (first.kind === 'instigate') {
    add({ ...first, press: !first.press, power: first.press ? 0 : Math.max(1, first.power) });
    add({ ...first, press: false, power: 0 });
  }
  return out;
}

/**
 * One full state consistent with the seat's view, with the hidden parts
 * sampled from the bot's generator: the deck (the scenario's unseen crisis
 * cards, shuffled, as many as the view says are left), other seats' secret
 * objectives and held cards, and the match generator. Other seats' hidden
 * drafts and answers are left empty and not done: the rollout's bots play them.
 */
function determinize(s: Situation, rng: RngHolder): MatchState {
  const state = cloneState(s.state);
  const { scenario, ctx, seat } = s;
  const used = new Set<string>([...state.discard, ...state.crises.map((c) => c.card)]);
  for (const p of state.prepared) used.add(p.card);
  const unseen = ctxOf(scenario).deckCards.filter((id) => !used.has(id));
  state.deck = shuffle(rng, unseen).slice(0, Math.min(unseen.length, s.view.deckSize));
  const dealt = new Set<string>();
  const mine = state.actors[seat]!.objective;
  if (mine) dealt.add(mine);
  for (const id of state.seats) {
    if (id === seat) continue;
    const a = state.actors[id]!;
    const kind = ctx.actor[id]!.kind;
    const pool = scenario.objectives
      .filter((o) => !dealt.has(o.id) && (o.for === 'any' || o.for === kind))
      .map((o) => o.id);
    if (pool.length > 0) {
      const pick = pool[nextInt(rng, pool.length)]!;
      a.objective = pick;
      dealt.add(pick);
    }
    const lever = ctx.actor[id]!.seat?.lever;
    if (a.hand.some((c) => c === 'hidden'))
      a.hand =
        lever?.kind === 'holdsCards' ? shuffle(rng, [...lever.cards]).slice(0, a.hand.length) : [];
    const draft = state.drafts[id];
    if (draft) draft.done = false;
  }
  state.rng = seedToState(`search:${nextInt(rng, 2 ** 30)}`);
  return state;
}

/**
 * What a rollout's bot sees of a sampled world. The world is the search
 * bot's own construction from its seat's view (determinize), so nothing in
 * it is a secret of the match: the rollout bots see it whole, as a view with
 * the deck and generator left out as in every view.
 */
function worldView(state: MatchState, seat: string): SeatView {
  const { deck, rng: _rng, ...rest } = state;
  return { ...rest, rng: 0, viewer: seat, deckSize: deck.length };
}

/**
 * Plays on from a determinized state: every seat (this one first, the others
 * in seat order) finishes the phase with a doctrine bot, the driver advances,
 * and so on until `horizon` rounds have resolved or the match ends.
 */
function rollout(
  scenario: Scenario,
  state: MatchState,
  seat: string,
  bots: Record<string, Bot>,
  rng: RngHolder,
  horizon: number,
): MatchState {
  const lastRound = state.round + horizon - 1;
  for (let guard = 0; guard < 40 * horizon; guard++) {
    if (state.phase === 'ended') break;
    if (state.phase === 'resolution' && state.round >= lastRound) break;
    if (state.phase !== 'news' && state.phase !== 'resolution') {
      const order = [seat, ...state.seats.filter((x) => x !== seat)];
      const tryApply = (cmd: SeatCommand) => applyCommand(scenario, state, cmd).ok;
      playBotsNow(scenario, state, bots, { view: worldView, tryApply, rng, order });
    }
    if (
      !applyCommand(scenario, state, { kind: 'advance', round: state.round, phase: state.phase }).ok
    )
      break;
  }
  return state;
}

/** A seat's evaluation against its par: what ranks seats. */
function standing(s: Situation, state: MatchState, seat: string): number {
  const def = s.ctx.actor[seat]!;
  const as = seat === s.seat ? s : { ...s, seat, goals: def.seat?.goals ?? [] };
  return evaluate(as, state) - seatPar(s.ctx, state, seat);
}

/** A rollout's value for the seat: its standing, less `rivals` times the best other seat's. */
function value(s: Situation, state: MatchState, rivals: number): number {
  const mine = standing(s, state, s.seat);
  if (rivals === 0) return mine;
  let best = Number.NEGATIVE_INFINITY;
  for (const x of state.seats) if (x !== s.seat) best = Math.max(best, standing(s, state, x));
  return mine - rivals * best;
}

/**
 * The seat's share of the win in a finished match: rank 1, shared with the
 * seats level with the top on war-making, margin and Reputation.
 */
export function winShare(scenario: Scenario, state: MatchState, seat: string): number {
  const scores = scoreMatch(scenario, state);
  const top = scores[0]!;
  const rep = (x: string) => state.actors[x]!.reputation;
  const level = scores.filter(
    (sc) =>
      sc.warMaker === top.warMaker && sc.margin === top.margin && rep(sc.seat) === rep(top.seat),
  );
  return level.some((sc) => sc.seat === seat) ? 1 / level.length : 0;
}

/**
 * A finished rollout's value: the seat's share of the win, plus a tenth of
 * its margin over the best other seat's (which orders the near misses).
 */
function finalValue(s: Situation, state: MatchState): number {
  const scores = scoreMatch(s.scenario, state);
  const mine = scores.find((sc) => sc.seat === s.seat)!;
  const best = Math.max(...scores.filter((sc) => sc.seat !== s.seat).map((sc) => sc.margin));
  return winShare(s.scenario, state, s.seat) + 0.1 * (mine.margin - best);
}

/**
 * A Monte Carlo search bot: at each decision it takes the hard doctrine
 * bot's choice and a few alternatives (all legal on the view), and for each
 * plays rollouts to the end of the round from full states sampled to agree
 * with the view (determinization: deck, others' objectives, hands, drafts
 * and answers). It keeps the candidate with the best mean evaluation of its
 * own position (the hard level's evaluate), the doctrine's choice on ties.
 * Its only input about the match is the seat's view.
 */
export function searchBot(options: SearchOptions = {}): Bot {
  const rollouts = options.rollouts ?? 3;
  const maxCandidates = options.candidates ?? 6;
  const rolloutLevel = options.rolloutLevel ?? 'normal';
  const horizon = options.horizon ?? 1;
  const rivals = options.rivals ?? 0;
  const level = options.level ?? 'hard';
  const endgame = options.endgame ?? 2;
  const maxRollouts = options.maxRollouts ?? 64;
  const proposers = new Map<string, Bot>();
  const rosters = new Map<string, Record<string, Bot>>();
  return {
    id: 'search',
    level: 'hard',
    decide(scenario, view, botOptions) {
      const seat = view.viewer;
      if (!seat) throw new Error('A bot needs a seat view (the viewer is null)');
      const doctrine = doctrineFor(scenario, seat);
      let proposer = proposers.get(seat);
      if (!proposer) {
        proposer = doctrineBot(doctrine, level);
        proposers.set(seat, proposer);
      }
      const clock = options.now;
      const start = clock?.() ?? 0;
      const first = proposer.decide(scenario, view, botOptions);
      if (!first) return null;
      const rng = botOptions.rng;
      const s = situationOf(scenario, view, rng);
      const candidates = candidatesFor(s, first, maxCandidates);
      if (candidates.length < 2) return first;

      let bots = rosters.get(scenario.id);
      if (!bots) {
        bots = Object.fromEntries(
          scenario.actors
            .filter((a) => a.seat)
            .map((a) => [a.id, doctrineBot(doctrineFor(scenario, a.id), rolloutLevel)]),
        );
        rosters.set(scenario.id, bots);
      }
      const budget = botOptions.budgetMs ?? options.budgetMs ?? 200;
      // In the last rounds the rollouts play to the end and count wins.
      const toEnd = s.state.round > s.state.settings.rounds - endgame;
      const rounds = toEnd ? s.state.settings.rounds - s.state.round + 1 : horizon;
      const totals = candidates.map(() => 0);
      const counts = candidates.map(() => 0);
      const limit = clock ? maxRollouts : rollouts;
      // The first round of rollouts may take up to twice the budget; if even that runs out, the doctrine's choice stands.
      const overrun = (r: number) =>
        clock !== undefined && clock() - start > (r === 0 ? 2 : 1) * budget;
      let rowsStart = start;
      for (let r = 0; r < limit; r++) {
        // Spend the budget: stop when one more round of rollouts would overrun it.
        if (clock && r > 0) {
          const now = clock();
          if (now - start + (now - rowsStart) / r > budget) break;
        } else if (clock) rowsStart = clock();
        // Common random numbers: every candidate meets the same sampled world and dice.
        const worldSeed = nextInt(rng, 2 ** 30);
        const row: number[] = [];
        for (let i = 0; i < candidates.length && !overrun(r); i++) {
          const sample = { rng: seedToState(`world:${worldSeed}`) };
          const state = determinize(s, sample);
          if (!applyCommand(scenario, state, candidates[i]!).ok) {
            row.push(Number.NEGATIVE_INFINITY);
            continue;
          }
          const end = rollout(scenario, state, seat, bots, sample, rounds);
          row.push(end.phase === 'ended' ? finalValue(s, end) : value(s, end, rivals));
        }
        // A round cut short by the clock is dropped whole: every candidate keeps the same worlds.
        if (row.length < candidates.length) break;
        for (let i = 0; i < row.length; i++) {
          totals[i]! += row[i]!;
          counts[i]! += 1;
        }
      }
      let best = 0;
      let bestMean = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < candidates.length; i++) {
        if (counts[i] === 0) continue;
        const mean = totals[i]! / counts[i]!;
        // A small preference for the doctrine's own choice: alternatives must beat it clearly.
        if (mean > bestMean + (i === 0 ? 0 : 0.05)) {
          best = i;
          bestMean = mean;
        }
      }
      return candidates[best]!;
    },
  };
}
