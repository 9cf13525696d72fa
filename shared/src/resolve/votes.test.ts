import { describe, expect, it } from 'vitest';
import { getScenario } from '../content/index.ts';
import { drive } from '../testing/drive.ts';

const seats = ['red', 'blue', 'green', 'gold'];

function vote(
  votes: Record<string, 'yes' | 'abstain' | 'veto'>,
  mandate: 'limit' | 'stretch' | 'standDown' = 'limit',
) {
  const m = drive({ seats });
  m.inject('mandate-vote');
  m.advance();
  const c = m.crisis('mandate-vote');
  for (const [s, v] of Object.entries(votes)) m.seat(s, { kind: 'vote', crisis: c, vote: v });
  m.seat('blue', { kind: 'mandate', crisis: c, choice: mandate });
  const before = {
    influence: m.actor('blue').influence.south!,
    rep: m.actor('blue').reputation,
    tension: m.state.tension,
  };
  m.advance();
  return { m, before, result: m.eventsOf('votesCounted')[0]!.detail!.result };
}

describe('Security Council votes, counted as the Charter does (fixture: 3 yes of 4 pass)', () => {
  it.each([
    [
      'two yes are not enough',
      { blue: 'yes', gold: 'yes', red: 'abstain', green: 'abstain' },
      'failed',
    ],
    [
      'an abstention is not a veto: three yes pass',
      { blue: 'yes', gold: 'yes', red: 'yes', green: 'abstain' },
      'passed',
    ],
    [
      'one permanent member’s veto kills it',
      { blue: 'yes', gold: 'yes', red: 'yes', green: 'veto' },
      'failed',
    ],
  ] as const)('%s', (_label, votes, result) => {
    expect(vote(votes).result).toBe(result);
  });

  it('an elected member cannot veto: the command is refused and changes nothing', () => {
    const m = drive({ seats });
    m.inject('mandate-vote');
    m.advance();
    const c = m.crisis('mandate-vote');
    expect(m.refusal('gold', { kind: 'vote', crisis: c, vote: 'veto' })).toMatch(
      /only a permanent member may veto/,
    );
    expect(m.refusal('red', { kind: 'vote', crisis: c, vote: 'veto' })).toBeNull();
    expect(m.state.crises.find((x) => x.uid === c)!.votes).toEqual({});
  });

  it('a veto costs 1 Reputation', () => {
    const m = drive({ seats });
    const rep = m.actor('green').reputation;
    m.inject('mandate-vote');
    m.advance();
    m.seat('green', { kind: 'vote', crisis: m.crisis('mandate-vote'), vote: 'veto' });
    m.advance();
    expect(m.actor('green').reputation).toBe(rep - 1);
  });

  it('stretching a mandate: +2 influence, and every abstainer holds a grievance and a free veto (the Libya lesson)', () => {
    const { m, before } = vote(
      { blue: 'yes', gold: 'yes', red: 'yes', green: 'abstain' },
      'stretch',
    );
    expect(m.actor('blue').influence.south).toBe(before.influence + 2);
    expect(m.actor('green').grievances.blue).toBe(1);
    expect(m.actor('green').freeVeto).toBe(true);
    expect(m.eventsOf('mandateStretched')).toHaveLength(1);
  });

  it('acting without a mandate costs 2 Reputation and raises Tension', () => {
    const { m, before } = vote(
      { blue: 'yes', gold: 'abstain', red: 'abstain', green: 'abstain' },
      'limit',
    );
    expect(m.actor('blue').reputation).toBe(before.rep - 2);
    expect(m.eventsOf('actedWithoutMandate')).toHaveLength(1);
  });

  it('a pledged courted vote counts double; a broken pledge gives a grievance', () => {
    const m = drive({ seats });
    m.advance();
    m.seat('blue', {
      kind: 'offer',
      to: 'gold',
      raise: true,
      riders: [{ kind: 'unPledge' }],
      favour: false,
    });
    m.seat('gold', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    m.advanceTo('resolution');
    m.advance();
    m.inject('mandate-vote');
    m.advance();
    const c = m.crisis('mandate-vote');
    m.seat('blue', { kind: 'vote', crisis: c, vote: 'yes' });
    m.seat('gold', { kind: 'vote', crisis: c, vote: 'yes' });
    m.seat('red', { kind: 'vote', crisis: c, vote: 'abstain' });
    m.seat('green', { kind: 'vote', crisis: c, vote: 'abstain' });
    m.advance();
    const counted = m.eventsOf('votesCounted')[0]!;
    expect(counted.amounts!.yes).toBe(3);
    expect(counted.detail!.result).toBe('passed');
  });
});

describe('Resolution 1973 in the liberal era', () => {
  const liberal = getScenario('liberal-era');
  const everySeat = [...liberal.seats.required, ...liberal.seats.optional];

  /** Plays to round 6 (2011–2012), where the Libya vote is scripted, with every seat idle until then. */
  function libya(usaVote: 'yes' | 'abstain', choice: 'limit' | 'stretch') {
    const m = drive({ seats: everySeat }, liberal, 'resolution-1973');
    while (m.state.round < 6 || m.state.phase !== 'diplomacy') m.advance();
    const c = m.crisis('libya-mandate-2011');
    m.seat('usa', { kind: 'vote', crisis: c, vote: usaVote });
    for (const s of ['china', 'russia', 'india', 'brazil'])
      m.seat(s, { kind: 'vote', crisis: c, vote: 'abstain' });
    m.seat('usa', { kind: 'mandate', crisis: c, choice });
    const before = { influence: m.actor('usa').influence['sahel-north-africa'] ?? 0 };
    const grievances = Object.fromEntries(
      ['china', 'russia', 'india', 'brazil'].map((s) => [s, m.actor(s).grievances.usa ?? 0]),
    );
    // Through round 6's resolution (the match has two rounds more, so it does not end here).
    while (m.state.round === 6) m.advance();
    const counted = m.eventsOf('votesCounted').find((e) => e.card === 'libya-mandate-2011')!;
    return { m, counted, before, grievances };
  }

  it('passes with 10 yes as in March 2011, China, Russia, India, Brazil and Germany abstaining', () => {
    const { counted } = libya('yes', 'limit');
    // The US, the UK and France, and seven other elected members; the block's one abstainer is Germany.
    expect(counted.amounts).toMatchObject({ yes: 10, abstain: 5, veto: 0, needed: 9 });
    expect(counted.detail).toMatchObject({
      result: 'passed',
      votes: 'usa:yes russia:abstain china:abstain india:abstain brazil:abstain',
    });
    expect(counted.detail!.others).toContain('United Kingdom:yes; France:yes');
  });

  it('a stretch can follow: +2 influence, and each abstainer holds a grievance and a free veto', () => {
    const { m, counted, before, grievances } = libya('yes', 'stretch');
    expect(m.actor('usa').influence['sahel-north-africa']).toBe(Math.min(10, before.influence + 2));
    const stretched = m.eventsOf('mandateStretched').find((e) => e.crisis === counted.crisis)!;
    expect(stretched.actors).toEqual(['usa', 'russia', 'china', 'india', 'brazil']);
    for (const s of ['china', 'russia', 'india', 'brazil']) {
      expect(m.actor(s).grievances.usa, s).toBe(grievances[s]! + 1);
      expect(m.actor(s).freeVeto, s).toBe(true);
    }
  });

  it('each elected member votes by its doctrine: allies with the US, the African and Arab members with the holder present in Libya’s region, Germany for non-intervention', () => {
    const { counted } = libya('yes', 'limit');
    expect(counted.detail!.others).toBe(
      'United Kingdom:yes; France:yes; Bosnia and Herzegovina:yes; Colombia:yes; Portugal:yes; Gabon:yes; Nigeria:yes; South Africa:yes; Lebanon:yes; Germany:abstain',
    );
    expect(counted.amounts!.seatsYes).toBe(0);
  });

  it('without the US’s yes, the UK, France and the US’s allies abstain with it and the mandate fails', () => {
    const { counted } = libya('abstain', 'limit');
    // Only the four regional members still vote yes (the US leads the region’s influence).
    expect(counted.amounts).toMatchObject({ yes: 4, veto: 0 });
    expect(counted.detail!.result).toBe('failed');
  });

  it('the regional members abstain when a rival of the holder has more influence in the region', () => {
    const m = drive({ seats: everySeat }, liberal, 'resolution-1973');
    while (m.state.round < 6 || m.state.phase !== 'diplomacy') m.advance();
    m.state.actors.russia!.influence['sahel-north-africa'] = 9;
    const c = m.crisis('libya-mandate-2011');
    m.seat('usa', { kind: 'vote', crisis: c, vote: 'yes' });
    while (m.state.round === 6) m.advance();
    const counted = m.eventsOf('votesCounted').find((e) => e.card === 'libya-mandate-2011')!;
    expect(counted.amounts).toMatchObject({ yes: 6, needed: 9 });
    expect(counted.detail!.result).toBe('failed');
  });

  it('a match of rules version 5 still counts the elected members as the fixed block', () => {
    const m = drive({ seats: everySeat }, liberal, 'resolution-1973');
    m.state.rulesVersion = 5;
    while (m.state.round < 6 || m.state.phase !== 'diplomacy') m.advance();
    const c = m.crisis('libya-mandate-2011');
    m.seat('usa', { kind: 'vote', crisis: c, vote: 'abstain' });
    while (m.state.round === 6) m.advance();
    const counted = m.eventsOf('votesCounted').find((e) => e.card === 'libya-mandate-2011')!;
    expect(counted.amounts).toMatchObject({ yes: 7, veto: 0 });
    expect(counted.amounts!.seatsYes).toBeUndefined();
    expect(counted.detail!.others).toContain('other elected members:7 yes, 1 abstain');
  });
});
