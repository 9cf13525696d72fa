import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { SeatCommand } from '../commands/schema.ts';
import { getScenario } from '../content/index.ts';
import { canonicalJson, cloneState } from '../hash.ts';
import { seedToState } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { drive } from '../testing/drive.ts';
import { FIXTURE, FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { withOtherSecrets } from '../testing/other-secrets.ts';
import { ensureTie } from '../ties.ts';
import { viewFor } from '../view.ts';
import { DIALOGUE } from '../vocabulary.ts';
import { BOT_LEVELS, type BotLevel } from './bot.ts';
import { playBotGame } from './play-bots.ts';
import { doctrineBots, doctrineFor } from './roster.ts';
import { situationOf } from './situation.ts';

const MAIN = getScenario('main');
const allSeats = (scenario: Scenario) => [...scenario.seats.required, ...scenario.seats.optional];

/** A whole bot game that records every command a bot returned and the engine refused. */
function play(scenario: Scenario, seed: string, level: BotLevel, pace: 'quick' | 'full' = 'quick') {
  const seats = allSeats(scenario);
  const refused: string[] = [];
  const game = playBotGame(
    scenario,
    { seats, pace },
    seed,
    doctrineBots(scenario, seats, level),
    seed,
    {
      onRefused: (cmd, error) => refused.push(`${error}: ${JSON.stringify(cmd)}`),
    },
  );
  return { ...game, refused };
}

describe('doctrine bots submit only legal commands', () => {
  const cases: [string, Scenario, BotLevel[]][] = [
    ['the test fixture', FIXTURE_WITH_DECK, ['easy', 'normal', 'hard']],
    // The hard level resolves a round per candidate: on the big map a few games are enough.
    ['the main scenario', MAIN, ['easy', 'normal']],
  ];
  it.each(cases)('over whole games on %s, both paces, every level', (_name, scenario, levels) => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.constantFrom(...levels),
        fc.constantFrom('quick' as const, 'full' as const),
        (seed, level, pace) => {
          const game = play(scenario, seed, level, pace);
          expect(game.refused).toEqual([]);
          expect(game.state.phase).toBe('ended');
        },
      ),
      { numRuns: 12 },
    );
  });

  it('hard bots on the main scenario, one game at each pace', () => {
    for (const pace of ['quick', 'full'] as const)
      expect(play(MAIN, `hard-${pace}`, 'hard', pace).refused).toEqual([]);
  });
});

describe('a bot reads only its seat view', () => {
  /** A mid-game state of the main scenario, in the negotiation phase of round 3. */
  function midGame(): MatchState {
    let snapshot: MatchState | null = null;
    const seats = allSeats(MAIN);
    playBotGame(MAIN, { seats }, 'view-only', doctrineBots(MAIN, seats, 'normal'), 'view-only', {
      onStep: (state, cmd) => {
        if (!snapshot && state.round === 3 && state.phase === 'diplomacy' && cmd.kind === 'advance')
          snapshot = cloneState(state);
      },
    });
    if (!snapshot) throw new Error('no round 3');
    return snapshot;
  }

  it('gives the same decisions on two different matches that show the seat the same view', () => {
    const state = midGame();
    for (const seat of allSeats(MAIN))
      for (const level of BOT_LEVELS) {
        const other = withOtherSecrets(state, seat);
        const same = canonicalJson(viewFor(other, seat)) === canonicalJson(viewFor(state, seat));
        expect(same, `${seat}: the two matches show it the same view`).toBe(true);
        expect(canonicalJson(other) === canonicalJson(state)).toBe(false);
        const bot = doctrineBots(MAIN, [seat], level)[seat]!;
        const decide = (s: MatchState) =>
          bot.decide(MAIN, viewFor(s, seat), { rng: { rng: seedToState(`same:${seat}`) } });
        expect(decide(other), `${seat} ${level}`).toEqual(decide(state));
      }
  });

  it('bot modules never import the view function (only the drivers hand views over)', async () => {
    // The engine's sources have no Node types; the test reads files through a dynamic import.
    const fsModule = 'node:fs';
    const fs: {
      readdirSync(dir: string): string[];
      readFileSync(file: string, enc: 'utf8'): string;
    } = await import(fsModule);
    const dir = 'shared/src/bots/';
    const files = [
      ...fs.readdirSync(dir),
      ...fs.readdirSync(`${dir}doctrines`).map((f) => `doctrines/${f}`),
    ].filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'));
    // The drivers (play-bots.ts, and the random policy's play.ts) hold the match; bots do not.
    const botFiles = files.filter((f) => !['play-bots.ts', 'play.ts', 'random.ts'].includes(f));
    expect(botFiles).toContain('bot.ts');
    expect(botFiles).toContain('doctrines/china.ts');
    for (const f of botFiles) {
      const source = fs.readFileSync(`${dir}${f}`, 'utf8');
      expect(source, f).not.toMatch(/viewFor|play-bots/);
      // Only the SeatView type may come from view.ts.
      for (const m of source.matchAll(/^import (.*) from '(?:\.\.\/)+view\.ts';$/gm))
        expect(m[1], f).toBe('type { SeatView }');
    }
  });
});

describe('each doctrine shows its signature behaviour', () => {
  const seeds = ['d1', 'd2', 'd3', 'd4', 'd5', 'd6'];
  type Seen = {
    game: ReturnType<typeof play>;
    answers: {
      cmd: SeatCommand;
      treaty: boolean;
      asked: boolean;
      home: boolean;
      stake: string;
    }[];
  };
  const games: Seen[] = seeds.map((seed) => {
    const answers: Seen['answers'] = [];
    const seats = allSeats(MAIN);
    const refused: string[] = [];
    const game = playBotGame(MAIN, { seats }, seed, doctrineBots(MAIN, seats, 'normal'), seed, {
      onStep: (state, cmd) => {
        if (cmd.kind !== 'answer') return;
        const crisis = state.crises.find((c) => c.uid === cmd.crisis)!;
        const call = crisis.calls.find((c) => c.actor === cmd.seat)!;
        answers.push({
          cmd,
          treaty: call.treaty,
          asked: call.asked,
          home: MAIN.actors.find((a) => a.id === cmd.seat)!.home === crisis.region,
          stake: call.stake,
        });
      },
      onRefused: (cmd) => refused.push(JSON.stringify(cmd)),
    });
    return { game: { ...game, refused }, answers };
  });
  const stats = (seat: string) => games.map((g) => g.game.state.actors[seat]!.stats);
  const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

  it('maps the main scenario’s seats to their doctrines', () => {
    expect(doctrineFor(MAIN, 'china').id).toBe('china');
    expect(doctrineFor(MAIN, 'russia').id).toBe('russia');
    expect(doctrineFor(MAIN, 'usa').id).toBe('usa');
    expect(doctrineFor(MAIN, 'india').id).toBe('globalSouth');
    // The fixture's great powers by what they are: blue holds Cohesion, green a crisis hand.
    expect(doctrineFor(FIXTURE_WITH_DECK, 'blue').id).toBe('usa');
    expect(doctrineFor(FIXTURE_WITH_DECK, 'green').id).toBe('russia');
    expect(doctrineFor(FIXTURE_WITH_DECK, 'red').id).toBe('china');
  });

  it('China forms no new treaty, mediates, and scales back from partners at war', () => {
    expect(stats('china').map((s) => s.newTreaties)).toEqual(seeds.map(() => 0));
    expect(sum(stats('china').map((s) => s.mediations))).toBeGreaterThan(0);
    expect(sum(stats('china').map((s) => s.scaledBack))).toBeGreaterThan(0);
    const chinaOffers = games.flatMap((g) =>
      g.game.log.filter((c) => c.kind === 'offer' && c.seat === 'china'),
    );
    expect(chinaOffers.length).toBeGreaterThan(0);
  });

  it('Russia raises ties to treaty level and presses the crises it starts', () => {
    expect(sum(stats('russia').map((s) => s.newTreaties))).toBeGreaterThan(0);
    const presses = games.flatMap((g) =>
      g.game.log.filter((c) => c.kind === 'instigate' && c.seat === 'russia' && c.press),
    );
    expect(presses.length).toBeGreaterThan(0);
  });

  it('the United States keeps its treaties (honours every treaty call) and sanctions a rival', () => {
    expect(stats('usa').map((s) => s.abandoned)).toEqual(seeds.map(() => 0));
    const usaAnswers = games.flatMap((g) => g.answers.filter((a) => a.cmd.seat === 'usa'));
    expect(usaAnswers.filter((x) => x.treaty).length).toBeGreaterThan(0);
    for (const a of usaAnswers.filter((x) => x.treaty))
      expect(a.cmd.kind === 'answer' && a.cmd.answer.kind).toMatch(/^honour/);
    const sanctions = games.flatMap((g) =>
      g.game.log.filter(
        (c) => c.kind === 'order' && c.seat === 'usa' && c.order.kind === 'sanction',
      ),
    );
    expect(sanctions.length).toBeGreaterThan(0);
  });

  it('Global South states never fight a partner’s war away from home unless a treaty binds them', () => {
    const south = MAIN.actors.filter((a) => a.kind === 'globalSouth').map((a) => a.id);
    const answers = games.flatMap((g) => g.answers.filter((a) => south.includes(a.cmd.seat)));
    expect(answers.length).toBeGreaterThan(0);
    for (const a of answers)
      if (!a.treaty && !a.home) expect(a.cmd.kind === 'answer' && a.cmd.answer.kind).toBe('hedge');
  });

  it('Global South states hedge: each ends partnered with more than one great power', () => {
    const south = MAIN.actors.filter((a) => a.kind === 'globalSouth').map((a) => a.id);
    const gps = MAIN.actors.filter((a) => a.kind === 'greatPower').map((a) => a.id);
    let hedged = 0;
    for (const g of games)
      for (const s of south) {
        const level = (p: string) => {
          const key = s < p ? `${s}|${p}` : `${p}|${s}`;
          return g.game.state.ties[key]?.level ?? 0;
        };
        if (gps.filter((p) => level(p) >= 2).length >= 2) hedged++;
      }
    expect(hedged).toBeGreaterThan((games.length * south.length) / 2);
  });

  it('states weigh stake against cost: they refuse an ally, hedge and honour only if pressed where their stake is low', () => {
    const all = games.flatMap((g) => g.answers);
    const kind = (a: (typeof all)[number]) => (a.cmd.kind === 'answer' ? a.cmd.answer.kind : null);
    const abandons = all.filter((a) => kind(a) === 'abandon');
    // Refusing a treaty ally: abandoning its treaty call, or declining its ask for its own war.
    const refusals = all.filter((a) => kind(a) === 'abandon' || (a.asked && kind(a) === 'hedge'));
    const guarded = all.filter((a) => kind(a) === 'honourIfPressed');
    expect(refusals.length).toBeGreaterThan(0);
    // Abandonments happen (a low-stake treaty call with every cost its doctrine tolerates).
    expect(abandons.length).toBeGreaterThan(0);
    for (const a of [...refusals, ...guarded]) expect(a.stake, JSON.stringify(a.cmd)).toBe('low');
    for (const a of abandons) expect(a.treaty).toBe(true);
    // Russia honours most calls, but hedges some away from home: only where its stake is low.
    const russia = all.filter((a) => a.cmd.seat === 'russia' && !a.treaty);
    const hedged = russia.filter((a) => kind(a) === 'hedge');
    expect(hedged.length).toBeGreaterThan(0);
    expect(hedged.length).toBeLessThan(russia.length / 2);
    for (const a of hedged) expect(a.stake).toBe('low');
    // Not only China scales back from a partner at war.
    const others = MAIN.actors.filter((a) => a.seat && a.id !== 'china').map((a) => a.id);
    expect(sum(others.flatMap((seat) => stats(seat).map((s) => s.scaledBack)))).toBeGreaterThan(0);
  });

  it('a treaty call with a low stake and a cost weighing is honoured only if pressed', () => {
    // Low-stake treaty calls are rare in self-play now that an ally's own war only asks: set one up.
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.inject('allies-attacked');
    m.advance();
    const crisis = m.state.crises.find((c) => c.card === 'allies-attacked')!;
    const call = crisis.calls.find((c) => c.actor === 'blue')!;
    expect(call.treaty).toBe(true);
    call.stake = 'low';
    m.actor('blue').entangled = 1;
    const s = situationOf(FIXTURE, viewFor(m.state, 'blue'), { rng: seedToState('guarded') });
    const answers = doctrineFor(FIXTURE, 'blue').answer(s, crisis, call);
    expect(answers[0]!.kind).toBe('honourIfPressed');
    expect(answers.at(-1)!.kind).toBe('abandon');
  });

  it('a treaty call with a low stake is abandoned when every cost weighs, and kept when one does not', () => {
    // Armenia's call in 2022: a foe the seat keeps ties with, its forces engaged in
    // another crisis, and strained (entangled). Without the second crisis it honours guardedly.
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.inject('allies-attacked');
    m.inject('piracy');
    m.advance();
    const crisis = m.state.crises.find((c) => c.card === 'allies-attacked')!;
    const other = m.state.crises.find((c) => c.card === 'piracy')!;
    const call = crisis.calls.find((c) => c.actor === 'blue')!;
    expect(call.treaty).toBe(true);
    call.stake = 'low';
    m.actor('blue').entangled = 1;
    ensureTie(m.state, 'blue', 'green').level = DIALOGUE;
    const answers = () =>
      doctrineFor(FIXTURE, 'blue').answer(
        situationOf(FIXTURE, viewFor(m.state, 'blue'), { rng: seedToState('weigh') }),
        crisis,
        call,
      );
    expect(answers()[0]!.kind).toBe('honourIfPressed');
    other.parties = [...other.parties, 'blue'];
    expect(answers().map((a) => a.kind)).toEqual(['abandon']);
  });

  it('played every game without a refused command', () => {
    for (const g of games) expect(g.game.refused).toEqual([]);
  });
});
