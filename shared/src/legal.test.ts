import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import type { Order, SeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { legalCommands } from './legal.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE, FIXTURE_WITH_DECK } from './testing/fixture.ts';

const seats = ['red', 'blue', 'green', 'gold'];

/** A command built from a legal option's target, with the smallest amount it allows. */
function sample(
  seat: string,
  round: number,
  phase: SeatCommand['phase'],
  kind: string,
  sub: string | undefined,
  target: string,
  min: number,
): SeatCommand | null {
  const stamp = { seat, round, phase };
  if (kind === 'order') {
    const order: Record<string, Order> = {
      invest: { kind: 'invest', region: target, amount: Math.max(2, min) },
      deploy: { kind: 'deploy', region: target, power: Math.max(1, min) },
      exercise: { kind: 'exercise', partner: target, region: 'south' },
      mediate: { kind: 'mediate', crisis: target },
      sanction: { kind: 'sanction', target },
      aid: { kind: 'aid', to: target, amount: Math.max(1, min) },
      investigate: { kind: 'investigate', target },
      prepare: { kind: 'prepare', card: target },
    };
    return { kind: 'order', ...stamp, order: order[sub!]! };
  }
  if (kind === 'respond') return { kind: 'respond', ...stamp, offer: target, accept: true };
  if (kind === 'lower') return { kind: 'lower', ...stamp, partner: target };
  return null;
}

describe('legalCommands', () => {
  it('lists only targets the validator accepts, at every step of random games', () => {
    const ctx = ctxOf(FIXTURE_WITH_DECK);
    let checked = 0;
    for (let g = 0; g < 6; g++) {
      playRandomGame(FIXTURE_WITH_DECK, { seats }, `legal-${g}`, `legal-${g}`, {
        onStep: (state) => {
          if (state.phase === 'ended') return;
          for (const seat of state.seats) {
            for (const option of legalCommands(FIXTURE_WITH_DECK, state, seat)) {
              if (!option.available) expect(option.reason, option.kind).toBeTruthy();
              if (option.kind === 'order' && option.sub === 'exercise') continue; // needs a region choice too
              for (const target of option.targets) {
                const cmd = sample(
                  seat,
                  state.round,
                  state.phase,
                  option.kind,
                  option.sub,
                  target,
                  option.amount?.min ?? 0,
                );
                if (!cmd) continue;
                checked++;
                expect(commandProblem(ctx, state, cmd), JSON.stringify(cmd)).toBeNull();
              }
            }
          }
        },
      });
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('gives the reason an order is unavailable (no action points left)', () => {
    const m = drive({ seats });
    m.advance();
    for (let i = 0; i < 4; i++)
      m.seat('blue', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    const invest = legalCommands(FIXTURE, m.state, 'blue').find(
      (o) => o.kind === 'order' && o.sub === 'invest',
    )!;
    expect(invest.available).toBe(false);
    expect(invest.reason).toContain('action points');
  });

  it('offers the answers a call allows: no hedge on a treaty call', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const answer = legalCommands(FIXTURE, m.state, 'blue').find((o) => o.kind === 'answer')!;
    expect(answer.answers).toContain('abandon');
    expect(answer.answers).not.toContain('hedge');
  });

  it('offers nothing but readiness during the Briefing', () => {
    const m = drive({ seats });
    expect(legalCommands(FIXTURE, m.state, 'red').map((o) => o.kind)).toEqual(['done']);
  });
});

describe('offer and lower options name exactly the pledges, blocs to join and blocs to leave the engine accepts', () => {
  it('holds at every diplomacy step of random games on the main scenario', async () => {
    const { getScenario } = await import('./content/index.ts');
    const scenario = getScenario('main');
    const seats = [...scenario.seats.required, 'india', 'brazil', 'iran'];
    const counts = { pledge: 0, join: 0, leave: 0 };
    for (const seed of ['a', 'b']) {
      playRandomGame(scenario, { seats, rounds: 4 }, seed, seed, {
        onStep(state) {
          if (state.phase !== 'diplomacy' || state.step % 3 !== 0) return;
          const ctx = ctxOf(scenario);
          for (const seat of seats) {
            const options = legalCommands(scenario, state, seat);
            const offer = options.find((o) => o.kind === 'offer');
            const lower = options.find((o) => o.kind === 'lower');
            const stamp = { seat, round: state.round, phase: state.phase };
            for (const to of seats.filter((s) => s !== seat)) {
              const pledge = commandProblem(ctx, state, {
                kind: 'offer',
                ...stamp,
                to,
                raise: false,
                riders: [{ kind: 'unPledge' }],
                favour: false,
              });
              expect(offer?.pledgeTargets?.includes(to) ?? false).toBe(pledge === null);
              if (pledge === null) counts.pledge++;
              for (const inst of scenario.institutions.filter((i) => i.leader === to)) {
                const join = commandProblem(ctx, state, {
                  kind: 'offer',
                  ...stamp,
                  to,
                  raise: false,
                  riders: [],
                  bloc: inst.id,
                  favour: false,
                });
                expect(offer?.joinBlocs?.[to]?.includes(inst.id) ?? false).toBe(join === null);
                if (join === null) counts.join++;
              }
            }
            for (const inst of scenario.institutions) {
              const leave = commandProblem(ctx, state, {
                kind: 'lower',
                ...stamp,
                partner: inst.leader,
                bloc: inst.id,
              });
              expect(lower?.leaveBlocs?.some((b) => b.bloc === inst.id) ?? false).toBe(
                leave === null,
              );
              if (leave === null) counts.leave++;
            }
          }
        },
      });
    }
    // Each kind occurred, so the equalities above were tested both ways.
    expect(counts.pledge).toBeGreaterThan(0);
    expect(counts.join).toBeGreaterThan(0);
    expect(counts.leave).toBeGreaterThan(0);
  });
});

describe('vote options name the votes the seat may cast', () => {
  it('a permanent member may veto; an elected member may only vote yes or abstain', () => {
    const scenario = getScenario('main');
    const m = drive(
      { seats: ['china', 'russia', 'usa', 'india', 'brazil', 'south-africa', 'iran', 'pakistan'] },
      scenario,
      'legal-votes',
    );
    m.inject('mandate-vote');
    m.advance();
    const votes = (seat: string) =>
      legalCommands(scenario, m.state, seat).find((o) => o.kind === 'vote')?.votes;
    expect(votes('russia')).toEqual(['yes', 'abstain', 'veto']);
    expect(votes('india')).toEqual(['yes', 'abstain']);
  });
});
