import { describe, expect, it } from 'vitest';
import { previewSeverity } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import { RULES } from './rules.ts';
import { parseScenario } from './scenario/load.ts';
import type { Scenario } from './scenario/schema.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE_INPUT } from './testing/fixture.ts';
import { ensureTie } from './ties.ts';
import { ALLIANCE, NONE, STRATEGIC } from './vocabulary.ts';

/**
 * The ladder's middle rung deters (docs/rules.md §7.6): Red presses a crisis
 * against the Gold seat at home. Blue, a great power with 14 Power, stands
 * behind Gold at no level, as a strategic partner, or by treaty, and shares
 * its Power with three other partners at strategic level or above. The card
 * calls only treaty allies, so below a treaty Blue's deterrence is all that
 * changes.
 */
const parsed = parseScenario(
  {
    ...FIXTURE_INPUT,
    id: 'fixture-deterrence',
    cards: [
      ...FIXTURE_INPUT.cards,
      {
        id: 'pressure-on-gold',
        title: 'Pressure on Gold',
        year: 2022,
        eras: ['test'],
        region: 'south',
        instigator: 'red',
        target: 'gold',
        severity: 4,
        callLevel: 'alliance',
        concepts: ['deterrence'],
        news: 'Red leans on Gold.',
        debrief: 'Deterrence teaches something.',
      },
    ],
  },
  'fixture-deterrence',
);
if (!parsed.ok) throw new Error(parsed.message);
const SCENARIO: Scenario = parsed.scenario;
const SEEDS = Array.from({ length: 150 }, (_, i) => `deter-${i}`);

interface Result {
  severity: number;
  eff: number;
  margin: number;
  won: boolean;
}

function pressure(level: number, seed: string): Result {
  const m = drive({ seats: ['red', 'blue', 'green', 'gold'] }, SCENARIO, seed);
  ensureTie(m.state, 'blue', 'gold').level = level;
  // Blue spreads its Power like a great power with a network: a second strategic partner.
  ensureTie(m.state, 'blue', 'buffer').level = STRATEGIC;
  m.inject('pressure-on-gold');
  m.advance();
  const uid = m.crisis('pressure-on-gold');
  m.seat('red', { kind: 'instigate', crisis: uid, press: true, power: 3 });
  // A treaty ally is called and honours with the least it may: 2 Wealth (+1 to Gold's side).
  if (level >= ALLIANCE)
    m.seat('blue', {
      kind: 'answer',
      crisis: uid,
      answer: { kind: 'honour', power: 0, wealth: 2 },
    });
  const severity = previewSeverity(
    ctxOf(SCENARIO),
    m.state,
    m.state.crises.find((c) => c.uid === uid)!,
  );
  m.advance();
  const outcome = m.events.find(
    (e) =>
      e.crisis === uid &&
      (e.type === 'crisisWon' || e.type === 'crisisHeld' || e.type === 'stalemate'),
  )!;
  return {
    severity,
    margin: outcome.amounts!.attack! - outcome.amounts!.defence!,
    eff: outcome.amounts!.severity!,
    won: outcome.type === 'crisisWon',
  };
}

function over(level: number) {
  const results = SEEDS.map((seed) => pressure(level, seed));
  const mean = (f: (r: Result) => number) => results.reduce((s, r) => s + f(r), 0) / results.length;
  return {
    severity: mean((r) => r.severity),
    eff: mean((r) => r.eff),
    margin: mean((r) => r.margin),
    winShare: mean((r) => (r.won ? 1 : 0)),
  };
}

describe('deterrence along the commitment ladder', () => {
  const none = over(NONE);
  const strategic = over(STRATEGIC);
  const treaty = over(ALLIANCE);

  it('a strong strategic partner takes at least 1 off the severity; a treaty more', () => {
    expect(strategic.severity).toBeLessThanOrEqual(none.severity - 1);
    expect(treaty.severity).toBeLessThan(strategic.severity);
  });

  it(`over ${SEEDS.length} seeds the crisis resolves weaker with a strategic partner, and weaker still with a treaty`, () => {
    expect(strategic.margin).toBeLessThanOrEqual(none.margin - 0.5);
    expect(treaty.margin).toBeLessThanOrEqual(strategic.margin - 0.5);
    expect(strategic.winShare).toBeLessThan(none.winShare - 0.05);
    expect(treaty.winShare).toBeLessThan(strategic.winShare - 0.05);
  });

  it('the numbers come from RULES.deterrence', () => {
    expect(RULES.deterrence.share[STRATEGIC]).toBeGreaterThan(RULES.deterrence.share[2]!);
    expect(RULES.deterrence.share[ALLIANCE]).toBeGreaterThan(RULES.deterrence.share[STRATEGIC]!);
  });
});
