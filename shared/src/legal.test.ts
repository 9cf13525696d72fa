import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import type { Order, SeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
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
