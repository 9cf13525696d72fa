import { describe, expect, it } from 'vitest';
import { ctxOf } from '../ctx.ts';
import { legalCommands } from '../legal.ts';
import { RULES } from '../rules.ts';
import { drive } from '../testing/drive.ts';
import { ensureTie } from '../ties.ts';
import { STRATEGIC } from '../vocabulary.ts';
import { incomeParts } from './economy.ts';

const seats = ['red', 'blue', 'green', 'gold'];

/** Frontier war pressed by Green with the given Power, and a chosen answer from Red. */
function frontierWar(redAnswer: 'honour' | 'hedge' | 'quiet' | 'none', press = 3) {
  const m = drive({ seats });
  m.inject('frontier-war');
  m.advance();
  const c = m.crisis('frontier-war');
  m.seat('green', { kind: 'instigate', crisis: c, press: press > 0, power: press });
  if (redAnswer === 'honour')
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
  if (redAnswer === 'hedge')
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'hedge', power: 0, wealth: 0 } });
  if (redAnswer === 'quiet')
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'quiet', power: 0, wealth: 0 } });
  return m;
}

describe('entrapment (docs/rules.md §7.10)', () => {
  it('honouring a call where one’s stake is low entraps: Autonomy, locked Power, Entangled, Tension', () => {
    const m = frontierWar('honour');
    const red = m.actor('red');
    const autonomy = red.autonomy;
    const tension = m.state.tension;
    m.advance();
    const trap = m.eventsOf('entrapment');
    expect(trap).toHaveLength(1);
    expect(trap[0]!.actors).toEqual(['red', 'green']);
    expect(red.autonomy).toBe(autonomy - 1);
    expect(red.entangled).toBe(2);
    expect(red.entangledBy).toBe('green|red');
    expect(red.locked).toContainEqual(expect.objectContaining({ amount: 2, rounds: 2 }));
    expect(m.state.tension).toBeGreaterThanOrEqual(tension + 2); // pressed + a great power entrapped
  });

  it('hedging on a strategic partner’s call costs 1 Reputation and entraps nobody', () => {
    const m = frontierWar('hedge');
    const rep = m.actor('red').reputation;
    m.advance();
    expect(m.eventsOf('entrapment')).toHaveLength(0);
    expect(m.actor('red').reputation).toBe(rep - 1);
  });

  it('while Entangled a seat has one action point less and cannot lower the tie that drew it in', () => {
    const m = frontierWar('honour');
    m.advance();
    m.advance();
    m.advance();
    expect(m.state.round).toBe(2);
    expect(m.refusal('red', { kind: 'lower', partner: 'green' })).toContain('Entangled');
    for (let i = 0; i < 3; i++)
      m.seat('red', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    expect(
      m.refusal('red', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } }),
    ).toContain('No action points');
  });

  it('markers do not tick in the round they are set: Entangled covers the next two rounds', () => {
    const m = frontierWar('honour');
    m.advance(); // resolution of round 1
    expect(m.actor('red').entangled).toBe(2);
    for (let round = 2; round <= 3; round++) {
      m.advanceTo('resolution');
      m.advance();
    }
    m.advanceTo('resolution');
    expect(m.actor('red').entangled).toBe(0);
    // Two round ends passed while Entangled (rounds 2 and 3); the round it was set in does not count.
    expect(m.actor('red').roundsEntangled).toBe(2);
  });
});

describe('abandonment (docs/rules.md §7.10)', () => {
  it('refusing a treaty call: −3 Reputation, caller −2 Security, treaty falls to partnership, grievance', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const c = m.crisis('strait-crisis');
    m.seat('red', { kind: 'instigate', crisis: c, press: true, power: 2 });
    m.seat('blue', { kind: 'answer', crisis: c, answer: { kind: 'abandon', power: 0, wealth: 0 } });
    const rep = m.actor('blue').reputation;
    const sec = m.actor('isle').security;
    m.advance();
    expect(m.eventsOf('abandonment')[0]!.actors).toEqual(['blue', 'isle']);
    expect(m.actor('blue').reputation).toBe(rep - 3);
    expect(m.actor('isle').security).toBeLessThanOrEqual(sec - 2);
    expect(m.state.ties['blue|isle']!.level).toBe(2);
    expect(m.actor('isle').grievances.blue).toBe(1);
  });

  it('lowering a frozen treaty counts as abandonment', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    m.seat('blue', { kind: 'lower', partner: 'isle' });
    m.seat('blue', {
      kind: 'answer',
      crisis: m.crisis('strait-crisis'),
      answer: { kind: 'honour', power: 1, wealth: 0 },
    });
    m.advance();
    expect(m.eventsOf('abandonment')).toHaveLength(1);
  });

  it('abandoning a European ally costs Cohesion 2; honouring one gives 1', () => {
    for (const [answer, change] of [
      ['abandon', -2],
      ['honour', 1],
    ] as const) {
      const m = drive({ seats });
      m.inject('allies-attacked');
      m.advance();
      const c = m.crisis('allies-attacked');
      m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 1 });
      m.seat('blue', {
        kind: 'answer',
        crisis: c,
        answer: { kind: answer, power: answer === 'honour' ? 2 : 0, wealth: 0 },
      });
      const before = m.actor('blue').cohesion;
      m.advance();
      expect(m.actor('blue').cohesion - before).toBe(change);
    }
  });
});

describe('honour, favours, quiet support and secondary sanctions', () => {
  it('honouring earns Reputation and a favour the partner owes', () => {
    const m = frontierWar('honour');
    const rep = m.actor('red').reputation;
    m.advance();
    expect(m.actor('red').reputation).toBe(rep + 1 - 0); // +1 for honouring
    expect(m.actor('red').favours.green).toBe(1);
  });

  it('an offer spending a favour can be rejected only by paying 2 Wealth', () => {
    const m = frontierWar('honour');
    m.advance();
    m.advance();
    m.advance();
    m.seat('red', {
      kind: 'offer',
      to: 'green',
      raise: false,
      riders: [{ kind: 'trade' }],
      favour: true,
    });
    const offer = m.state.offers[0]!.id;
    m.state.actors.green!.wealth = 1;
    expect(m.refusal('green', { kind: 'respond', offer, accept: false })).toContain('2 Wealth');
    m.state.actors.green!.wealth = 5;
    m.seat('green', { kind: 'respond', offer, accept: false });
    const redWealth = m.actor('red').wealth;
    m.advance();
    expect(m.eventsOf('favourRepaid')).toHaveLength(1);
    expect(m.actor('red').wealth).toBeGreaterThanOrEqual(redWealth + 2);
    expect(m.actor('red').favours.green).toBe(0);
  });

  it('exposed quiet support for a sanctioned actor brings secondary sanctions', () => {
    let exposedOnce = false;
    for (let seed = 0; seed < 12 && !exposedOnce; seed++) {
      const m = drive({ seats }, undefined, `quiet-${seed}`);
      m.inject('frontier-war');
      m.advance();
      const c = m.crisis('frontier-war');
      m.state.sanctions.push({ by: 'blue', target: 'green', rounds: 2, since: 1 });
      m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 1 });
      m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'quiet', power: 0, wealth: 0 } });
      m.seat('blue', { kind: 'order', order: { kind: 'investigate', target: 'red' } });
      m.advance();
      if (m.eventsOf('quietExposed').length > 0) {
        exposedOnce = true;
        expect(m.eventsOf('secondarySanctions')[0]!.actors[0]).toBe('red');
        expect(m.actor('red').secondary).toBeGreaterThan(0);
      } else expect(m.actor('red').secondary).toBe(0);
    }
    expect(exposedOnce).toBe(true);
  });
});

describe('crisis outcomes (docs/rules.md §7.7)', () => {
  it('an instigator that holds takes 2 off severity; at 0 or less with mediation the crisis is defused', () => {
    const m = drive({ seats });
    m.inject('frontier-war'); // severity 3
    m.advance();
    const c = m.crisis('frontier-war');
    m.seat('green', { kind: 'instigate', crisis: c, press: false, power: 0 });
    m.seat('red', { kind: 'order', order: { kind: 'mediate', crisis: c } });
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    const tension = m.state.tension;
    m.advance();
    expect(m.eventsOf('crisisDefused')).toHaveLength(1);
    expect(m.eventsOf('entrapment')).toHaveLength(0);
    expect(m.actor('red').locked).toHaveLength(0);
    expect(m.state.tension).toBeLessThan(tension);
    expect(m.actor('red').stats.defusals).toBe(1);
  });

  it('a stalemate keeps the crisis live, one severity lower, with its Power locked', () => {
    for (let seed = 0; seed < 40; seed++) {
      const m = drive({ seats }, undefined, `stalemate-${seed}`);
      m.inject('frontier-war');
      m.advance();
      m.seat('green', {
        kind: 'instigate',
        crisis: m.crisis('frontier-war'),
        press: true,
        power: 1,
      });
      m.advance();
      if (m.eventsOf('stalemate').length === 0) continue;
      const crisis = m.state.crises.find((x) => x.card === 'frontier-war')!;
      expect(crisis.live).toBe(true);
      expect(crisis.severity).toBe(2);
      expect(m.actor('green').locked).toContainEqual(
        expect.objectContaining({ amount: 1, rounds: -1 }),
      );
      m.advance();
      expect(m.state.crises.some((x) => x.card === 'frontier-war' && x.live)).toBe(true);
      return;
    }
    throw new Error('no stalemate in 40 seeds');
  });

  it('a shared crisis succeeds when contributions meet severity + d6 − 3', () => {
    const m = drive({ seats });
    m.inject('piracy');
    m.advance();
    const c = m.crisis('piracy');
    for (const s of ['green'])
      m.seat(s, { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 6, wealth: 0 } });
    m.advance();
    expect(m.eventsOf('sharedSuccess')).toHaveLength(1);
  });
});

describe('ties: swift scaling and notice (docs/rules.md §4.5)', () => {
  it('a partnership drops at once and for free', () => {
    const m = drive({ seats });
    m.advance();
    const rep = m.actor('green').reputation;
    m.seat('green', { kind: 'lower', partner: 'gold' });
    m.advance();
    expect(m.state.ties['gold|green']!.level).toBe(1);
    expect(m.actor('green').reputation).toBe(rep);
  });

  it('a treaty needs notice: it stays in force for the notice rounds and costs 2 Reputation', () => {
    const m = drive({ seats });
    m.advance();
    const rep = m.actor('blue').reputation;
    m.seat('blue', { kind: 'lower', partner: 'isle' });
    m.advance(); // resolution of round 1: notice given, due round 3
    expect(m.actor('blue').reputation).toBe(rep - 2);
    expect(m.state.ties['blue|isle']!.level).toBe(4);
    m.advance();
    m.advanceTo('resolution'); // round 2
    expect(m.state.ties['blue|isle']!.level).toBe(4);
    m.advance();
    m.advanceTo('resolution'); // round 3
    expect(m.state.ties['blue|isle']!.level).toBe(3);
  });

  it('lowering a frozen partnership costs 1 Reputation and the tie cannot rise for 2 rounds', () => {
    const m = frontierWar('none');
    const rep = m.actor('gold').reputation;
    m.seat('gold', { kind: 'lower', partner: 'green' });
    m.advance();
    expect(m.actor('gold').reputation).toBe(rep - 1);
    m.advance();
    m.advance();
    expect(
      m.refusal('gold', { kind: 'offer', to: 'green', raise: true, riders: [], favour: false }),
    ).toContain('cannot rise');
  });

  it('a tie rises one level per round, only by an accepted offer, and riders apply', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('red', {
      kind: 'offer',
      to: 'gold',
      raise: true,
      riders: [{ kind: 'trade' }, { kind: 'armsSale', seller: 'red' }],
      favour: false,
    });
    expect(
      m.refusal('gold', { kind: 'offer', to: 'red', raise: true, riders: [], favour: false }),
    ).toContain('already an open offer');
    m.seat('gold', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    const goldPower = m.actor('gold').power;
    m.advance();
    // Dialogue of their own, lifted to partnership by their coordination forum: the offer makes it strategic.
    expect(m.state.ties['gold|red']!.level).toBe(3);
    expect(m.actor('gold').power).toBe(goldPower + 1);
    expect(m.eventsOf('riderApplied')).toHaveLength(2);
  });

  it('raising a tie with an Indo-Pacific partner costs Cohesion', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('blue', {
      kind: 'offer',
      to: 'isle',
      raise: false,
      riders: [{ kind: 'trade' }],
      favour: false,
    });
    const c = m.actor('blue').cohesion;
    m.advance();
    expect(m.actor('blue').cohesion).toBe(c); // riders only: no raise, no cost
  });
});

describe('income, isolation and tension', () => {
  it.each([
    ['base income plus partnership ties', 'gold', 3 + 1],
    ['a strategic partnership pays 2', 'red', 3 + 2],
  ])('%s, less upkeep of half of what is held', (_label, actor, income) => {
    const m = drive({ seats });
    const w = m.actor(actor).wealth;
    m.advanceTo('resolution');
    expect(m.actor(actor).wealth - w).toBe(income - Math.floor(w / RULES.upkeepPer));
    expect(m.eventsOf('income').find((e) => e.actors[0] === actor)?.amounts).toMatchObject({
      income,
      upkeep: Math.floor(w / RULES.upkeepPer),
    });
  });

  it('what ties and riders add is capped at half the base income, rounded up', () => {
    const m = drive({ seats });
    // Red (base 3) holds strategic partnerships with everyone, each with a trade deal: 2 + 1 apiece.
    for (const other of ['blue', 'green', 'gold', 'isle']) {
      const tie = ensureTie(m.state, 'red', other);
      tie.level = STRATEGIC;
      tie.riders = [{ rider: { kind: 'trade' }, from: 'red', level: STRATEGIC }];
    }
    const parts = incomeParts(ctxOf(m.scenario), m.state).red!;
    expect(parts.partnersUncapped).toBeGreaterThanOrEqual(12);
    expect(parts).toMatchObject({ base: 3, partnersCap: 2, partners: 2, total: 5 });
  });

  it('sanctions cost the target 2 income and the sanctioner 1, for two rounds', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('blue', { kind: 'order', order: { kind: 'sanction', target: 'green' } });
    const income = (id: string) =>
      m
        .eventsOf('income')
        .filter((e) => e.actors[0] === id)
        .map((e) => e.amounts!.income);
    for (let i = 0; i < 3; i++) {
      m.advanceTo('resolution');
      m.advance();
    }
    const green = income('green');
    const blue = income('blue');
    // Rounds 1 and 2 carry the sanction; round 3 is back to normal.
    expect(green[1]).toBe(green[0]);
    expect(green[2]! - green[0]!).toBe(2);
    expect(blue[1]).toBe(blue[0]);
    expect(blue[2]! - blue[0]!).toBe(1);
  });

  it('a great power with fewer than two strategic partners is isolated: −1 Security', () => {
    const m = drive({ seats });
    const sec = m.actor('red').security;
    m.advanceTo('resolution');
    expect(m.eventsOf('isolation').map((e) => e.actors[0])).toContain('red');
    expect(m.actor('red').security).toBe(sec - 1);
    expect(m.actor('red').isolated).toBe(true);
  });

  it('no seat’s actions raise Tension by more than 2 in a round', () => {
    const m = drive({ seats });
    m.inject('frontier-war');
    m.inject('allies-attacked');
    m.inject('piracy');
    m.advance();
    for (const card of ['frontier-war', 'allies-attacked'])
      m.seat('green', { kind: 'instigate', crisis: m.crisis(card), press: true, power: 1 });
    m.seat('green', { kind: 'order', order: { kind: 'deploy', region: 'europe', power: 1 } });
    m.seat('blue', { kind: 'order', order: { kind: 'deploy', region: 'europe', power: 1 } });
    m.advance();
    const charged = m
      .eventsOf('tension')
      .filter((e) => e.amounts!.change! > 0 && e.actors.length === 1 && e.actors[0] === 'green');
    expect(charged.length).toBeLessThanOrEqual(2);
  });

  it('Tension 10 is great-power war: the match ends and its makers rank last', () => {
    const m = drive({ seats });
    m.state.tension = 9;
    m.inject('frontier-war');
    m.advance();
    m.seat('green', { kind: 'instigate', crisis: m.crisis('frontier-war'), press: true, power: 1 });
    m.advance();
    expect(m.state.phase).toBe('ended');
    expect(m.state.ending?.reason).toBe('greatPowerWar');
    expect(m.state.warMakers).toEqual(['green']);
  });
});

describe('prepared crisis cards (docs/rules.md §7.2)', () => {
  it('a card prepared this round leaves the hand and is revealed with next round’s news', () => {
    const m = drive({ seats });
    m.advance();
    expect(m.actor('green').hand).toEqual(['green-war']);
    m.seat('green', { kind: 'order', order: { kind: 'prepare', card: 'green-war' } });
    m.advance();
    expect(m.actor('green').hand).toEqual([]);
    expect(m.state.prepared).toEqual([{ card: 'green-war', by: 'green' }]);
    m.advance();
    expect(m.state.round).toBe(2);
    const revealed = m.eventsOf('crisisRevealed').find((e) => e.card === 'green-war');
    expect(revealed?.detail?.how).toBe('prepared');
    expect(m.state.crises.some((c) => c.card === 'green-war' && c.live)).toBe(true);
  });
});

describe('presence next to rivals', () => {
  it('two rivals deploying to the same region raise Tension once, however many orders', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('green', { kind: 'order', order: { kind: 'deploy', region: 'frontier', power: 1 } });
    m.seat('green', { kind: 'order', order: { kind: 'deploy', region: 'frontier', power: 1 } });
    m.seat('blue', { kind: 'order', order: { kind: 'deploy', region: 'frontier', power: 1 } });
    m.advance();
    expect(
      m.eventsOf('tension').filter((e) => e.detail?.reason === 'deployment next to a rival'),
    ).toHaveLength(1);
  });

  it('a joint-exercise rider accepted by a non-player actor is held this round', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('blue', {
      kind: 'offer',
      to: 'isle',
      raise: false,
      riders: [{ kind: 'jointExercise', region: 'straits' }],
      favour: false,
    });
    m.advance();
    expect(m.eventsOf('exercise').map((e) => e.actors)).toContainEqual(['blue', 'isle']);
  });
});

describe('Power is counted once (docs/rules.md §7.5, §7.11)', () => {
  /** Red presses the strait crisis (resolved first) and honours Green in the frontier war. */
  function twoCrises(press: number, honour: number) {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.inject('frontier-war');
    m.advance();
    m.seat('red', {
      kind: 'instigate',
      crisis: m.crisis('strait-crisis'),
      press: true,
      power: press,
    });
    m.seat('green', {
      kind: 'instigate',
      crisis: m.crisis('frontier-war'),
      press: true,
      power: 2,
    });
    m.seat('red', {
      kind: 'answer',
      crisis: m.crisis('frontier-war'),
      answer: { kind: 'honour', power: honour, wealth: 0 },
    });
    return m;
  }

  it('Power pressed in the first crisis of a round leaves the rest for the second', () => {
    const m = twoCrises(6, 4);
    expect(m.actor('red').power).toBe(12);
    m.advance();
    const honoured = m.eventsOf('callHonoured').find((e) => e.actors[0] === 'red');
    expect(honoured?.amounts?.power).toBe(4);
    const locked = m.actor('red').locked.reduce((s, l) => s + l.amount, 0);
    expect(locked).toBe(10);
  });

  it('the answer offers at most the Power not yet answered or pressed elsewhere', () => {
    const m = twoCrises(6, 4);
    const opts = legalCommands(m.scenario, m.state, 'red');
    const answer = opts.find((o) => o.kind === 'answer' && o.sub === m.crisis('frontier-war'));
    expect(answer?.amount?.max).toBe(6);
    const press = opts.find((o) => o.kind === 'instigate' && o.sub === m.crisis('strait-crisis'));
    expect(press?.amount?.max).toBe(8);
    expect(
      m.refusal('red', {
        kind: 'answer',
        crisis: m.crisis('frontier-war'),
        answer: { kind: 'honour', power: 7, wealth: 0 },
      }),
    ).toContain('not enough Power');
  });

  it('an honour that can commit nothing when its crisis resolves is hollow and earns nothing', () => {
    const m = twoCrises(6, 4);
    // Power lost after answering (as if locked elsewhere): nothing is left for the honour.
    m.actor('red').locked.push({ amount: 6, rounds: 1, crisis: null, since: 0 });
    const rep = m.actor('red').reputation;
    const favours = m.actor('red').favours.green ?? 0;
    m.advance();
    expect(m.eventsOf('callHollow').map((e) => e.actors)).toEqual([['red', 'green']]);
    expect(m.eventsOf('callHonoured').filter((e) => e.actors[0] === 'red')).toHaveLength(0);
    expect(m.eventsOf('entrapment').filter((e) => e.actors[0] === 'red')).toHaveLength(0);
    expect(m.actor('red').favours.green ?? 0).toBe(favours);
    // Pressing a crisis it loses could cost Reputation; a hollow honour never adds any.
    expect(m.actor('red').reputation).toBeLessThanOrEqual(rep);
  });
});
