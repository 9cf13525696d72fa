import { describe, expect, it } from 'vitest';
import { applyCommand } from '../apply.ts';
import { stateHash } from '../hash.ts';
import { type Act, drive } from '../testing/drive.ts';
import { FIXTURE } from '../testing/fixture.ts';
import type { Command } from './schema.ts';

const seats = ['red', 'blue', 'green', 'gold'];

/** A match in its negotiation phase with the frontier war live (Red and Gold called, Green instigating). */
function negotiating() {
  const m = drive({ seats });
  m.inject('frontier-war');
  m.inject('strait-crisis');
  m.advance();
  return m;
}

describe('illegal commands are refused with a plain reason and change nothing', () => {
  const cases: [string, string, Act, string][] = [
    [
      'spending more Wealth than held',
      'red',
      { kind: 'order', order: { kind: 'aid', to: 'gold', amount: 3 } },
      '',
    ],
    [
      'investing in no region',
      'red',
      { kind: 'order', order: { kind: 'invest', region: 'mars', amount: 2 } },
      'no region',
    ],
    [
      'deploying more Power than free',
      'gold',
      { kind: 'order', order: { kind: 'deploy', region: 'south', power: 9 } },
      'Power',
    ],
    [
      'mediating one’s own crisis',
      'green',
      { kind: 'order', order: { kind: 'mediate', crisis: 'c1' } },
      'party',
    ],
    [
      'mediating without dialogue with both parties',
      'blue',
      { kind: 'order', order: { kind: 'mediate', crisis: 'c1' } },
      'dialogue',
    ],
    [
      'an investigation by a seat that cannot',
      'green',
      { kind: 'order', order: { kind: 'investigate', target: 'red' } },
      'cannot investigate',
    ],
    [
      'raising a frozen tie',
      'red',
      { kind: 'offer', to: 'green', raise: true, riders: [], favour: false },
      'frozen',
    ],
    [
      'raising a treaty above the top',
      'blue',
      { kind: 'offer', to: 'isle', raise: true, riders: [], favour: false },
      'top of the ladder',
    ],
    [
      'a trade deal on dialogue',
      'red',
      { kind: 'offer', to: 'buffer', raise: false, riders: [{ kind: 'trade' }], favour: false },
      'partnership',
    ],
    [
      'spending a favour nobody owes',
      'red',
      { kind: 'offer', to: 'gold', raise: true, riders: [], favour: true },
      'owes you no favour',
    ],
    [
      'hedging on a treaty call',
      'blue',
      { kind: 'answer', crisis: 'c2', answer: { kind: 'hedge', power: 0, wealth: 0 } },
      'treaty call',
    ],
    [
      'abandoning a call that is no treaty',
      'red',
      { kind: 'answer', crisis: 'c1', answer: { kind: 'abandon', power: 0, wealth: 0 } },
      'hedge instead',
    ],
    [
      'honouring with nothing',
      'red',
      { kind: 'answer', crisis: 'c1', answer: { kind: 'honour', power: 0, wealth: 1 } },
      'at least 1 Power',
    ],
    [
      'answering a call one did not get',
      'blue',
      { kind: 'answer', crisis: 'c1', answer: { kind: 'hedge', power: 0, wealth: 0 } },
      'not called',
    ],
    [
      'pressing another’s crisis',
      'red',
      { kind: 'instigate', crisis: 'c1', press: true, power: 1 },
      'instigator',
    ],
    [
      'honour-if-pressed by the instigator itself',
      'red',
      { kind: 'answer', crisis: 'c2', answer: { kind: 'honourIfPressed', power: 1, wealth: 0 } },
      '',
    ],
    ['lowering a tie one does not have', 'gold', { kind: 'lower', partner: 'isle' }, 'no tie'],
    [
      'preparing a card one does not hold',
      'green',
      { kind: 'order', order: { kind: 'prepare', card: 'piracy' } },
      'not in your hand',
    ],
    ['voting without a council seat', 'gold', { kind: 'vote', crisis: 'c1', vote: 'yes' }, ''],
  ];
  it.each(cases)('%s', (_label, seat, act, reason) => {
    const m = negotiating();
    m.state.actors.red!.wealth = 2;
    const before = stateHash(m.state);
    const refusal = m.refusal(seat, act);
    expect(refusal).toBeTypeOf('string');
    expect(refusal!).toContain(reason);
    const r = applyCommand(FIXTURE, m.state, {
      ...act,
      seat,
      round: m.state.round,
      phase: m.state.phase,
    } as Command);
    expect(r.ok).toBe(false);
    expect(stateHash(m.state)).toBe(before);
  });

  it('refuses a command for a seat that is not in the match', () => {
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.advance();
    expect(m.refusal('gold', { kind: 'done', done: true })).toContain('not a seat');
  });

  it('refuses a stale command written for another round or phase', () => {
    const m = drive({ seats });
    const stale: Command = { kind: 'done', seat: 'red', round: 1, phase: 'news', done: true };
    m.advance();
    const r = applyCommand(FIXTURE, m.state, stale);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('round 1 (Briefing)');
  });

  it('refuses commands of the wrong phase in full pace', () => {
    const m = drive({ seats, pace: 'full' });
    m.inject('frontier-war');
    m.advance();
    expect(m.state.phase).toBe('diplomacy');
    expect(
      m.refusal('red', {
        kind: 'answer',
        crisis: 'c1',
        answer: { kind: 'hedge', power: 0, wealth: 0 },
      }),
    ).toContain('cannot be done during');
    m.advance();
    m.advance();
    expect(m.state.phase).toBe('calls');
    expect(
      m.refusal('red', {
        kind: 'answer',
        crisis: 'c1',
        answer: { kind: 'hedge', power: 0, wealth: 0 },
      }),
    ).toBeNull();
  });

  it('counts action points, one less while Entangled', () => {
    const m = negotiating();
    const invest = {
      kind: 'order',
      order: { kind: 'invest', region: 'south', amount: 2 },
    } as const;
    for (let i = 0; i < 4; i++) m.seat('blue', invest);
    expect(m.refusal('blue', invest)).toContain('No action points');
    m.state.actors.red!.entangled = 1;
    for (let i = 0; i < 3; i++) m.seat('red', invest);
    expect(m.refusal('red', invest)).toContain('Entangled');
  });

  it('sums all Wealth a seat’s plans spend against its stock', () => {
    const m = negotiating();
    m.state.actors.gold!.wealth = 5;
    m.seat('gold', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 3 } });
    expect(
      m.refusal('gold', { kind: 'order', order: { kind: 'aid', to: 'red', amount: 3 } }),
    ).toContain('Not enough Wealth');
    expect(
      m.refusal('gold', { kind: 'order', order: { kind: 'aid', to: 'red', amount: 2 } }),
    ).toBeNull();
  });

  it('keeps Power deployed in one region out of a commitment elsewhere (two fronts)', () => {
    const m = negotiating();
    m.state.actors.red!.power = 4;
    m.seat('red', { kind: 'order', order: { kind: 'deploy', region: 'straits', power: 3 } });
    expect(
      m.refusal('red', {
        kind: 'answer',
        crisis: 'c1',
        answer: { kind: 'honour', power: 2, wealth: 0 },
      }),
    ).toContain('Power');
    expect(
      m.refusal('red', {
        kind: 'answer',
        crisis: 'c1',
        answer: { kind: 'honour', power: 1, wealth: 0 },
      }),
    ).toBeNull();
  });
});
