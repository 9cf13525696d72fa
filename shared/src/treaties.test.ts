import { describe, expect, it } from 'vitest';
import { getScenario } from './content/index.ts';
import { RULES } from './rules.ts';
import { parseScenario } from './scenario/load.ts';
import type { CallState } from './state.ts';
import { drive } from './testing/drive.ts';

/** A defensive treaty obliges when the ally is attacked, and only lets it ask when it attacks (docs/rules.md §7.4). */
const liberal = getScenario('liberal-era');
const tutorial = getScenario('tutorial-1950');
const LIBERAL_SEATS = ['china', 'russia', 'usa'];

function briefed(scenario: typeof liberal, seats: string[], card: string) {
  const m = drive({ seats }, scenario, card);
  const scripted = Object.entries(scenario.scriptedCards).find(([, ids]) => ids.includes(card));
  if (scripted) {
    // A scripted card comes with its own round's news.
    while (m.state.round < Number(scripted[0])) {
      m.advanceTo('resolution');
      m.advance();
    }
  } else m.inject(card);
  m.advance();
  const uid = m.crisis(card);
  const crisis = m.state.crises.find((c) => c.uid === uid)!;
  const call = (actor: string) => crisis.calls.find((c) => c.actor === actor);
  return { m, uid, crisis, call };
}

describe('defensive treaties (docs/rules.md §7.4)', () => {
  it('a treaty calls the ally of a party that is attacked: North Korea’s test calls the US to Seoul', () => {
    const { call } = briefed(liberal, LIBERAL_SEATS, 'korea-nuclear-2006');
    expect(call('usa')).toMatchObject({ side: 'defence', treaty: true, asked: false });
  });

  it('an ally’s own war only asks: allies may refuse Iraq at a small cost, and nobody abandons', () => {
    const { m, uid, call } = briefed(liberal, LIBERAL_SEATS, 'iraq-war-2003');
    for (const ally of ['europe', 'japan', 'south-korea', 'australia'])
      expect(call(ally)).toMatchObject({ side: 'attack', treaty: false, asked: true });
    const reputation = m.actor('japan').reputation;
    m.seat('usa', { kind: 'instigate', crisis: uid, press: true, power: 2 });
    m.advance();
    expect(m.eventsOf('abandonment')).toHaveLength(0);
    // Japan's stake is low, so as a non-player actor it declines the ask.
    const declined = m.eventsOf('callHedged').find((e) => e.actors[0] === 'japan');
    expect(declined?.detail).toEqual({ asked: 'yes' });
    expect(declined?.amounts?.reputation).toBe(-RULES.askRefusedReputation);
    expect(m.actor('japan').reputation).toBe(reputation - RULES.askRefusedReputation);
    expect(RULES.askRefusedReputation).toBeLessThan(RULES.abandonReputation);
  });

  it('a seat asked by its ally may hedge (refuse), which a treaty call never allows', () => {
    const { m, uid, call } = briefed(tutorial, ['china', 'ussr'], 'taiwan-strait-1950');
    expect(call('ussr')).toMatchObject({ side: 'attack', treaty: false, asked: true });
    expect(
      m.refusal('ussr', {
        kind: 'answer',
        crisis: uid,
        answer: { kind: 'abandon', power: 0, wealth: 0 },
      }),
    ).toContain('hedge instead');
    const before = m.actor('ussr').reputation;
    const level = m.state.ties['china|ussr']!.level;
    m.seat('ussr', { kind: 'answer', crisis: uid, answer: { kind: 'hedge', power: 0, wealth: 0 } });
    m.seat('china', { kind: 'instigate', crisis: uid, press: true, power: 1 });
    m.advance();
    expect(m.eventsOf('abandonment')).toHaveLength(0);
    const declined = m.eventsOf('callHedged').find((e) => e.crisis === uid);
    expect(declined?.actors[0]).toBe('ussr');
    expect(declined?.amounts?.reputation).toBe(-RULES.askRefusedReputation);
    expect(m.actor('ussr').reputation).toBeLessThan(before);
    expect(m.state.ties['china|ussr']!.level).toBe(level);
  });

  it('a card may bind where history did: in 1950 China must honour or abandon Moscow’s war', () => {
    const { call } = briefed(tutorial, ['china', 'ussr'], 'korea-invasion-1950');
    expect(call('china')).toMatchObject({ side: 'attack', treaty: true, asked: false });
  });

  it('after the September attacks the treaties invoked bind Europe and Australia; the others are asked', () => {
    const { call } = briefed(liberal, LIBERAL_SEATS, 'afghanistan-coalition-2001');
    expect(call('europe')).toMatchObject({ treaty: true });
    expect(call('australia')).toMatchObject({ treaty: true });
    expect(call('japan')).toMatchObject({ treaty: false, asked: true });
    expect(call('south-korea')).toMatchObject({ treaty: false, asked: true });
  });
});

describe('Belgrade 1999', () => {
  it('NATO’s operation asks Europe and drags no Asian treaty ally in', () => {
    const { crisis } = briefed(liberal, LIBERAL_SEATS, 'belgrade-embassy-1999');
    const attack = crisis.calls.filter((c: CallState) => c.side === 'attack').map((c) => c.actor);
    expect(attack).toEqual(['europe']);
    expect(crisis.calls.some((c) => c.treaty && c.side === 'attack')).toBe(false);
  });

  it('pressed, it leaves China a grievance against the US and a tie that cannot rise', () => {
    const { m, uid } = briefed(liberal, LIBERAL_SEATS, 'belgrade-embassy-1999');
    m.seat('usa', { kind: 'instigate', crisis: uid, press: true, power: 2 });
    m.advance();
    expect(m.actor('china').grievances.usa).toBe(1);
    expect(m.eventsOf('grievance').map((e) => e.actors)).toContainEqual(['china', 'usa']);
    const round = m.state.round;
    m.advanceTo('diplomacy');
    expect(m.state.round).toBe(round + 1);
    expect(
      m.refusal('china', { kind: 'offer', to: 'usa', raise: true, riders: [], favour: false }),
    ).toContain('cannot rise');
  });

  it('held, it leaves no grievance', () => {
    const { m, uid } = briefed(liberal, LIBERAL_SEATS, 'belgrade-embassy-1999');
    m.seat('usa', { kind: 'instigate', crisis: uid, press: false, power: 0 });
    m.advance();
    expect(m.actor('china').grievances.usa ?? 0).toBe(0);
  });
});

describe('card fields that belong to an operation', () => {
  it('refuses binds, asks or grievances on a card without an instigator', () => {
    const raw = JSON.parse(JSON.stringify(liberal)) as { cards: Record<string, unknown>[] };
    const piracy = raw.cards.find((c) => c.id === 'counter-piracy-2008')!;
    piracy.binds = ['europe'];
    const r = parseScenario(raw, 'copy.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('instigator');
  });

  it('refuses an unknown actor in binds', () => {
    const raw = JSON.parse(JSON.stringify(liberal)) as { cards: Record<string, unknown>[] };
    raw.cards.find((c) => c.id === 'iraq-war-2003')!.binds = ['atlantis'];
    const r = parseScenario(raw, 'copy.json');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toContain('binds');
  });
});
