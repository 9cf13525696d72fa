import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyCommand } from './apply.ts';
import { playRandomGame } from './bots/play.ts';
import { isSeatCommand } from './commands/schema.ts';
import { createMatch } from './create.ts';
import { ctxOf } from './ctx.ts';
import { stateHash } from './hash.ts';
import type { Scenario } from './scenario/schema.ts';
import type { MatchState } from './state.ts';
import { FIXTURE_WITH_DECK } from './testing/fixture.ts';
import { autonomyCap, tieLevel, tieList } from './ties.ts';
import { viewFor } from './view.ts';

function checkInvariants(scenario: Scenario, state: MatchState): void {
  const ctx = ctxOf(scenario);
  expect(state.tension).toBeGreaterThanOrEqual(0);
  expect(state.tension).toBeLessThanOrEqual(10);
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    expect(a.power, `${id} power`).toBeGreaterThanOrEqual(0);
    expect(a.power).toBeLessThanOrEqual(20);
    expect(a.wealth, `${id} wealth`).toBeGreaterThanOrEqual(0);
    for (const track of ['reputation', 'security'] as const) {
      expect(a[track], `${id} ${track}`).toBeGreaterThanOrEqual(0);
      expect(a[track]).toBeLessThanOrEqual(10);
    }
    expect(a.autonomy).toBeGreaterThanOrEqual(0);
    expect(a.autonomy, `${id} autonomy above its cap`).toBeLessThanOrEqual(
      autonomyCap(ctx, state, id),
    );
    if (a.cohesion !== -1) {
      expect(a.cohesion).toBeGreaterThanOrEqual(0);
      expect(a.cohesion).toBeLessThanOrEqual(10);
    }
    for (const r of ctx.regionIds) {
      expect(a.influence[r]).toBeGreaterThanOrEqual(0);
      expect(a.influence[r]).toBeLessThanOrEqual(10);
    }
  }
  // The cached list of ties stays the same as the record it mirrors.
  expect(new Set(tieList(state))).toEqual(new Set(Object.values(state.ties)));
  for (const key in state.ties) {
    const t = state.ties[key]!;
    expect(t.a < t.b).toBe(true);
    expect(key).toBe(`${t.a}|${t.b}`);
    expect(t.level).toBeGreaterThanOrEqual(0);
    expect(t.level).toBeLessThanOrEqual(4);
    expect(tieLevel(ctx, state, t.a, t.b)).toBe(tieLevel(ctx, state, t.b, t.a));
  }
}

const scenarios: [string, Scenario][] = [['fixture', FIXTURE_WITH_DECK]];
const seed = fc.string({ minLength: 1, maxLength: 12 });

describe.each(scenarios)('whole random games on %s', (_name, scenario) => {
  const allSeats = [...scenario.seats.required, ...scenario.seats.optional];

  it('end, and keep every track in range and every tie symmetric at every step', () => {
    fc.assert(
      fc.property(seed, fc.constantFrom('quick', 'full'), (s, pace) => {
        const game = playRandomGame(scenario, { seats: allSeats, pace }, s, s, {
          onStep: (state) => checkInvariants(scenario, state),
        });
        expect(game.state.phase).toBe('ended');
      }),
      { numRuns: 25 },
    );
  });

  it('replaying the command log reproduces the state hash at every step', () => {
    fc.assert(
      fc.property(seed, (s) => {
        const hashes: string[] = [];
        const game = playRandomGame(scenario, { seats: allSeats }, s, `${s}!`, {
          onStep: (state) => hashes.push(stateHash(state)),
        });
        const created = createMatch(scenario, { seats: allSeats }, s);
        if (!created.ok) throw new Error(created.error);
        game.log.forEach((cmd, i) => {
          const r = applyCommand(scenario, created.state, cmd);
          expect(r.ok).toBe(true);
          expect(stateHash(created.state)).toBe(hashes[i]);
        });
      }),
      { numRuns: 15 },
    );
  });

  it('never shows a seat another seat’s unrevealed orders, answers or Press', () => {
    fc.assert(
      fc.property(seed, (s) => {
        playRandomGame(scenario, { seats: allSeats }, s, s, {
          onStep: (state, cmd) => {
            if (state.phase === 'ended' || !isSeatCommand(cmd)) return;
            for (const viewer of state.seats) {
              if (viewer === cmd.seat) continue;
              const v = viewFor(state, viewer);
              expect(v.drafts[cmd.seat]!.orders).toEqual([]);
              expect(v.drafts[cmd.seat]!.lowers).toEqual([]);
              for (const c of v.crises) {
                if (!c.live) continue;
                expect(Object.keys(c.answers).filter((k) => k !== viewer)).toEqual([]);
                expect(Object.keys(c.votes).filter((k) => k !== viewer)).toEqual([]);
                if (c.instigator !== viewer) expect(c.press).toBeNull();
              }
              for (const o of v.offers) expect([o.from, o.to]).toContain(viewer);
              expect(v.actors[cmd.seat]!.objective).toBeNull();
            }
          },
        });
      }),
      { numRuns: 10 },
    );
  });

  it('gives the same states for the same scenario, settings, seed and commands', () => {
    const a = playRandomGame(scenario, { seats: allSeats }, 'same', 'bots');
    const b = playRandomGame(scenario, { seats: allSeats }, 'same', 'bots');
    expect(stateHash(a.state)).toBe(stateHash(b.state));
    const c = playRandomGame(scenario, { seats: allSeats }, 'other', 'bots');
    expect(stateHash(c.state)).not.toBe(stateHash(a.state));
  });
});
