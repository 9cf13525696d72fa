import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import { PROBLEM_CODES } from './commands/problem.ts';
import type { Order, SeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { hostCommands, legalCommands } from './legal.ts';
import { injectableCards } from './preview.ts';
import { RULES } from './rules.ts';
import { stateOfView } from './seat-state.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE, FIXTURE_WITH_DECK } from './testing/fixture.ts';
import { viewFor } from './view.ts';

const seats = ['red', 'blue', 'green', 'gold'];

/** A command built from a legal option's target, with the smallest amount it allows. */
function sample(
  seat: string,
  round: number,
  phase: SeatCommand['phase'],
  kind: string,
  sub: string | undefined,
  target: string,
  min: number,
): SeatCommand | null {
  const stamp = { seat, round, phase };
  if (kind === 'order') {
    const order: Record<string, Order> = {
      invest: { kind: 'invest', region: target, amount: Math.max(2, min) },
      deploy: { kind: 'deploy', region: target, power: Math.max(1, min) },
      exercise: { kind: 'exercise', partner: target, region: 'south' },
      mediate: { kind: 'mediate', crisis: target },
      sanction: { kind: 'sanction', target },
      aid: { kind: 'aid', to: target, amount: Math.max(1, min) },
      investigate: { kind: 'investigate', target },
      prepare: { kind: 'prepare', card: target },
    };
    return { kind: 'order', ...stamp, order: order[sub!]! };
  }
  if (kind === 'respond') return { kind: 'respond', ...stamp, offer: target, accept: true };
  if (kind === 'lower') return { kind: 'lower', ...stamp, partner: target };
  if (kind === 'cancelOrder') return { kind: 'cancelOrder', ...stamp, index: Number(target) };
  if (kind === 'withdrawOffer') return { kind: 'withdrawOffer', ...stamp, offer: target };
  if (kind === 'cancelLower') return { kind: 'cancelLower', ...stamp, partner: target };
  return null;
}

describe('legalCommands', () => {
  it('lists only targets the validator accepts, at every step of random games', () => {
    const ctx = ctxOf(FIXTURE_WITH_DECK);
    let checked = 0;
    for (let g = 0; g < 6; g++) {
      playRandomGame(FIXTURE_WITH_DECK, { seats }, `legal-${g}`, `legal-${g}`, {
        onStep: (state) => {
          if (state.phase === 'ended') return;
          for (const seat of state.seats) {
            for (const option of legalCommands(FIXTURE_WITH_DECK, state, seat)) {
              if (!option.available) {
                expect(option.reason, option.kind).toBeTruthy();
                // The same reason as the engine's code, for a client to word in its own language.
                expect(PROBLEM_CODES).toContain(option.problem?.code);
                expect(option.problem?.reason).toBe(option.reason);
              }
              if (option.kind === 'order' && option.sub === 'exercise') continue; // needs a region choice too
              for (const target of option.targets) {
                const cmd = sample(
                  seat,
                  state.round,
                  state.phase,
                  option.kind,
                  option.sub,
                  target,
                  option.amount?.min ?? 0,
                );
                if (!cmd) continue;
                checked++;
                expect(commandProblem(ctx, state, cmd), JSON.stringify(cmd)).toBeNull();
              }
            }
          }
        },
      });
    }
    expect(checked).toBeGreaterThan(500);
  });

  it('gives the reason an order is unavailable (no action points left)', () => {
    const m = drive({ seats });
    m.advance();
    for (let i = 0; i < 4; i++)
      m.seat('blue', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    const invest = legalCommands(FIXTURE, m.state, 'blue').find(
      (o) => o.kind === 'order' && o.sub === 'invest',
    )!;
    expect(invest.available).toBe(false);
    expect(invest.reason).toContain('action points');
    expect(invest.problem).toMatchObject({ code: 'noActionPoints', params: { max: 4 } });
  });

  it('offers the answers a call allows: no hedge on a treaty call', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const answer = legalCommands(FIXTURE, m.state, 'blue').find((o) => o.kind === 'answer')!;
    expect(answer.answers).toContain('abandon');
    expect(answer.answers).not.toContain('hedge');
  });

  it('offers nothing but readiness during the Briefing', () => {
    const m = drive({ seats });
    expect(legalCommands(FIXTURE, m.state, 'red').map((o) => o.kind)).toEqual(['done']);
  });
});

describe('offer and lower options name exactly the pledges, blocs to join and blocs to leave the engine accepts', () => {
  it('holds at every diplomacy step of random games on the main scenario', async () => {
    const { getScenario } = await import('./content/index.ts');
    const scenario = getScenario('main');
    const seats = [...scenario.seats.required, 'india', 'brazil', 'iran'];
    const counts = { pledge: 0, join: 0, leave: 0 };
    for (const seed of ['a', 'b']) {
      playRandomGame(scenario, { seats, rounds: 4 }, seed, seed, {
        onStep(state) {
          if (state.phase !== 'diplomacy' || state.step % 3 !== 0) return;
          const ctx = ctxOf(scenario);
          for (const seat of seats) {
            const options = legalCommands(scenario, state, seat);
            const offer = options.find((o) => o.kind === 'offer');
            const lower = options.find((o) => o.kind === 'lower');
            const stamp = { seat, round: state.round, phase: state.phase };
            for (const to of seats.filter((s) => s !== seat)) {
              const pledge = commandProblem(ctx, state, {
                kind: 'offer',
                ...stamp,
                to,
                raise: false,
                riders: [{ kind: 'unPledge' }],
                favour: false,
              });
              expect(offer?.pledgeTargets?.includes(to) ?? false).toBe(pledge === null);
              if (pledge === null) counts.pledge++;
              for (const inst of scenario.institutions.filter((i) => i.leader === to)) {
                const join = commandProblem(ctx, state, {
                  kind: 'offer',
                  ...stamp,
                  to,
                  raise: false,
                  riders: [],
                  bloc: inst.id,
                  favour: false,
                });
                expect(offer?.joinBlocs?.[to]?.includes(inst.id) ?? false).toBe(join === null);
                if (join === null) counts.join++;
              }
            }
            for (const inst of scenario.institutions) {
              const leave = commandProblem(ctx, state, {
                kind: 'lower',
                ...stamp,
                partner: inst.leader,
                bloc: inst.id,
              });
              expect(lower?.leaveBlocs?.some((b) => b.bloc === inst.id) ?? false).toBe(
                leave === null,
              );
              if (leave === null) counts.leave++;
            }
          }
        },
      });
    }
    // Each kind occurred, so the equalities above were tested both ways.
    expect(counts.pledge).toBeGreaterThan(0);
    expect(counts.join).toBeGreaterThan(0);
    expect(counts.leave).toBeGreaterThan(0);
  });
});

describe('vote options name the votes the seat may cast', () => {
  it('a permanent member may veto; an elected member may only vote yes or abstain', () => {
    const scenario = getScenario('main');
    const m = drive(
      { seats: ['china', 'russia', 'usa', 'india', 'brazil', 'south-africa', 'iran', 'pakistan'] },
      scenario,
      'legal-votes',
    );
    m.inject('mandate-vote');
    m.advance();
    const votes = (seat: string) =>
      legalCommands(scenario, m.state, seat).find((o) => o.kind === 'vote')?.votes;
    expect(votes('russia')).toEqual(['yes', 'abstain', 'veto']);
    expect(votes('india')).toEqual(['yes', 'abstain']);
  });
});

describe('every command kind a phase accepts is listed, with what it costs', () => {
  it('withdraw, cancel and cancel-lower list exactly the offers, orders and lowers the engine takes back', () => {
    const ctx = ctxOf(FIXTURE_WITH_DECK);
    const counts = { withdraw: 0, cancel: 0, cancelLower: 0 };
    for (let g = 0; g < 4; g++) {
      playRandomGame(FIXTURE_WITH_DECK, { seats }, `undo-${g}`, `undo-${g}`, {
        onStep: (state) => {
          if (state.phase !== 'diplomacy') return;
          for (const seat of state.seats) {
            const options = legalCommands(FIXTURE_WITH_DECK, state, seat);
            const find = (kind: string) => options.find((o) => o.kind === kind);
            const stamp = { seat, round: state.round, phase: state.phase };
            for (const o of state.offers.filter((x) => x.from === seat && !x.withdrawn)) {
              const ok =
                commandProblem(ctx, state, { kind: 'withdrawOffer', ...stamp, offer: o.id }) ===
                null;
              expect(find('withdrawOffer')?.targets.includes(o.id) ?? false).toBe(ok);
              if (ok) counts.withdraw++;
            }
            const orders = state.drafts[seat]!.orders;
            expect(find('cancelOrder')?.targets).toEqual(orders.map((_, i) => String(i)));
            counts.cancel += orders.length;
            const lowers = state.drafts[seat]!.lowers.map((l) => l.partner);
            expect(find('cancelLower')?.targets).toEqual(lowers);
            counts.cancelLower += lowers.length;
            expect(find('withdrawOffer')?.cost).toEqual({ actionPoints: -1 });
            expect(find('cancelOrder')?.cost).toEqual({ actionPoints: -1 });
          }
        },
      });
    }
    expect(counts.withdraw).toBeGreaterThan(0);
    expect(counts.cancel).toBeGreaterThan(0);
    expect(counts.cancelLower).toBeGreaterThan(0);
  });

  it('an amount range ends where the engine starts refusing', () => {
    const ctx = ctxOf(FIXTURE);
    const m = drive({ seats });
    m.advance();
    m.actor('blue').wealth = 3;
    const options = legalCommands(FIXTURE, m.state, 'blue');
    const invest = options.find((o) => o.sub === 'invest')!;
    const aid = options.find((o) => o.sub === 'aid')!;
    expect(invest.amount).toEqual({ min: RULES.investAmount.min, max: 3 });
    expect(aid.amount).toEqual({ min: RULES.aidAmount.min, max: 3 });
    const order = (amount: number) =>
      commandProblem(ctx, m.state, {
        kind: 'order',
        seat: 'blue',
        round: m.state.round,
        phase: m.state.phase,
        order: { kind: 'invest', region: 'south', amount },
      });
    expect(order(invest.amount!.max)).toBeNull();
    expect(order(invest.amount!.max + 1)).toContain('Wealth');
    const offer = options.find((o) => o.kind === 'offer')!;
    expect(offer.investment).toEqual({ min: RULES.investmentRiderAmount.min, max: 3 });
    expect(offer.cost).toEqual({ actionPoints: 1 });
    expect(options.find((o) => o.sub === 'sanction')?.cost).toEqual({ actionPoints: 1 });
  });

  it('names the partners who owe a favour and what refusing one costs, on both sides', () => {
    const m = drive({ seats });
    m.advance();
    m.actor('red').favours.green = 1;
    const offer = legalCommands(FIXTURE, m.state, 'red').find((o) => o.kind === 'offer')!;
    expect(offer.favour).toEqual({
      targets: ['green'],
      rejectCost: { wealth: RULES.favourRejectCost },
    });
    m.seat('red', { kind: 'offer', to: 'green', raise: true, riders: [], favour: true });
    const respond = legalCommands(FIXTURE, m.state, 'green').find((o) => o.kind === 'respond')!;
    const id = m.state.offers.at(-1)!.id;
    expect(respond.rejectCosts?.[id]).toEqual({ wealth: RULES.favourRejectCost });
  });

  it('each lower says what resolution will do: free, notice or abandonment, at the cost the events show', () => {
    // red–gold is a dialogue; blue–isle an alliance.
    const m = drive({ seats });
    m.advance();
    const lower = () => legalCommands(FIXTURE, m.state, 'blue').find((o) => o.kind === 'lower')!;
    const notice = lower().lowers!.isle!;
    expect(notice.kind).toBe('notice');
    expect(notice.dueRound).toBe(m.state.round + m.state.settings.treatyNotice);
    const free = legalCommands(FIXTURE, m.state, 'red').find((o) => o.kind === 'lower')!.lowers!
      .gold!;
    expect(free).toMatchObject({ kind: 'lower', cost: {} });
    m.seat('blue', { kind: 'lower', partner: 'isle' });
    m.seat('red', { kind: 'lower', partner: 'gold' });
    const before = m.actor('blue').reputation;
    m.advanceTo('resolution');
    const given = m.eventsOf('noticeGiven').find((e) => e.actors[0] === 'blue')!;
    expect(given.amounts?.reputation).toBe(-notice.cost.reputation!);
    expect(given.amounts?.due).toBe(notice.dueRound);
    expect(before - m.actor('blue').reputation).toBeGreaterThanOrEqual(notice.cost.reputation!);
    const lowered = m.eventsOf('tieLowered').find((e) => e.actors[0] === 'red')!;
    expect(lowered.amounts?.reputation).toBe(0);
  });

  it('leaving a treaty a crisis freezes is listed as abandonment, at the cost resolution charges', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    const effect = legalCommands(FIXTURE, m.state, 'blue').find((o) => o.kind === 'lower')!.lowers!
      .isle!;
    expect(effect).toMatchObject({
      kind: 'abandonment',
      cost: { reputation: RULES.abandonReputation },
    });
    m.seat('blue', { kind: 'lower', partner: 'isle' });
    m.advanceTo('resolution');
    const abandoned = m.eventsOf('abandonment').find((e) => e.actors[0] === 'blue')!;
    expect(abandoned.amounts?.reputation).toBe(-effect.cost.reputation!);
  });

  it('an answer lists the Wealth it may commit, the least an honour takes and what quiet support costs', () => {
    const m = drive({ seats });
    m.inject('strait-crisis');
    m.advance();
    m.actor('blue').wealth = 5;
    const answer = legalCommands(FIXTURE, m.state, 'blue').find((o) => o.kind === 'answer')!;
    expect(answer.wealth).toEqual({ min: 0, max: 5 });
    expect(answer.honourMin).toEqual({
      power: RULES.honour.minPower,
      wealth: RULES.honour.minWealth,
    });
    const honour = (wealth: number) =>
      m.refusal('blue', {
        kind: 'answer',
        crisis: m.crisis('strait-crisis'),
        answer: { kind: 'honour', power: 0, wealth },
      });
    expect(honour(answer.wealth!.max)).toBeNull();
    expect(honour(answer.wealth!.max + 1)).not.toBeNull();
    expect(honour(answer.honourMin!.wealth - 1)).not.toBeNull();
  });
});

describe('hostCommands', () => {
  it('lists the cards the engine injects now, and none during resolution, with the reason', () => {
    const ctx = ctxOf(FIXTURE_WITH_DECK);
    const m = drive({ seats }, FIXTURE_WITH_DECK);
    const inject = () =>
      hostCommands(FIXTURE_WITH_DECK, m.state).find((o) => o.kind === 'injectCrisis')!;
    expect(inject().targets).toEqual(injectableCards(FIXTURE_WITH_DECK, m.state));
    expect(inject().targets.length).toBeGreaterThan(0);
    // The host's client reads it from a spectator's view: the same answer.
    expect(hostCommands(FIXTURE_WITH_DECK, stateOfView(viewFor(m.state, null)))).toEqual(
      hostCommands(FIXTURE_WITH_DECK, m.state),
    );
    m.advanceTo('resolution');
    expect(inject().available).toBe(false);
    expect(inject().reason).toBe(
      commandProblem(ctx, m.state, {
        kind: 'injectCrisis',
        round: m.state.round,
        phase: m.state.phase,
        card: injectableCards(FIXTURE_WITH_DECK, m.state)[0]!,
      }),
    );
    m.endMatch();
    expect(hostCommands(FIXTURE_WITH_DECK, m.state)).toEqual([]);
  });
});
