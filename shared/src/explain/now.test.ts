import { describe, expect, it } from 'vitest';
import { ctxOf } from '../ctx.ts';
import { actionPointsMax } from '../plan.ts';
import { drive } from '../testing/drive.ts';
import { FIXTURE } from '../testing/fixture.ts';
import { seatNow } from './now.ts';

const seats = ['red', 'blue', 'green', 'gold'];

describe('what a seat is asked to do now', () => {
  it('asks for reading at the Briefing, and says when the phase ends without it', () => {
    const m = drive({ seats, pace: 'full' });
    const now = seatNow(FIXTURE, m.state, 'red');
    expect(now.ask).toBe('Read the new crises and your goals, then press Ready.');
    expect(now.ifNothing).toContain('timer runs out');
    m.seat('red', { kind: 'done', done: true });
    expect(seatNow(FIXTURE, m.state, 'red').ask).toContain('waiting for the others');
  });

  it('counts the action points the seat has left, and stops when they are spent', () => {
    const m = drive({ seats, pace: 'full' });
    m.advanceTo('diplomacy');
    const max = actionPointsMax(ctxOf(FIXTURE), m.state, 'red');
    expect(seatNow(FIXTURE, m.state, 'red').ask).toContain(`Spend your ${max} action points`);
    const targets = ['blue', 'green', 'gold'];
    expect(max).toBeLessThanOrEqual(targets.length + 1);
    for (let i = 0; i < max; i++)
      m.seat('red', {
        kind: 'order',
        order: targets[i]
          ? { kind: 'investigate', target: targets[i]! }
          : { kind: 'deploy', region: 'red-home', power: 1 },
      });
    const spent = seatNow(FIXTURE, m.state, 'red');
    expect(spent.ask).toContain('your action points are spent');
    expect(spent.ifNothing).toBe('If you do nothing: your orders stand as drafted.');
  });

  it('in full pace asks for answers to offers in Responses, which count as declined otherwise', () => {
    const m = drive({ seats, pace: 'full' });
    m.advanceTo('diplomacy');
    m.seat('blue', { kind: 'offer', to: 'red', raise: true, riders: [], favour: false });
    // Offers are answered in their own phase at this pace, not during Negotiate & Commit.
    expect(seatNow(FIXTURE, m.state, 'red').owed).toBe(0);
    m.advanceTo('responses');
    const now = seatNow(FIXTURE, m.state, 'red');
    expect(now).toMatchObject({ owed: 1 });
    expect(now.ask).toBe('Answer 1 offer made to you, then press Done.');
    expect(now.ifNothing).toBe('If you do nothing: what you leave unanswered counts as declined.');
    const offer = m.state.offers.find((o) => o.to === 'red')!;
    m.seat('red', { kind: 'respond', offer: offer.id, accept: true });
    expect(seatNow(FIXTURE, m.state, 'red').owed).toBe(0);
  });

  it('names the calls a seat owes and the timeout answer each would get', () => {
    const m = drive({ seats, pace: 'full' });
    m.inject('strait-crisis');
    m.advanceTo('calls');
    const call = m.state.crises[0]!.calls.find((c) => c.actor === 'blue')!;
    expect(call.treaty).toBe(true);
    const now = seatNow(FIXTURE, m.state, 'blue');
    expect(now.owed).toBeGreaterThanOrEqual(1);
    expect(now.ask).toMatch(/^Answer 1 call to help \(.+\), then press Done\.$/);
    // A treaty call is never hedged by the timeout: the seat honours with the least help (or abandons).
    expect(now.ifNothing).toMatch(
      /you (honour with the least help|abandon your treaty partner) on /,
    );
    const green = seatNow(FIXTURE, m.state, 'green');
    expect(green.ifNothing).toContain('you hedge on');
  });

  it('in quick pace asks for orders, offers and calls together in one phase', () => {
    const m = drive({ seats, pace: 'quick' });
    m.inject('strait-crisis');
    m.advanceTo('diplomacy');
    const now = seatNow(FIXTURE, m.state, 'blue');
    expect(now.ask).toMatch(
      /^Spend your \d+ action points on orders and make offers and answer 1 call/,
    );
    expect(now.ask).not.toContain('Crisis calls');
  });

  it('asks a council member for its vote, and says it abstains otherwise', () => {
    const m = drive({ seats, pace: 'full' });
    m.inject('mandate-vote');
    m.advanceTo('calls');
    const now = seatNow(FIXTURE, m.state, 'gold');
    expect(now.ask).toMatch(/^Vote in the Security Council on .+, then press Done\.$/);
    expect(now.ifNothing).toContain('you abstain');
  });
});
