import {
  applyCommand,
  type Command,
  cloneState,
  createMatch,
  ctxOf,
  getScenario,
  legalCommands,
  type MatchState,
  seatGoals,
  stateOfView,
  viewFor,
} from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { drive } from '../../../shared/src/testing/drive.ts';
import { accountGroups, mergeAccount } from './account-model.ts';
import { crisisViews } from './crisis-model.ts';
import { incomingOffers, outgoingOffers } from './offers-model.ts';
import {
  buildOrder,
  buildRiders,
  draftOrders,
  lowerChoices,
  offerKinds,
  orderRows,
} from './order-rows.ts';
import { publicTable, scoreSoFar, seatTracks } from './tracks-model.ts';

const scenario = getScenario('main');

function match(): MatchState {
  // A seed whose first card is Nuclear Threats (Russia against the European allies).
  const created = createMatch(scenario, { pace: 'full' }, 'seed-23');
  if (!created.ok) throw new Error(created.error);
  return created.state;
}

function run(state: MatchState, cmd: Record<string, unknown>) {
  const r = applyCommand(scenario, state, {
    ...cmd,
    round: state.round,
    phase: state.phase,
  } as Command);
  if (!r.ok) throw new Error(r.error);
}
const advance = (state: MatchState) => run(state, { kind: 'advance' });

/** What the panel sees: the engine's state rebuilt from the seat's view. */
const seen = (state: MatchState, seat: string) => stateOfView(viewFor(state, seat));

describe('orderRows', () => {
  it('gives one row per order kind with the engine’s targets, ranges and reasons', () => {
    const state = match();
    advance(state);
    const s = seen(state, 'china');
    const options = legalCommands(scenario, s, 'china');
    const rows = orderRows(scenario, s, options);
    expect(rows.map((r) => r.sub)).toEqual([
      'invest',
      'deploy',
      'exercise',
      'mediate',
      'sanction',
      'aid',
      'investigate',
      'prepare',
    ]);
    const invest = rows.find((r) => r.sub === 'invest')!;
    expect(invest.targets[0]).toEqual({ value: 'north-america', label: 'North America' });
    expect(invest.amount).toMatchObject({ min: 2, max: 4 });
    const prepare = rows.find((r) => r.sub === 'prepare')!;
    const option = options.find((o) => o.sub === 'prepare')!;
    expect(prepare.available).toBe(false);
    expect(prepare.reason).toBe(option.reason);
    expect(rows.find((r) => r.sub === 'mediate')!.targets[0]!.label).toBe('Nuclear Threats');
  });

  it('builds orders the engine accepts, and shows the engine’s reason once action points run out', () => {
    const state = match();
    advance(state);
    for (const row of orderRows(
      scenario,
      seen(state, 'china'),
      legalCommands(scenario, seen(state, 'china'), 'china'),
    )) {
      if (!row.available) continue;
      const copy = cloneState(state);
      const target = row.targets[0]!.value;
      const order = buildOrder(
        row.sub,
        target,
        row.amount?.min ?? 0,
        scenario.actors.find((a) => a.id === target)?.home ?? 'china',
      );
      expect(
        applyCommand(scenario, copy, {
          kind: 'order',
          seat: 'china',
          round: copy.round,
          phase: copy.phase,
          order,
        }).ok,
      ).toBe(true);
    }
    for (let i = 0; i < 4; i++)
      run(state, {
        kind: 'order',
        seat: 'china',
        order: { kind: 'sanction', target: ['usa', 'india', 'iran', 'brazil'][i] },
      });
    const rows = orderRows(
      scenario,
      seen(state, 'china'),
      legalCommands(scenario, seen(state, 'china'), 'china'),
    );
    expect(rows.every((r) => !r.available)).toBe(true);
    expect(rows[0]!.reason).toContain('No action points left');
    expect(draftOrders(scenario, seen(state, 'china'), 'china').map((o) => o.words)).toContain(
      'Sanction United States & NATO',
    );
  });
});

describe('offers', () => {
  it('offers a raise only where the engine allows it, and joining a bloc its target leads', () => {
    const state = match();
    advance(state);
    const s = seen(state, 'india');
    const option = legalCommands(scenario, s, 'india').find((o) => o.kind === 'offer')!;
    const kinds = offerKinds(scenario, s, 'india', 'usa', option).map((k) => k.value);
    expect(kinds).toContain('join:nato');
    expect(kinds.includes('raise')).toBe(option.raiseTargets!.includes('usa'));
    const frozen = seen(state, 'russia');
    const rOption = legalCommands(scenario, frozen, 'russia').find((o) => o.kind === 'offer')!;
    expect(
      offerKinds(scenario, frozen, 'russia', 'china', rOption).map((k) => k.value),
    ).not.toContain('raise');
  });

  it('describes an offer in words for both sides, and its riders are accepted by the engine', () => {
    const state = match();
    advance(state);
    const riders = buildRiders(['armsSale', 'training', 'investment'], {
      seller: 'usa',
      trainer: 'usa',
      guest: 'usa',
      region: 'south-asia',
      amount: 2,
    });
    run(state, { kind: 'offer', seat: 'usa', to: 'india', raise: false, riders, favour: false });
    const incoming = incomingOffers(scenario, seen(state, 'india'), 'india');
    expect(incoming).toHaveLength(1);
    expect(incoming[0]!.title).toBe('From United States & NATO');
    expect(incoming[0]!.words).toContain('arms sale (United States & NATO sells');
    expect(incoming[0]!.words).toContain('investment package of 2 Wealth');
    const outgoing = outgoingOffers(scenario, seen(state, 'usa'), 'usa');
    expect(outgoing[0]!.words).toContain('arms sale (you sell');
    expect(incomingOffers(scenario, seen(state, 'china'), 'china')).toHaveLength(0);
  });

  it('lists the ties the seat may lower with their level now and after', () => {
    const state = match();
    advance(state);
    const s = seen(state, 'usa');
    const choices = lowerChoices(
      scenario,
      legalCommands(scenario, s, 'usa').find((o) => o.kind === 'lower'),
    );
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.every((c) => c.label.includes('→'))).toBe(true);
  });
});

describe('crisisViews', () => {
  it('shows the seat’s treaty call with the answers the engine allows and their costs in words', () => {
    const state = match();
    advance(state);
    advance(state);
    advance(state); // Crisis calls
    const views = crisisViews(scenario, seen(state, 'usa'), 'usa');
    expect(views).toHaveLength(1);
    const call = views[0]!.call!;
    expect(call.treaty).toBe(true);
    expect(call.option?.answers).toEqual(['honour', 'honourIfPressed', 'abandon']);
    expect(call.costs.map((c) => c.kind)).toEqual(call.option?.answers);
    expect(call.costs.find((c) => c.kind === 'abandon')!.words).toContain('Reputation falls by 3');
    expect(views[0]!.instigate).toBeNull();
    const russia = crisisViews(scenario, seen(state, 'russia'), 'russia')[0]!;
    // Pressing commits at least 1 Power; holding commits none.
    expect(russia.instigate?.option.amount?.min).toBe(1);
    const spectator = crisisViews(scenario, stateOfView(viewFor(state, null)), null)[0]!;
    expect(spectator.call).toBeNull();
  });

  it('names the phase in which calls are answered at the pace played', () => {
    const full = match();
    expect(crisisViews(scenario, seen(full, 'usa'), 'usa')[0]!.call!.answeredIn).toBe(
      'Crisis calls',
    );
    const created = createMatch(scenario, { pace: 'quick' }, 'seed-23');
    if (!created.ok) throw new Error(created.error);
    const quick = crisisViews(scenario, seen(created.state, 'usa'), 'usa')[0]!.call!;
    expect(quick.answeredIn).toBe('Negotiate & Commit');
  });

  it('shows an ally’s ask as no treaty call: the seat may hedge, at the cost the engine states', () => {
    const tutorial = getScenario('tutorial-1950');
    const m = drive({ seats: ['china', 'ussr'] }, tutorial, 'ask');
    while (m.state.round < 3) {
      m.advanceTo('resolution');
      m.advance();
    }
    m.advance();
    const view = crisisViews(tutorial, stateOfView(viewFor(m.state, 'ussr')), 'ussr').find(
      (v) => v.call && v.title.includes('Strait'),
    )!;
    expect(view.call).toMatchObject({ treaty: false, asked: true });
    expect(view.call!.option?.answers).toContain('hedge');
    expect(view.call!.costs.find((c) => c.kind === 'hedge')!.words).toContain('no abandonment');
  });
});

describe('tracks', () => {
  it('shows the seat’s tracks, budget and objective; spectators see every seat', () => {
    const state = match();
    const mine = seatTracks(scenario, viewFor(state, 'usa'), 'usa')!;
    expect(mine.tracks.map((t) => t.label)).toContain('Cohesion');
    expect(mine.objective).toBeTruthy();
    // Every objective reads with its threshold as scaled to the match, never a placeholder.
    for (const id of ['main', 'liberal-era', 'tutorial-1950']) {
      const other = getScenario(id);
      for (const seed of ['objectives-1', 'objectives-2', 'objectives-3']) {
        const created = createMatch(other, {}, seed);
        if (!created.ok) throw new Error(created.error);
        for (const seat of created.state.seats) {
          const text = seatTracks(other, viewFor(created.state, seat), seat)!.objective;
          if (text) expect(text).not.toContain('{');
        }
      }
    }
    expect(mine.budget[0]!.value).toBe('4 left of 4');
    expect(
      seatTracks(scenario, viewFor(state, 'china'), 'china')!.tracks.map((t) => t.label),
    ).not.toContain('Cohesion');
    expect(publicTable(scenario, viewFor(state, null))).toHaveLength(state.seats.length);
  });

  it('gives the seat its score if the match ended now, from its own view', () => {
    const state = match();
    const lines = scoreSoFar(scenario, viewFor(state, 'china'), 'china')!;
    const goals = seatGoals(ctxOf(scenario), state, 'china');
    expect(lines).toHaveLength(goals.length + 2);
    // Each goal with the thresholds of this match written in.
    for (const [i, g] of goals.entries()) {
      expect(lines[i]).toContain(g.label);
      expect(lines[i]).toContain(g.thresholds.join('/'));
    }
    expect(lines.at(-1)).toMatch(/stars against a par of/);
    expect(scoreSoFar(scenario, viewFor(state, 'china'), 'nobody')).toBeNull();
  });
});

describe('account', () => {
  it('groups events by round, newest first, and marks entrapment in words', () => {
    const m = drive({ seats: ['red', 'blue', 'green', 'gold'] });
    m.inject('frontier-war');
    m.advance();
    const c = m.crisis('frontier-war');
    m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 3 });
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    m.advance();
    const round1 = viewFor(m.state, 'red').account;
    m.advanceTo('diplomacy');
    const kept = mergeAccount(mergeAccount(new Map(), round1), viewFor(m.state, 'red').account);
    const groups = accountGroups(m.scenario, [...kept.values()].flat());
    expect(groups.map((g) => g.round)).toEqual([2, 1]);
    const trap = groups[1]!.lines.find((l) => l.mark === 'entrapment')!;
    expect(trap.text).toContain('Entrapment: Red is dragged into frontier-war');
    expect(seatTracks(m.scenario, viewFor(m.state, 'red'), 'red')!.entangled).toContain(
      'cannot lower your tie with Green',
    );
  });
});
