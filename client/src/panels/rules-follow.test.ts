import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  legalCommands,
  type MatchState,
  RULES,
  type Scenario,
  stateOfView,
  viewFor,
} from '@entanglement/shared';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { drive } from '../../../shared/src/testing/drive.ts';
import { crisisViews, instigateWords, mandateWords } from './crisis-model.ts';
import { incomingOffers } from './offers-model.ts';
import {
  blocsToLeave,
  buildRiders,
  lowerWords,
  orderRows,
  orderText,
  riderKinds,
  riderText,
} from './order-rows.ts';
import { seatTracks } from './tracks-model.ts';
import { costWords } from './words.ts';

/**
 * The client restates no rule: change a number in RULES or in the scenario
 * and the panels' words and limits change with it. RULES is edited in place
 * (and restored), as a rule change would edit rules.ts.
 */
type Mutable<T> = T extends number
  ? number
  : T extends readonly (infer U)[]
    ? Mutable<U>[]
    : { -readonly [K in keyof T]: Mutable<T[K]> };
const rules = RULES as unknown as Mutable<typeof RULES>;
let saved: typeof RULES;
beforeEach(() => {
  saved = structuredClone(RULES) as typeof RULES;
});
afterEach(() => {
  Object.assign(rules, structuredClone(saved));
});

function start(scenario: Scenario): MatchState {
  const created = createMatch(scenario, { pace: 'full' }, 'seed-23');
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const r = applyCommand(scenario, state, {
    kind: 'advance',
    round: state.round,
    phase: state.phase,
  } as Command);
  if (!r.ok) throw new Error(r.error);
  return state;
}
const seen = (state: MatchState, seat: string) => stateOfView(viewFor(state, seat));
const option = (scenario: Scenario, state: MatchState, seat: string, kind: string, sub?: string) =>
  legalCommands(scenario, seen(state, seat), seat).find(
    (o) => o.kind === kind && (sub === undefined || o.sub === sub),
  )!;

describe('the panels follow RULES', () => {
  const scenario = getScenario('main');

  it('order ranges and help: a new invest range and sanction numbers reach the rows', () => {
    const state = start(scenario);
    const before = orderRows(
      scenario,
      seen(state, 'china'),
      legalCommands(scenario, seen(state, 'china'), 'china'),
    );
    expect(before.find((r) => r.sub === 'invest')!.amount!.label).toContain(
      `${saved.investAmount.min}–`,
    );
    rules.investAmount = { min: 3, max: 5 };
    rules.sanctionRounds = 3;
    rules.sanctionTargetLoss = 4;
    state.actors.china!.wealth = 20;
    const rows = orderRows(
      scenario,
      seen(state, 'china'),
      legalCommands(scenario, seen(state, 'china'), 'china'),
    );
    const invest = rows.find((r) => r.sub === 'invest')!;
    expect(invest.amount).toMatchObject({ min: 3, max: 5, label: 'Wealth (3–5)' });
    expect(invest.help).toContain('Spend 3–5 Wealth');
    expect(orderText('sanction').help).toContain('For 3 rounds the target earns 4 less income');
  });

  it('a favour’s reject cost reaches both the sender’s checkbox and the receiver’s words', () => {
    rules.favourRejectCost = 5;
    const state = start(scenario);
    state.actors.usa!.favours.india = 1;
    const offer = option(scenario, state, 'usa', 'offer');
    expect(offer.favour!.targets).toContain('india');
    expect(costWords(offer.favour!.rejectCost)).toBe('5 Wealth');
    const r = applyCommand(scenario, state, {
      kind: 'offer',
      seat: 'usa',
      round: state.round,
      phase: state.phase,
      to: 'india',
      raise: false,
      riders: [{ kind: 'trade' }],
      favour: true,
    });
    expect(r.ok).toBe(true);
    const words = incomingOffers(scenario, seen(state, 'india'), 'india')[0]!.words;
    expect(words).toContain('rejecting it costs you 5 Wealth');
  });

  it('riders: the investment range clamps the editor and the effects are the rule’s', () => {
    expect(riderText('baseAccess')).toContain(`+${saved.riders.baseIncome} income`);
    rules.investmentRiderAmount = { min: 2, max: 6 };
    rules.riders.baseIncome = 3;
    const state = start(scenario);
    state.actors.usa!.wealth = 20;
    const offer = option(scenario, state, 'usa', 'offer');
    expect(offer.investment).toEqual({ min: 2, max: 6 });
    expect(riderText('investment', offer.investment)).toContain('2–6 Wealth');
    expect(riderText('baseAccess')).toContain('host +3 income');
    const [rider] = buildRiders(
      ['investment'],
      { seller: '', trainer: '', guest: '', region: '', amount: 9 },
      offer.investment,
    );
    expect(rider).toEqual({ kind: 'investment', amount: 6 });
    expect(riderKinds(offer, 'india')).toContain('investment');
    // With less Wealth left than the smallest package, the editor offers none.
    state.actors.usa!.wealth = 1;
    expect(riderKinds(option(scenario, state, 'usa', 'offer'), 'india')).not.toContain(
      'investment',
    );
  });

  it('a lower’s words carry the notice cost RULES sets and the notice the scenario sets', () => {
    const notice = (s: Scenario) => {
      const state = start(s);
      for (const seat of state.seats) {
        const lower = option(s, state, seat, 'lower');
        const partner = lower.targets.find((p) => lower.lowers?.[p]?.kind === 'notice');
        if (partner) return { state, words: lowerWords(s, partner, lower.lowers![partner]!) };
      }
      throw new Error('no seat has a treaty to give notice on');
    };
    const base = notice(scenario);
    expect(base.words).toContain(`−${saved.noticeReputation} Reputation`);
    expect(base.words).toContain(`round ${base.state.round + base.state.settings.treatyNotice}`);
    rules.noticeReputation = 4;
    const longer = structuredClone(scenario);
    longer.rules.treatyNotice = base.state.settings.treatyNotice + 1;
    const changed = notice(longer);
    expect(changed.words).toContain('−4 Reputation');
    expect(changed.words).toContain(
      `round ${changed.state.round + base.state.settings.treatyNotice + 1}`,
    );
    const leave = blocsToLeave(longer, option(longer, changed.state, 'usa', 'lower'));
    for (const b of leave.filter((x) => x.words.includes('notice')))
      expect(b.words).toContain('−4 Reputation');
  });

  it('tracks, markers and the scenario’s action points', () => {
    rules.trackMax = 12;
    rules.secondaryLoss = 3;
    const more = structuredClone(scenario);
    more.rules.actionPoints.greatPower += 1;
    const state = start(more);
    state.actors.usa!.secondary = 1;
    const mine = seatTracks(more, viewFor(state, 'usa'), 'usa')!;
    expect(mine.tracks.find((t) => t.label === 'Reputation')!.value).toMatch(/ \/ 12$/);
    expect(mine.markers.join(' ')).toContain('(−3 income)');
    expect(mine.budget.find((b) => b.label === 'Action points')!.value).toBe(
      `${scenario.rules.actionPoints.greatPower + 1} left of ${scenario.rules.actionPoints.greatPower + 1}`,
    );
  });

  it('crisis words: mandates, holding, the veto’s cost and the least an honour takes', () => {
    rules.mandate.stretchInfluence = 3;
    rules.holdReduction = 4;
    rules.vetoReputation = 2;
    rules.honour.minWealth = 3;
    expect(mandateWords('stretch')[1]).toContain('+3 influence');
    expect(instigateWords()).toContain('4 weaker');
    const state = start(scenario);
    // Nuclear Threats (seed-23's first card) calls the United States; answers come in Crisis calls.
    for (const _ of [0, 1])
      expect(
        applyCommand(scenario, state, { kind: 'advance', round: state.round, phase: state.phase })
          .ok,
      ).toBe(true);
    const call = crisisViews(scenario, seen(state, 'usa'), 'usa')[0]!.call!;
    expect(call.option!.honourMin).toEqual({ power: saved.honour.minPower, wealth: 3 });
    const m = drive(
      { seats: ['china', 'russia', 'usa', 'india', 'brazil', 'south-africa', 'iran', 'pakistan'] },
      scenario,
      'legal-votes',
    );
    m.inject('mandate-vote');
    m.advance();
    const veto = (seat: string) =>
      legalCommands(scenario, m.state, seat).find((o) => o.kind === 'vote')!.voteCosts?.veto;
    expect(veto('russia')).toEqual({ reputation: 2 });
    m.actor('russia').freeVeto = true;
    expect(veto('russia')).toEqual({ reputation: 0 });
    expect(veto('india')).toBeUndefined();
  });
});
