import { describe, expect, it } from 'vitest';
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

describe('Security Council votes (GAME.md §6.6)', () => {
  it.each([
    [
      'passes with more yes than abstain and no veto',
      { blue: 'yes', gold: 'yes', red: 'abstain', green: 'abstain' },
      'failed',
    ],
    [
      'three yes against one abstention',
      { blue: 'yes', gold: 'yes', red: 'yes', green: 'abstain' },
      'passed',
    ],
    ['one veto kills it', { blue: 'yes', gold: 'yes', red: 'yes', green: 'veto' }, 'failed'],
  ] as const)('%s', (_label, votes, result) => {
    expect(vote(votes).result).toBe(result);
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
