import { describe, expect, it } from 'vitest';
import { applyCommand } from '../apply.ts';
import type { Command } from '../commands/schema.ts';
import { getScenario } from '../content/index.ts';
import { createMatch } from '../create.ts';
import { seedToState } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState, ReadonlyState } from '../state.ts';
import { ensureTie } from '../ties.ts';
import { viewFor } from '../view.ts';
import { PARTNERSHIP, STRATEGIC } from '../vocabulary.ts';
import { doctrineFor } from './roster.ts';
import { situationOf } from './situation.ts';

const MAIN = getScenario('main');
const LIBERAL = getScenario('liberal-era');

/** A quick-pace match in round 1's Negotiate & Commit with the vote card `card` drawn. */
function voteOn(scenario: Scenario, card: string): MatchState {
  const seats = [...scenario.seats.required, ...scenario.seats.optional];
  const made = createMatch(scenario, { seats, pace: 'quick' }, `vote:${card}`);
  if (!made.ok) throw new Error(made.error);
  const state = made.state;
  const run = (cmd: Command) => {
    const result = applyCommand(scenario, state, cmd);
    if (!result.ok) throw new Error(result.error);
  };
  run({ kind: 'advance', round: 1, phase: 'news' });
  // A scripted card is kept out of the deck for its round: put it where the host could inject it.
  if (!state.deck.includes(card)) state.discard.push(card);
  run({ kind: 'injectCrisis', round: 1, phase: 'diplomacy', card });
  return state;
}

/** The live vote on `card`: writable when read from the full state (to set a test up). */
function voteCrisis<S extends ReadonlyState>(state: S, card: string): S['crises'][number] {
  return state.crises.find((c) => c.live && c.card === card)! as S['crises'][number];
}

/** How `seat`'s doctrine votes on (and, as holder, uses) the vote card, from its own view. */
function decide(scenario: Scenario, state: MatchState, seat: string, card: string) {
  const s = situationOf(scenario, viewFor(state, seat), { rng: seedToState('vote') });
  const crisis = voteCrisis(s.state, card);
  const d = doctrineFor(scenario, seat);
  return { vote: d.vote(s, crisis), mandate: d.mandate(s, crisis) };
}

const setTie = (state: MatchState, a: string, b: string, level: number) => {
  ensureTie(state, a, b).level = level;
};

describe('the council votes by doctrine', () => {
  it('on the main scenario’s mandate: the US asks and votes yes; Russia and China abstain; the Global South by its ties', () => {
    const card = 'mandate-vote';
    const state = voteOn(MAIN, card);
    const votes = (seat: string) => decide(MAIN, state, seat, card).vote;
    expect(votes('usa')).toBe('yes');
    // Russia's tie with Mali (at home in the region) is a partnership: not close enough to shield it.
    expect(votes('russia')).toBe('abstain');
    expect(votes('china')).toBe('abstain');
    // India is closer to Russia, Brazil to China, than either is to the United States.
    expect(votes('india')).toBe('abstain');
    expect(votes('brazil')).toBe('abstain');
    setTie(state, 'usa', 'india', STRATEGIC);
    expect(votes('india')).toBe('yes');
    state.pledges.push({ by: 'brazil', to: 'usa' });
    expect(votes('brazil')).toBe('yes');
  });

  it('Russia vetoes a mandate against a close partner or in its neighbourhood; China in its own', () => {
    const card = 'mandate-vote';
    const state = voteOn(MAIN, card);
    setTie(state, 'russia', 'mali', STRATEGIC);
    expect(decide(MAIN, state, 'russia', card).vote).toBe('veto');
    expect(decide(MAIN, state, 'china', card).vote).toBe('abstain');
    setTie(state, 'russia', 'mali', PARTNERSHIP);
    voteCrisis(state, card).region = 'eastern-europe';
    expect(decide(MAIN, state, 'russia', card).vote).toBe('veto');
    voteCrisis(state, card).region = 'china';
    expect(decide(MAIN, state, 'china', card).vote).toBe('veto');
    expect(decide(MAIN, state, 'russia', card).vote).toBe('abstain');
    // A Global South state never vetoes.
    expect(decide(MAIN, state, 'india', card).vote).not.toBe('veto');
  });

  it('the US stretches a mandate outside the regions it contests only when no partner on the council abstains', () => {
    const card = 'mandate-vote';
    const state = voteOn(MAIN, card);
    expect(decide(MAIN, state, 'usa', card).mandate).toBe('limit');
    setTie(state, 'usa', 'india', STRATEGIC);
    setTie(state, 'usa', 'brazil', STRATEGIC);
    expect(decide(MAIN, state, 'usa', card).mandate).toBe('stretch');
    // In a region it contests it limits the mandate whatever the votes.
    voteCrisis(state, card).region = 'south-asia';
    expect(decide(MAIN, state, 'usa', card).mandate).toBe('limit');
  });

  it('in the liberal era: Resolution 1973 over Libya and the force for Kabul', () => {
    const libya = voteOn(LIBERAL, 'libya-mandate-2011');
    for (const seat of ['russia', 'china'])
      expect(decide(LIBERAL, libya, seat, 'libya-mandate-2011').vote, seat).toBe('abstain');
    expect(decide(LIBERAL, libya, 'usa', 'libya-mandate-2011').vote).toBe('yes');
    const kabul = voteOn(LIBERAL, 'isaf-mandate-2001');
    expect(decide(LIBERAL, kabul, 'usa', 'isaf-mandate-2001')).toEqual({
      vote: 'yes',
      mandate: 'limit',
    });
    // Kabul's interim government asked for the force: Russia and China vote
    // yes, as on Resolution 1386 (15–0); without that consent China abstains,
    // as it does on a rival's mandate outside its neighbourhood.
    for (const seat of ['russia', 'china'])
      expect(decide(LIBERAL, kabul, seat, 'isaf-mandate-2001').vote, seat).toBe('yes');
    const card = LIBERAL.cards.find((c) => c.id === 'isaf-mandate-2001')!;
    const withoutConsent: Scenario = {
      ...LIBERAL,
      cards: LIBERAL.cards.map((c) => (c === card ? { ...c, hostConsent: false } : c)),
    };
    expect(decide(withoutConsent, kabul, 'china', 'isaf-mandate-2001').vote).toBe('abstain');
  });
});
