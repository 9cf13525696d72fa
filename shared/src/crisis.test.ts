import { describe, expect, it } from 'vitest';
import { deterrence } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import { previewCrisis } from './preview.ts';
import { RULES } from './rules.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE } from './testing/fixture.ts';

const seats = ['red', 'blue', 'green', 'gold'];

describe('calls (docs/rules.md §7.4)', () => {
  it.each([
    // card, actor, expected side, treaty, stake
    ['frontier-war', 'red', 'attack', false, 'low'],
    ['frontier-war', 'gold', 'attack', false, 'low'],
    ['strait-crisis', 'blue', 'defence', true, 'high'],
    ['strait-crisis', 'green', 'attack', false, 'low'],
    ['allies-attacked', 'blue', 'defence', true, 'medium'],
  ])('%s calls %s to the %s side (treaty %s, stake %s)', (card, actor, side, treaty, stake) => {
    const m = drive({ seats });
    m.inject(card);
    const call = m.state.crises[0]!.calls.find((c) => c.actor === actor);
    expect(call).toBeDefined();
    expect(call!.side).toBe(side);
    expect(call!.treaty).toBe(treaty);
    expect(call!.stake).toBe(stake);
  });

  it.each([
    ['a coordination bloc calls nobody', 'piracy', 'red'],
    ['a call goes one step only: partners of partners are not called', 'strait-crisis', 'gold'],
    ['a call level of alliance leaves partnerships uncalled', 'allies-attacked', 'gold'],
  ])('%s', (_label, card, absent) => {
    const m = drive({ seats });
    m.inject(card);
    expect(m.state.crises[0]!.calls.map((c) => c.actor)).not.toContain(absent);
  });

  it('freezes every tie between a party and a called actor', () => {
    const m = drive({ seats });
    m.inject('frontier-war');
    const uid = m.crisis('frontier-war');
    expect(m.state.ties['green|red']!.frozenBy).toBe(uid);
    expect(m.state.ties['gold|green']!.frozenBy).toBe(uid);
  });

  it('calls a footprint holder whatever the call level', () => {
    const m = drive({ seats });
    // Red gains a base in Gold's region through an accepted offer with base access.
    m.advance();
    m.seat('red', {
      kind: 'offer',
      to: 'gold',
      raise: true,
      riders: [{ kind: 'baseAccess', guest: 'red' }],
      favour: false,
    });
    m.seat('gold', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    m.advance();
    m.advance();
    m.inject('piracy');
    const call = m.state.crises
      .find((c) => c.card === 'piracy')!
      .calls.find((c) => c.actor === 'red');
    expect(call).toBeDefined();
    expect(call!.stake).toBe('high'); // low + 2 footprint steps
  });
});

describe('deterrence and effective severity (docs/rules.md §7.6)', () => {
  it('a great-power treaty lowers severity by one or two; an uncalled target gets none', () => {
    const m = drive({ seats });
    const treaty = previewCrisis(FIXTURE, m.state, 'strait-crisis')!;
    expect(3 - treaty.effectiveSeverity).toBeGreaterThanOrEqual(1);
    expect(3 - treaty.effectiveSeverity).toBeLessThanOrEqual(2);
    expect(treaty.treatyBound).toEqual(['blue']);
  });

  it.each([
    [5, 7],
    [10, 14],
    [0, 0],
  ])('deterrence scales with the partner’s Reputation %i: %d', (reputation, expected) => {
    // Blue lends its 14 Power to two alliance partners (Isle and NATO): 7 each, × Reputation ÷ 5.
    const m = drive({ seats });
    m.state.actors.blue!.reputation = reputation;
    expect(deterrence(ctxOf(FIXTURE), m.state, 'isle', 'straits', false)).toBeCloseTo(expected);
  });

  it('a joint exercise lends deterrence as if one level higher', () => {
    const m = drive({ seats });
    const ctx = ctxOf(FIXTURE);
    const before = deterrence(ctx, m.state, 'gold', 'south', true);
    m.advance();
    m.seat('green', {
      kind: 'order',
      order: { kind: 'exercise', partner: 'gold', region: 'south' },
    });
    const after = deterrence(ctx, m.state, 'gold', 'south', true);
    // Green's 10 Power is shared by its three partners at partnership or above (Red, Gold, the Pact)…
    expect(before).toBeCloseTo((RULES.deterrence.share[2]! * 10) / 3);
    // …and by three at strategic or above (Red, the Pact, and Gold itself) once the exercise lifts Gold a level.
    expect(after).toBeCloseTo((RULES.deterrence.share[3]! * 10) / 3);
  });

  it('an isolated target faces +1 severity', () => {
    const m = drive({ seats });
    // A weakly trusted ally, so that the severity stays above its floor of 1 either way.
    m.state.actors.blue!.reputation = 2;
    const before = previewCrisis(FIXTURE, m.state, 'strait-crisis')!.effectiveSeverity;
    expect(before).toBeGreaterThan(1);
    m.state.actors.isle!.isolated = true;
    expect(previewCrisis(FIXTURE, m.state, 'strait-crisis')!.effectiveSeverity).toBe(before + 1);
  });
});
