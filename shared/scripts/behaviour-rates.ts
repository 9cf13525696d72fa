/**
 * How the bots behave as states, counted over self-play games (balance's
 * `--rates`): how they answer crisis calls (honour, hedge, quiet support,
 * abandon), how often honouring entraps them, how often they scale back a tie
 * with a partner at war, and what the Security Council does with mandates.
 */
import { applyCommand } from '../src/apply.ts';
import type { DriveOptions, PlayedGame } from '../src/bots/play.ts';
import type { Command } from '../src/commands/schema.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import type { MatchState } from '../src/state.ts';

type Counter = Record<string, number>;

/**
 * What a vote would have come to had every seat but the holder abstained
 * (no seat's yes, no seat's veto): the same advance applied by the engine
 * to a copy of the state. A count that differs was decided by the seats'
 * votes, whether directly or through the elected members that follow the
 * permanent members (council-doctrine.ts).
 */
function withoutSeatsVotes(
  scenario: Scenario,
  state: MatchState,
  cmd: Command,
): Map<string, boolean> {
  const copy = structuredClone(state);
  for (const c of copy.crises) {
    const holder = scenario.cards.find((card) => card.id === c.card)?.mandateFor;
    if (c.live && holder) for (const seat of copy.seats) if (seat !== holder) delete c.votes[seat];
  }
  const result = applyCommand(scenario, copy, cmd);
  const out = new Map<string, boolean>();
  if (result.ok)
    for (const e of result.events)
      if (e.type === 'votesCounted' && e.crisis) out.set(e.crisis, e.detail?.result === 'passed');
  return out;
}

export class BehaviourRates {
  private games = 0;
  /** Per doctrine: the seats' answers to calls, by treaty or not and kind. */
  private readonly answers: Record<string, Counter> = {};
  /** Per doctrine: seat-games, entrapments, scale-backs. */
  private readonly perDoctrine: Record<string, Counter> = {};
  private readonly council: Counter = {
    votes: 0,
    passed: 0,
    stretched: 0,
    withoutMandate: 0,
    vetoes: 0,
    decidedBySeats: 0,
    yes: 0,
    abstain: 0,
  };
  /** Games in which each thing happened at least once. */
  private readonly gamesWith: Counter = {};
  private seen: Counter = {};
  private readonly doctrineOf: (seat: string) => string;
  private readonly scenario: Scenario;
  /** Per vote crisis uid: whether it would have passed without the seats' votes. */
  private readonly withoutSeats = new Map<string, boolean>();

  constructor(scenario: Scenario, doctrineOf: (seat: string) => string) {
    this.scenario = scenario;
    this.doctrineOf = doctrineOf;
  }

  /** Options for playBotGame: events kept, every seat's answer recorded as it is made. */
  options(): DriveOptions {
    return {
      keepEvents: true,
      onStep: (state, cmd) => this.step(state, cmd),
      beforeStep: (state, cmd) => {
        const voting = state.crises.some(
          (c) => c.live && this.scenario.cards.some((k) => k.id === c.card && k.mandateFor),
        );
        if (cmd.kind === 'advance' && voting)
          for (const [uid, passed] of withoutSeatsVotes(this.scenario, state, cmd))
            this.withoutSeats.set(uid, passed);
      },
    };
  }

  private bump(into: Counter, key: string, by = 1): void {
    into[key] = (into[key] ?? 0) + by;
  }

  private step(state: MatchState, cmd: Command): void {
    if (cmd.kind !== 'answer') return;
    const crisis = state.crises.find((c) => c.uid === cmd.crisis);
    const call = crisis?.calls.find((c) => c.actor === cmd.seat);
    if (!call) return;
    const doctrine = this.doctrineOf(cmd.seat);
    this.answers[doctrine] ??= {};
    const kind = call.treaty ? 'treaty' : 'other';
    this.bump(this.answers[doctrine], `${kind}:calls`);
    this.bump(this.answers[doctrine], `${kind}:${cmd.answer.kind}`);
    this.bump(this.seen, cmd.answer.kind);
    // An ally's own operation asks (docs/rules.md §7.1): refusing it is a hedge, not an abandonment.
    if (call.asked) {
      this.bump(this.answers[doctrine], 'ask:calls');
      if (cmd.answer.kind === 'hedge') {
        this.bump(this.answers[doctrine], 'ask:refused');
        this.bump(this.seen, 'askRefused');
      }
    }
  }

  /** Counts a finished game (played with `options()`). */
  addGame(game: PlayedGame): void {
    this.games++;
    for (const seat of game.state.seats) {
      const d = this.doctrineOf(seat);
      this.perDoctrine[d] ??= {};
      const stats = game.state.actors[seat]!.stats;
      this.bump(this.perDoctrine[d], 'seatGames');
      this.bump(this.perDoctrine[d], 'entrapped', stats.entrapped);
      this.bump(this.perDoctrine[d], 'scaledBack', stats.scaledBack);
      this.bump(this.seen, 'entrapment', stats.entrapped);
      this.bump(this.seen, 'scaleBack', stats.scaledBack);
    }
    for (const e of game.events) {
      if (e.type === 'votesCounted') {
        this.council.votes!++;
        const passed = e.detail?.result === 'passed';
        if (passed) this.council.passed!++;
        const alone = e.crisis ? this.withoutSeats.get(e.crisis) : undefined;
        if (alone !== undefined && alone !== passed) this.council.decidedBySeats!++;
        this.council.vetoes! += e.amounts?.veto ?? 0;
        this.council.yes! += e.amounts?.yes ?? 0;
        this.council.abstain! += e.amounts?.abstain ?? 0;
        this.bump(this.seen, 'vote');
        if (e.detail?.result === 'passed') this.bump(this.seen, 'passed');
      }
      if (e.type === 'mandateStretched') {
        this.council.stretched!++;
        this.bump(this.seen, 'stretched');
      }
      if (e.type === 'actedWithoutMandate') this.council.withoutMandate!++;
    }
    for (const key in this.seen) if (this.seen[key]! > 0) this.bump(this.gamesWith, key);
    this.seen = {};
    this.withoutSeats.clear();
  }

  /** The tables, in Markdown, for docs/balance.md. */
  report(): string {
    const games = Math.max(1, this.games);
    const pct = (n: number, of: number) => (of > 0 ? `${((100 * n) / of).toFixed(1)}%` : '—');
    const answered = (kind: string) =>
      Object.values(this.answers).reduce(
        (sum, c) => sum + (c[`treaty:${kind}`] ?? 0) + (c[`other:${kind}`] ?? 0),
        0,
      );
    const bySeats = (key: string) =>
      Object.values(this.perDoctrine).reduce((sum, c) => sum + (c[key] ?? 0), 0);
    const c = this.council;
    const lines = [
      `Behaviour over ${this.games} games (the seats' own choices; per game, and the share of games with at least one):`,
      '',
      '| what | per game | games with one |',
      '| --- | --- | --- |',
    ];
    const row = (what: string, n: number, key: string) =>
      lines.push(
        `| ${what} | ${(n / games).toFixed(2)} | ${pct(this.gamesWith[key] ?? 0, this.games)} |`,
      );
    row('abandonments (treaty calls refused)', answered('abandon'), 'abandon');
    row('hedges', answered('hedge'), 'hedge');
    const asks = (key: string) =>
      Object.values(this.answers).reduce((sum, c) => sum + (c[`ask:${key}`] ?? 0), 0);
    row(
      `asks refused (an ally's own operation; ${asks('refused')} of ${asks('calls')} asks)`,
      asks('refused'),
      'askRefused',
    );
    row('quiet support', answered('quiet'), 'quiet');
    row('honours', answered('honour'), 'honour');
    row('honours only if pressed', answered('honourIfPressed'), 'honourIfPressed');
    row('entrapments', bySeats('entrapped'), 'entrapment');
    row('scale-backs (a tie lowered with a partner at war)', bySeats('scaledBack'), 'scaleBack');
    row('mandates voted', c.votes!, 'vote');
    row('mandates passed', c.passed!, 'passed');
    row('mandates stretched', c.stretched!, 'stretched');
    const perVote = (n: number) => (n / Math.max(1, c.votes!)).toFixed(2);
    lines.push(
      '',
      `Security Council: ${c.votes} votes, ${c.passed} passed (${pct(c.passed!, c.votes!)}), ${c.stretched} stretched, ${c.withoutMandate} acted on without a mandate, ${c.decidedBySeats} decided by the seats' votes (${pct(c.decidedBySeats!, c.votes!)}); per vote ${perVote(c.yes!)} yes, ${perVote(c.abstain!)} abstain, ${perVote(c.vetoes!)} vetoes.`,
      '',
      '| doctrine | seat-games | treaty calls | honoured | only if pressed | abandoned | other calls | honoured | hedged | quiet | entrapped / seat-game | scaled back / seat-game |',
      '| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |',
    );
    for (const [d, counts] of Object.entries(this.perDoctrine)) {
      const a = this.answers[d] ?? {};
      const n = (k: string) => a[k] ?? 0;
      const treaty = n('treaty:calls');
      const other = n('other:calls');
      const seatGames = Math.max(1, counts.seatGames ?? 0);
      const perSeat = (k: string) => ((counts[k] ?? 0) / seatGames).toFixed(3);
      const cells = [
        d,
        String(counts.seatGames ?? 0),
        String(treaty),
        pct(n('treaty:honour'), treaty),
        pct(n('treaty:honourIfPressed'), treaty),
        pct(n('treaty:abandon'), treaty),
        String(other),
        pct(n('other:honour') + n('other:honourIfPressed'), other),
        pct(n('other:hedge'), other),
        pct(n('other:quiet'), other),
        perSeat('entrapped'),
        perSeat('scaledBack'),
      ];
      lines.push(`| ${cells.join(' | ')} |`);
    }
    return lines.join('\n');
  }
}
