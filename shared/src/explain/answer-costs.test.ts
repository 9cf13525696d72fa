import { describe, expect, it } from 'vitest';
import type { Answer } from '../commands/schema.ts';
import { stateOfView } from '../seat-state.ts';
import { drive } from '../testing/drive.ts';
import { viewFor } from '../view.ts';
import { answerCosts, silentAnswer } from './answer-costs.ts';

const seats = ['red', 'blue', 'green', 'gold'];

/** A number the words give for a change ("your Reputation rises by 1"), or 0 when they name none. */
function said(words: string, pattern: RegExp): number {
  const m = words.match(pattern);
  return m ? Number(m[1]) : 0;
}

function wordsFor(m: ReturnType<typeof drive>, seat: string, crisis: string, kind: Answer['kind']) {
  const found = answerCosts(m.scenario, m.state, seat, crisis).find((c) => c.kind === kind);
  if (!found) throw new Error(`no ${kind} for ${seat}`);
  return found.words;
}

/** Green's frontier war, pressed: Red is called by its strategic partner Green where its stake is low. */
function frontierWar(press: boolean) {
  const m = drive({ seats });
  m.inject('frontier-war');
  m.advance();
  const c = m.crisis('frontier-war');
  m.seat('green', { kind: 'instigate', crisis: c, press, power: press ? 3 : 0 });
  return { m, c };
}

describe('answerCosts: the words match what the engine does', () => {
  it('lists the answers the engine allows, and the same on the seat’s own view', () => {
    const { m, c } = frontierWar(true);
    const kinds = answerCosts(m.scenario, m.state, 'red', c).map((a) => a.kind);
    expect(kinds).toEqual(['honour', 'honourIfPressed', 'quiet', 'hedge']);
    expect(answerCosts(m.scenario, stateOfView(viewFor(m.state, 'red')), 'red', c)).toEqual(
      answerCosts(m.scenario, m.state, 'red', c),
    );
    expect(answerCosts(m.scenario, m.state, 'blue', c)).toEqual([]);
  });

  it('honouring where the stake is low: entrapment, with the numbers the engine applies', () => {
    const { m, c } = frontierWar(true);
    const words = wordsFor(m, 'red', c, 'honour');
    expect(words).toContain('entrapment');
    const red = m.actor('red');
    const before = { reputation: red.reputation, autonomy: red.autonomy };
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    m.advance();
    expect(red.reputation - before.reputation).toBe(said(words, /Reputation rises by (\d+)/));
    expect(before.autonomy - red.autonomy).toBe(said(words, /Autonomy falls by (\d+)/));
    expect(red.entangled).toBe(said(words, /Entangled for (\d+) rounds/));
    expect(red.locked).toContainEqual(
      expect.objectContaining({ amount: 2, rounds: said(words, /locked for (\d+) rounds/) }),
    );
    expect(words).toContain('Tension rises by 1');
    expect(m.eventsOf('entrapment')).toHaveLength(1);
    expect(red.favours.green).toBe(1);
  });

  it('hedging on a strategic partner costs the Reputation the words say', () => {
    const { m, c } = frontierWar(true);
    const words = wordsFor(m, 'red', c, 'hedge');
    const rep = m.actor('red').reputation;
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'hedge', power: 0, wealth: 0 } });
    m.advance();
    expect(said(words, /Reputation falls by (\d+)/)).toBe(1);
    expect(rep - m.actor('red').reputation).toBe(said(words, /Reputation falls by (\d+)/));
  });

  it('quiet support costs no Reputation and entraps nobody', () => {
    const { m, c } = frontierWar(true);
    const words = wordsFor(m, 'red', c, 'quiet');
    expect(words).toContain('no entrapment');
    const rep = m.actor('red').reputation;
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'quiet', power: 0, wealth: 0 } });
    m.advance();
    expect(m.actor('red').reputation).toBe(rep);
    expect(m.eventsOf('entrapment')).toHaveLength(0);
  });

  it('honour if pressed, when the instigator holds: nothing happens on an ordinary call', () => {
    const { m, c } = frontierWar(false);
    const words = wordsFor(m, 'red', c, 'honourIfPressed');
    expect(words).toContain('nothing else happens');
    const rep = m.actor('red').reputation;
    m.seat('red', {
      kind: 'answer',
      crisis: c,
      answer: { kind: 'honourIfPressed', power: 1, wealth: 0 },
    });
    m.advance();
    expect(m.actor('red').reputation).toBe(rep);
    expect(m.eventsOf('entrapment')).toHaveLength(0);
  });

  it('abandoning a treaty partner: Reputation, the partner’s Security, the tie and a grievance', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const c = m.crisis('strait-crisis');
    const kinds = answerCosts(m.scenario, m.state, 'blue', c).map((a) => a.kind);
    expect(kinds).toEqual(['honour', 'honourIfPressed', 'abandon']);
    const words = wordsFor(m, 'blue', c, 'abandon');
    expect(words).toContain('Your treaty with Isle drops to partnership');
    expect(words).toContain('Isle will hold a grievance');
    m.seat('red', { kind: 'instigate', crisis: c, press: true, power: 2 });
    m.seat('blue', { kind: 'answer', crisis: c, answer: { kind: 'abandon', power: 0, wealth: 0 } });
    const rep = m.actor('blue').reputation;
    m.advance();
    expect(rep - m.actor('blue').reputation).toBe(said(words, /Reputation falls by (\d+)/));
    const event = m.eventsOf('abandonment')[0]!;
    expect(-event.amounts!.security!).toBe(said(words, /Isle loses (\d+) Security/));
    expect(m.state.ties['blue|isle']!.level).toBe(2);
    expect(m.actor('isle').grievances.blue).toBe(1);
  });

  it('a high stake is no entrapment; honouring a treaty call raises Reputation as said', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const c = m.crisis('strait-crisis');
    const words = wordsFor(m, 'blue', c, 'honour');
    expect(words).toContain('not entrapment');
    const blue = m.actor('blue');
    const before = { reputation: blue.reputation, autonomy: blue.autonomy };
    m.seat('red', { kind: 'instigate', crisis: c, press: true, power: 2 });
    m.seat('blue', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    m.advance();
    expect(blue.reputation - before.reputation).toBe(said(words, /Reputation rises by (\d+)/));
    expect(blue.autonomy).toBe(before.autonomy);
    expect(m.eventsOf('entrapment')).toHaveLength(0);
  });

  it('abandoning a European ally through a bloc: Cohesion and the bloc, as said', () => {
    const m = drive({ seats });
    m.inject('allies-attacked');
    m.advance();
    const c = m.crisis('allies-attacked');
    const words = wordsFor(m, 'blue', c, 'abandon');
    expect(words).toContain('NATO no longer binds you and Allies');
    m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 1 });
    m.seat('blue', { kind: 'answer', crisis: c, answer: { kind: 'abandon', power: 0, wealth: 0 } });
    const cohesion = m.actor('blue').cohesion;
    m.advance();
    expect(cohesion - m.actor('blue').cohesion).toBe(said(words, /Cohesion falls by (\d+)/));
    expect(m.state.ties['allies|blue']!.blocSuspended).toBe(true);
  });

  it('says what the engine answers for a silent seat', () => {
    const { m, c } = frontierWar(true);
    expect(silentAnswer(m.scenario, m.state, 'red', c)).toBe('If you give no answer, you hedge.');
    const s = drive({ seats });
    s.inject('strait-crisis');
    s.advance();
    expect(silentAnswer(s.scenario, s.state, 'blue', s.crisis('strait-crisis'))).toContain(
      'honour the treaty with 1 Power',
    );
  });
});
