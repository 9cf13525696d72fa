import { describe, expect, it } from 'vitest';
import { getScenario } from './content/index.ts';
import { deterrence, effectivePower, unlockedPower } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import { cloneState } from './hash.ts';
import { previewCrisis } from './preview.ts';
import { type Act, drive } from './testing/drive.ts';
import { autonomyCap, tieKey, tieLevel } from './ties.ts';
import { ALLIANCE, NONE, PARTNERSHIP, STRATEGIC } from './vocabulary.ts';

/**
 * One scenario per concept of docs/rules.md §1, played on the main scenario
 * ("Strategic Competition (2022–)") with every seat in play, as a command
 * log: the host injects the card at the Briefing, the seats negotiate and
 * answer, the round resolves, and the assertions read the structured events
 * and the tracks against docs/rules.md. Seats that are given no command act
 * by their timeout defaults (docs/rules.md §5.7); non-player actors by their fixed
 * behaviour (docs/rules.md §2). Each story has its own seed, chosen so that the
 * cards drawn in its rounds leave its protagonists alone; where the dice
 * decide (a stalemate, an investigation) the test searches a fixed list of
 * seeds, deterministically.
 */
const scenario = getScenario('main');
const ctx = ctxOf(scenario);
const seats = [...scenario.seats.required, ...scenario.seats.optional];

const play = (seed: string) => drive({ seats }, scenario, seed);
type Match = ReturnType<typeof play>;

/** From the Briefing or Negotiate & Commit to the end of the round's resolution. */
const resolveRound = (m: Match) => m.advanceTo('resolution');
/** Finishes the round and opens the next one's Briefing. */
const nextBriefing = (m: Match) => {
  m.advanceTo('resolution');
  m.advance();
};
const crisisState = (m: Match, card: string) =>
  m.state.crises.find((c) => c.uid === m.crisis(card))!;
const callOf = (m: Match, card: string, actor: string) =>
  crisisState(m, card).calls.find((c) => c.actor === actor);
const calledIn = (m: Match, card: string) => crisisState(m, card).calls.map((c) => c.actor);
/** An offer to raise a tie one level, with no riders. */
const raiseOffer = (to: string): Act => ({
  kind: 'offer',
  to,
  raise: true,
  riders: [],
  favour: false,
});
const shown = (m: Match, a: string, b: string) => tieLevel(ctx, m.state, a, b);
const own = (m: Match, a: string, b: string) => m.state.ties[tieKey(a, b)]?.level ?? NONE;
const inRound = (m: Match, round: number, type: Parameters<Match['eventsOf']>[0]) =>
  m.eventsOf(type).filter((e) => e.round === round);
const incomeOf = (m: Match, actor: string, round: number) =>
  inRound(m, round, 'income').find((e) => e.actors[0] === actor)!.amounts!.income!;
/** The event that settled an instigated crisis this round (won, held or stalemate). */
const outcomeOf = (m: Match, uid: string) =>
  [...m.eventsOf('crisisWon'), ...m.eventsOf('crisisHeld'), ...m.eventsOf('stalemate')].find(
    (e) => e.crisis === uid && e.round === m.state.round,
  );

describe('the concepts of docs/rules.md §1 on the main scenario', () => {
  it('entrapment: China honours Russia’s call in a European war where its own stake is low', () => {
    const m = play('concepts-entrapment');
    // Briefing, round 1: the host brings in Russia's pressure on Moldova (a breakaway referendum).
    m.inject('breakaway-referendum');
    const war = m.crisis('breakaway-referendum');
    // Beijing is called through its strategic partnership with Moscow; the card gives China a low stake.
    expect(callOf(m, 'breakaway-referendum', 'china')).toMatchObject({
      side: 'attack',
      treaty: false,
      stake: 'low',
      callers: [{ party: 'russia', level: STRATEGIC, via: 'tie' }],
    });
    const china = m.actor('china');
    const autonomy = china.autonomy;
    const reputation = china.reputation;
    m.advance(); // Negotiate & Commit
    // Russia presses with 10 Power: far more than Moldova can meet, so the war is decided this round.
    m.seat('russia', { kind: 'instigate', crisis: war, press: true, power: 10 });
    // China honours its strategic partner's call with 2 Power.
    m.seat('china', {
      kind: 'answer',
      crisis: war,
      answer: { kind: 'honour', power: 2, wealth: 0 },
    });
    m.advance(); // Resolution
    expect(outcomeOf(m, war)?.type).toBe('crisisWon');
    // The ENTRAPMENT event names China, the partner that drew it in and the crisis.
    const trap = m.eventsOf('entrapment');
    expect(trap).toHaveLength(1);
    expect(trap[0]).toMatchObject({
      actors: ['china', 'russia'],
      crisis: war,
      card: 'breakaway-referendum',
      concept: 'entrapment',
      amounts: { autonomy: -1, lockedRounds: 2, entangledRounds: 2, power: 2 },
    });
    // −1 Autonomy; the 2 Power locked for 2 rounds; Entangled for 2 rounds by the China–Russia tie.
    expect(china.autonomy).toBe(autonomy - 1);
    expect(china.locked).toEqual([{ amount: 2, rounds: 2, crisis: null, since: 1 }]);
    expect(china.entangled).toBe(2);
    expect(china.entangledBy).toBe(tieKey('china', 'russia'));
    // Honouring still earns +1 Reputation and a favour from Moscow.
    expect(china.reputation).toBe(reputation + 1);
    expect(china.favours.russia).toBe(1);
    // A great power entrapped raises Tension, charged to China.
    expect(
      inRound(m, 1, 'tension').filter((e) => e.detail?.reason === 'a great power entrapped'),
    ).toEqual([expect.objectContaining({ actors: ['china'], crisis: war })]);

    // Round 2: Entangled, China has 3 action points instead of 4 and cannot walk away from Moscow.
    nextBriefing(m);
    m.advance();
    expect(unlockedPower(m.state, 'china')).toBe(13);
    expect(m.refusal('china', { kind: 'lower', partner: 'russia' })).toContain('Entangled');
    for (let i = 0; i < 3; i++)
      m.seat('china', { kind: 'order', order: { kind: 'deploy', region: 'china', power: 1 } });
    expect(
      m.refusal('china', { kind: 'order', order: { kind: 'deploy', region: 'china', power: 1 } }),
    ).toContain('No action points');
    // Round 3: the Power is still locked; round 4: it is free again.
    nextBriefing(m);
    expect(unlockedPower(m.state, 'china')).toBe(13);
    nextBriefing(m);
    expect(unlockedPower(m.state, 'china')).toBe(15);
    expect(china.entangled).toBe(0);
  });

  it('abandonment: the US refuses the European allies’ treaty call', () => {
    const m = play('concepts-abandonment-v2');
    // Briefing: Russia brandishes nuclear threats against the European allies.
    m.inject('nuclear-threats');
    const threats = m.crisis('nuclear-threats');
    // NATO makes it a treaty call on the US: honour or abandon, no hedge.
    expect(callOf(m, 'nuclear-threats', 'usa')).toMatchObject({
      side: 'defence',
      treaty: true,
      stake: 'high',
    });
    m.advance();
    expect(
      m.refusal('usa', {
        kind: 'answer',
        crisis: threats,
        answer: { kind: 'hedge', power: 0, wealth: 0 },
      }),
    ).toContain('leaves no hedge');
    // Russia presses hard (10 Power): the Europeans, with nobody at their side, will lose this one.
    m.seat('russia', { kind: 'instigate', crisis: threats, press: true, power: 10 });
    // Washington refuses the call.
    m.seat('usa', {
      kind: 'answer',
      crisis: threats,
      answer: { kind: 'abandon', power: 0, wealth: 0 },
    });
    const usa = m.actor('usa');
    const europe = m.actor('europe');
    const before = {
      reputation: usa.reputation,
      cohesion: usa.cohesion,
      security: europe.security,
    };
    m.advance();
    expect(m.eventsOf('abandonment')).toEqual([
      expect.objectContaining({
        actors: ['usa', 'europe'],
        crisis: threats,
        card: 'nuclear-threats',
        concept: 'abandonment',
        amounts: { reputation: -3, security: -2 },
      }),
    ]);
    // −3 Reputation for the US; Cohesion −2 for abandoning a European ally.
    expect(usa.reputation).toBe(before.reputation - 3);
    expect(usa.cohesion).toBe(before.cohesion - 2);
    // The Europeans: −2 Security for being abandoned, and −2 more for losing the crisis.
    expect(outcomeOf(m, threats)?.type).toBe('crisisWon');
    expect(europe.security).toBe(before.security - 2 - 2);
    // The treaty falls to partnership at once (NATO no longer binds the pair) and Europe holds a grievance.
    expect(shown(m, 'usa', 'europe')).toBe(PARTNERSHIP);
    expect(m.state.ties[tieKey('usa', 'europe')]!.blocSuspended).toBe(true);
    expect(europe.grievances.usa).toBe(1);
    expect(m.eventsOf('grievance')).toContainEqual(
      expect.objectContaining({ actors: ['europe', 'usa'], crisis: threats }),
    );
    // Next time Russia squeezes the Europeans in the High North, the US is no longer even called.
    nextBriefing(m);
    const later = previewCrisis(scenario, m.state, 'ru-high-north-standoff')!;
    expect(later.calls.map((c) => c.actor)).not.toContain('usa');
  });

  it('commitment ladder: one level a round, only by an accepted offer; a treaty lowers the Autonomy cap', () => {
    const m = play('concepts-ladder-1-v2');
    const raise = raiseOffer('saudi');
    expect(shown(m, 'china', 'saudi')).toBe(PARTNERSHIP);
    // Round 1: Beijing proposes a strategic partnership to Riyadh; Riyadh says no.
    m.advance();
    m.seat('china', raise);
    // One open offer per pair per round: Riyadh cannot answer with an offer of its own.
    expect(m.refusal('saudi', raiseOffer('china'))).toContain('already an open offer');
    m.seat('saudi', { kind: 'respond', offer: m.state.offers[0]!.id, accept: false });
    resolveRound(m);
    // Rejected: nothing moves.
    expect(shown(m, 'china', 'saudi')).toBe(PARTNERSHIP);
    expect(inRound(m, 1, 'tieRaised')).toEqual([]);
    // Round 2: asked again, Riyadh accepts — one step up, to a strategic partnership.
    m.advance();
    m.advance();
    m.seat('china', raise);
    m.seat('saudi', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    resolveRound(m);
    expect(inRound(m, 2, 'tieRaised')).toEqual([
      expect.objectContaining({
        actors: ['china', 'saudi'],
        amounts: { from: PARTNERSHIP, to: STRATEGIC },
        concept: 'commitmentLadder',
      }),
    ]);
    // Round 3: a treaty. China already holds one (North Korea), so its cap falls from 9 to 8 and its
    // Autonomy with it; Saudi Arabia's cap falls from 10 to 9.
    const china = m.actor('china');
    expect(autonomyCap(ctx, m.state, 'china')).toBe(9);
    expect(china.autonomy).toBe(9);
    m.advance();
    m.advance();
    m.seat('china', raise);
    m.seat('saudi', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    resolveRound(m);
    expect(shown(m, 'china', 'saudi')).toBe(ALLIANCE);
    expect(autonomyCap(ctx, m.state, 'china')).toBe(8);
    expect(china.autonomy).toBe(8);
    expect(autonomyCap(ctx, m.state, 'saudi')).toBe(9);
    expect(china.stats.newTreaties).toBe(1);
    // Round 4: there is no rung above a treaty.
    m.advance();
    m.advance();
    expect(m.refusal('china', raise)).toContain('top of the ladder');
  });

  it('swift scaling: a partnership drops at once and for free, a treaty needs notice, a tie with a party to a live crisis is frozen', () => {
    const m = play('concepts-scaling-13');
    const china = m.actor('china');
    const usa = m.actor('usa');
    // Round 1: Beijing cools on Moscow — its strategic partnership drops a step, free.
    m.advance();
    const chinaRep = china.reputation;
    const usaRep = usa.reputation;
    m.seat('china', { kind: 'lower', partner: 'russia' });
    // Washington gives notice on its treaty with Australia.
    m.seat('usa', { kind: 'lower', partner: 'australia' });
    resolveRound(m);
    expect(inRound(m, 1, 'tieLowered')).toEqual([
      expect.objectContaining({
        actors: ['china', 'russia'],
        amounts: { from: STRATEGIC, to: PARTNERSHIP, reputation: 0 },
        concept: 'swiftScaling',
      }),
    ]);
    expect(own(m, 'china', 'russia')).toBe(PARTNERSHIP);
    expect(china.reputation).toBe(chinaRep);
    // The notice costs 2 Reputation now; the treaty stays in force until round 1 + 2.
    expect(inRound(m, 1, 'noticeGiven')).toEqual([
      expect.objectContaining({
        actors: ['usa', 'australia'],
        amounts: { due: 3, reputation: -2 },
      }),
    ]);
    expect(usa.reputation).toBe(usaRep - 2);
    expect(own(m, 'usa', 'australia')).toBe(ALLIANCE);

    // Round 2, Briefing: Russia moves on Moldova; China, its partner, is called and the tie freezes.
    m.advance();
    m.inject('breakaway-referendum');
    const war = m.crisis('breakaway-referendum');
    expect(callOf(m, 'breakaway-referendum', 'china')?.callers[0]).toMatchObject({
      party: 'russia',
      level: PARTNERSHIP,
    });
    expect(m.state.ties[tieKey('china', 'russia')]!.frozenBy).toBe(war);
    m.advance();
    // A frozen tie cannot rise…
    expect(m.refusal('china', raiseOffer('russia'))).toContain('frozen');
    // …and lowering it now costs 1 Reputation and bars it from rising for the next 2 rounds.
    const repBefore = china.reputation;
    m.seat('china', { kind: 'lower', partner: 'russia' });
    resolveRound(m);
    expect(inRound(m, 2, 'tieLowered')).toEqual([
      expect.objectContaining({
        actors: ['china', 'russia'],
        amounts: { from: PARTNERSHIP, to: 1, reputation: -1 },
      }),
    ]);
    expect(china.reputation).toBe(repBefore - 1);
    expect(china.stats.scaledBack).toBe(1); // scaled back from a partner instigating a crisis
    // The Australian treaty is still in force in round 2.
    expect(own(m, 'usa', 'australia')).toBe(ALLIANCE);

    // Round 3: the notice falls due and the treaty becomes a strategic partnership.
    m.advance();
    m.advance();
    expect(m.refusal('china', raiseOffer('russia'))).toContain('cannot rise before round 5');
    resolveRound(m);
    expect(inRound(m, 3, 'treatyEnded')).toEqual([
      expect.objectContaining({ actors: ['usa', 'australia'] }),
    ]);
    expect(own(m, 'usa', 'australia')).toBe(STRATEGIC);
    // Round 4: still barred; round 5: the China–Russia tie may rise again.
    m.advance();
    m.advance();
    expect(m.refusal('china', raiseOffer('russia'))).toContain('cannot rise before round 5');
    nextBriefing(m);
    m.advance();
    expect(m.refusal('china', raiseOffer('russia'))).toBeNull();
  });

  it('deterrence: the same Korean crisis is weaker while the US–South Korea treaty stands than after it ends', () => {
    const m = play('concepts-deterrence-4-v1');
    // Briefing, round 1: the host's preview of the North Korean nuclear crisis against South Korea.
    const withTreaty = previewCrisis(scenario, m.state, 'korea-nuclear-crisis')!;
    expect(withTreaty.treatyBound).toContain('usa');
    // The US treaty lends its Power ÷ 5 partners × Reputation 6 ÷ 5 = 3.84 of deterrence (4.09 with
    // South Korea's other partners), 2 points a severity step: −2 severity.
    expect(deterrence(ctx, m.state, 'south-korea', 'korea', false)).toBeGreaterThan(3);
    expect(withTreaty.effectiveSeverity).toBe(2);
    // Washington gives notice on the treaty (−2 Reputation); it stays in force until round 3.
    m.advance();
    m.seat('usa', { kind: 'lower', partner: 'south-korea' });
    nextBriefing(m);
    // Round 2: still a treaty, still deterring (−1), with the US Reputation down to 4.
    const reputationWhileInForce = m.actor('usa').reputation;
    expect(reputationWhileInForce).toBe(4);
    expect(previewCrisis(scenario, m.state, 'korea-nuclear-crisis')!.effectiveSeverity).toBe(3);
    // Round 3: the notice falls due; the treaty becomes a strategic partnership.
    nextBriefing(m);
    resolveRound(m);
    expect(inRound(m, 3, 'treatyEnded')).toEqual([
      expect.objectContaining({ actors: ['usa', 'south-korea'] }),
    ]);
    m.advance();
    // Round 4, Briefing: the host injects the same card. A strategic partner lends half of its share,
    // spread over more partners: the crisis loses only 1, and the US call is no longer a treaty call.
    m.inject('korea-nuclear-crisis');
    const crisis = crisisState(m, 'korea-nuclear-crisis');
    expect(m.actor('usa').reputation).toBeGreaterThanOrEqual(reputationWhileInForce);
    expect(crisis.preview).toBe(3);
    expect(crisis.preview).toBeGreaterThan(withTreaty.effectiveSeverity);
    expect(m.eventsOf('crisisInjected').at(-1)).toMatchObject({
      card: 'korea-nuclear-crisis',
      amounts: { severity: 4, effective: 3 },
    });
    expect(callOf(m, 'korea-nuclear-crisis', 'usa')?.treaty).toBe(false);
  });

  it('protracted war: a stalemate keeps the war live and the committed Power locked', () => {
    // The dice decide; the search over seeds is deterministic.
    for (let i = 0; i < 40; i++) {
      const m = play(`concepts-protracted-${i}`);
      // Briefing: Russia's war on Ukraine under the sanctions squeeze.
      m.inject('ukraine-sanctions-squeeze');
      const war = m.crisis('ukraine-sanctions-squeeze');
      m.advance();
      // Russia presses with 5 Power; the US honours Ukraine's call with 2.
      m.seat('russia', { kind: 'instigate', crisis: war, press: true, power: 5 });
      m.seat('usa', {
        kind: 'answer',
        crisis: war,
        answer: { kind: 'honour', power: 2, wealth: 0 },
      });
      const tension = m.state.tension;
      m.advance();
      const stalemate = m.eventsOf('stalemate').find((e) => e.crisis === war);
      if (!stalemate) continue;

      // Neither side gets more than one ahead: stalemate, the protracted war.
      expect(stalemate).toMatchObject({
        actors: ['russia', 'ukraine'],
        card: 'ukraine-sanctions-squeeze',
        concept: 'protractedWar',
      });
      const { attack, defence } = stalemate.amounts!;
      expect(Math.abs(attack! - defence!)).toBeLessThanOrEqual(1);
      // Tension +1, charged to the instigator and the great power that honoured.
      expect(inRound(m, 1, 'tension').filter((e) => e.detail?.reason === 'a stalemate')).toEqual([
        expect.objectContaining({ actors: ['russia', 'usa'] }),
      ]);
      expect(m.state.tension).toBeGreaterThan(tension);
      // The crisis stays live one severity lower; both sides' Power stays locked while it lasts.
      const crisis = crisisState(m, 'ukraine-sanctions-squeeze');
      expect(crisis.live).toBe(true);
      expect(crisis.severity).toBe(3);
      expect(m.actor('russia').locked).toContainEqual({
        amount: 5,
        rounds: -1,
        crisis: war,
        since: 1,
      });
      expect(m.actor('usa').locked).toContainEqual({
        amount: 2,
        rounds: -1,
        crisis: war,
        since: 1,
      });

      // Round 2, Briefing: the war is briefed again, its calls renewed and its ties frozen again.
      m.advance();
      expect(m.state.crises.filter((c) => c.live).map((c) => c.uid)).toContain(war);
      expect(m.state.ties[tieKey('china', 'russia')]!.frozenBy).toBe(war);
      m.advance();
      // The locked Power is not there for anything else: Russia cannot deploy 10 of its 14.
      expect(
        m.refusal('russia', {
          kind: 'order',
          order: { kind: 'deploy', region: 'russia', power: 10 },
        }),
      ).toContain('locked');
      // China brokers a ceasefire while Moscow holds: 3 − 1 − 2 = 0, the war is defused.
      m.seat('china', { kind: 'order', order: { kind: 'mediate', crisis: war } });
      m.seat('russia', { kind: 'instigate', crisis: war, press: false, power: 0 });
      resolveRound(m);
      expect(inRound(m, 2, 'crisisDefused')).toEqual([
        expect.objectContaining({ crisis: war, concept: 'mediation' }),
      ]);
      // The stuck Power stays locked one more round after the war ends, then comes back.
      expect(m.actor('russia').locked).toContainEqual({
        amount: 5,
        rounds: 1,
        crisis: null,
        since: 2,
      });
      m.advance();
      expect(m.actor('russia').locked.some((l) => l.amount === 5)).toBe(true);
      nextBriefing(m);
      expect(m.actor('russia').locked.some((l) => l.amount === 5)).toBe(false);
      return;
    }
    throw new Error('no stalemate in 40 seeds');
  });

  it('isolation: a great power with fewer than two strategic partners loses Security', () => {
    const m = play('concepts-isolation-2');
    const china = m.actor('china');
    const security = china.security;
    // Round 1: Beijing scales every strategic partnership back to a plain partnership, keeping only
    // its North Korean treaty.
    m.advance();
    for (const partner of ['russia', 'pakistan', 'south-africa', 'brazil', 'djibouti'])
      m.seat('china', { kind: 'lower', partner });
    resolveRound(m);
    // One tie at strategic level or above is fewer than two: China is isolated, −1 Security. Brazil
    // and South Africa, whose only strategic partner was China, are isolated with it.
    const isolated = inRound(m, 1, 'isolation');
    expect(isolated.map((e) => e.actors[0]).sort()).toEqual(['brazil', 'china', 'south-africa']);
    expect(isolated.find((e) => e.actors[0] === 'china')).toMatchObject({
      amounts: { security: -1, partners: 1 },
      concept: 'isolation',
    });
    expect(china.security).toBe(security - 1);
    expect(china.isolated).toBe(true);
    // Until the next check, a crisis against China gets +1 severity.
    m.advance();
    const isolatedPreview = previewCrisis(scenario, m.state, 'nato-madrid-concept')!;
    const counterfactual = cloneState(m.state);
    counterfactual.actors.china!.isolated = false;
    expect(isolatedPreview.effectiveSeverity).toBe(
      previewCrisis(scenario, counterfactual, 'nato-madrid-concept')!.effectiveSeverity + 1,
    );
    // Round 2: Beijing mends two ties (Moscow and Islamabad accept); at the round's end it is no
    // longer isolated.
    m.advance();
    for (const to of ['russia', 'pakistan']) {
      m.seat('china', raiseOffer(to));
      m.seat(to, { kind: 'respond', offer: m.state.offers.at(-1)!.id, accept: true });
    }
    resolveRound(m);
    expect(inRound(m, 2, 'isolation').map((e) => e.actors[0])).not.toContain('china');
    expect(china.isolated).toBe(false);
    expect(china.security).toBe(security - 1);
  });

  it('two-front dilemma: US Power in Europe is not in the Indo-Pacific, and low Cohesion halves it there', () => {
    const m = play('concepts-two-front-v1');
    // Briefing: China squeezes the Philippines over a shoal; the US treaty calls Washington in.
    m.inject('scs-shoal-standoff');
    const shoal = m.crisis('scs-shoal-standoff');
    expect(callOf(m, 'scs-shoal-standoff', 'usa')).toMatchObject({ treaty: true, side: 'defence' });
    expect(crisisState(m, 'scs-shoal-standoff').preview).toBe(1);
    // After a run of quarrels with the European allies the US Cohesion stands at 3 (set directly).
    const usa = m.actor('usa');
    usa.cohesion = 3;
    // Below 4, US Power outside Europe counts half: in what it lends as deterrence…
    expect(effectivePower(ctx, m.state, 'usa', 4, 'taiwan-scs')).toBe(2);
    expect(effectivePower(ctx, m.state, 'usa', 4, 'eastern-europe')).toBe(4);
    expect(previewCrisis(scenario, m.state, 'scs-shoal-standoff')!.effectiveSeverity).toBe(2);
    m.advance();
    // Washington sends 14 of its 16 Power to Eastern Europe.
    m.seat('usa', {
      kind: 'order',
      order: { kind: 'deploy', region: 'eastern-europe', power: 14 },
    });
    // What is in Europe is not in the Indo-Pacific: only the 2 in reserve can answer Manila.
    const honour = (power: number) =>
      ({
        kind: 'answer',
        crisis: shoal,
        answer: { kind: 'honour', power, wealth: 0 },
      }) as const;
    expect(m.refusal('usa', honour(3))).toContain(
      'commitments must come from Power deployed in that region or from the reserve',
    );
    m.seat('usa', honour(2));
    m.seat('china', { kind: 'instigate', crisis: shoal, press: true, power: 3 });
    resolveRound(m);
    // …and in what it honours with: the Philippines' own 2 at home, plus the US 2 counted as 1.
    const outcome = outcomeOf(m, shoal)!;
    expect(outcome.amounts!.defence).toBe(2 + 1 + outcome.amounts!.defenceRoll!);
    expect(m.eventsOf('callHonoured')).toContainEqual(
      expect.objectContaining({ actors: ['usa', 'philippines'], amounts: { power: 2, wealth: 0 } }),
    );
  });

  it('institutions: NATO calls the US through the bloc, the CSTO calls only Russia, an SCO consultation lowers severity', () => {
    const m = play('concepts-institutions');
    // Briefing: four crises at once.
    m.inject('nuclear-threats'); // Russia threatens the European allies
    m.inject('kazakhstan-csto'); // unrest in Kazakhstan, a CSTO member
    m.inject('himalaya-border-clash'); // China and India, both in the SCO, clash on the border
    m.inject('scs-shoal-standoff'); // China and the Philippines (not in the SCO) over a shoal
    // NATO: the US and the European allies have no treaty of their own; the alliance bloc calls.
    expect(own(m, 'usa', 'europe')).toBe(NONE);
    expect(callOf(m, 'nuclear-threats', 'usa')).toMatchObject({
      treaty: true,
      callers: [{ party: 'europe', via: 'bloc', bloc: 'nato', level: ALLIANCE }],
    });
    // A paper alliance: the CSTO calls Russia to Kazakhstan's defence and no other member…
    expect(callOf(m, 'kazakhstan-csto', 'russia')).toMatchObject({
      treaty: true,
      callers: [{ party: 'kazakhstan', via: 'bloc', bloc: 'csto' }],
    });
    for (const member of ['armenia', 'kyrgyzstan', 'tajikistan', 'belarus'])
      expect(calledIn(m, 'kazakhstan-csto')).not.toContain(member);
    // …and brings no member to Russia's side when Russia is the one in a crisis.
    for (const member of ['kazakhstan', 'kyrgyzstan', 'belarus'])
      expect(calledIn(m, 'nuclear-threats')).not.toContain(member);
    m.advance();
    const clash = m.crisis('himalaya-border-clash');
    const shoal = m.crisis('scs-shoal-standoff');
    // Kazakhstan invites the SCO into its own crisis (its lever).
    const unrest = m.crisis('kazakhstan-csto');
    m.seat('kazakhstan', {
      kind: 'invite',
      invitation: 'bloc',
      invitees: ['china'],
      crisis: unrest,
      bloc: 'sco',
    });
    // China holds in both of its crises.
    m.seat('china', { kind: 'instigate', crisis: clash, press: false, power: 0 });
    m.seat('china', { kind: 'instigate', crisis: shoal, press: false, power: 0 });
    resolveRound(m);
    // The SCO consultation takes 1 off the Himalayan clash: 3 − 1 − 2 (Hold) = 0, defused.
    expect(m.eventsOf('mediated').filter((e) => e.crisis === clash)).toEqual([
      expect.objectContaining({ detail: { bloc: 'sco' }, concept: 'institutions' }),
    ]);
    expect(m.eventsOf('crisisDefused').map((e) => e.crisis)).toContain(clash);
    // The same Hold against the Philippines, with no forum to talk in, leaves 3 − 2 = 1: it goes ahead.
    expect(m.eventsOf('mediated').filter((e) => e.crisis === shoal)).toEqual([]);
    expect(outcomeOf(m, shoal)).toBeDefined();
    // Kazakhstan's own unrest has a single party, but an invited forum consults all the same (rules
    // §7.8, §14): the shared crisis is met at severity 3 − 1 = 2 (success needs 2 + d6 − 3).
    expect(m.eventsOf('mediated').filter((e) => e.crisis === unrest)).toEqual([
      expect.objectContaining({ detail: { bloc: 'sco' }, concept: 'institutions' }),
    ]);
    const shared = [...m.eventsOf('sharedSuccess'), ...m.eventsOf('sharedFailure')].find(
      (e) => e.crisis === unrest,
    )!;
    expect(shared.amounts!.need).toBe(2 + shared.amounts!.roll! - 3);
  });

  it('sovereignty and mandates: a stretched mandate gives abstainers a grievance and a free veto', () => {
    const m = play('concepts-mandates-1-v3');
    // Briefing: the US asks the Security Council for a mandate in the Sahel.
    m.inject('mandate-vote');
    const vote = m.crisis('mandate-vote');
    m.advance();
    // The US, India and Brazil vote yes; Russia and China abstain.
    for (const s of ['usa', 'india', 'brazil'])
      m.seat(s, { kind: 'vote', crisis: vote, vote: 'yes' });
    for (const s of ['russia', 'china']) m.seat(s, { kind: 'vote', crisis: vote, vote: 'abstain' });
    // Washington, in secret, means to stretch the mandate.
    m.seat('usa', { kind: 'mandate', crisis: vote, choice: 'stretch' });
    const usa = m.actor('usa');
    // The US has matched Russia's presence in the Sahel, so the African members back it.
    usa.influence['sahel-north-africa'] = 2;
    const sahel = usa.influence['sahel-north-africa']!;
    resolveRound(m);
    expect(inRound(m, 1, 'votesCounted')).toEqual([
      expect.objectContaining({
        actors: ['usa'],
        card: 'mandate-vote',
        // With the UK and France and three allies (voting with the US) and Gabon, Ghana and
        // Kenya (Ghana an ally, the other two regional); Mexico and the UAE abstain without the permanent members' consensus.
        amounts: { yes: 11, abstain: 4, veto: 0, needed: 9, seatsYes: 2 },
        detail: expect.objectContaining({ result: 'passed' }),
        concept: 'mandates',
      }),
    ]);
    // Stretch: +2 influence for the US; each abstainer holds a grievance and a free veto.
    expect(inRound(m, 1, 'mandateStretched')).toEqual([
      expect.objectContaining({ actors: ['usa', 'russia', 'china'], concept: 'mandates' }),
    ]);
    expect(usa.influence['sahel-north-africa']).toBe(sahel + 2);
    for (const s of ['russia', 'china']) {
      expect(m.actor(s).grievances.usa).toBe(1);
      expect(m.actor(s).freeVeto).toBe(true);
    }
    expect(m.actor('india').freeVeto).toBe(false);
    expect(m.actor('india').grievances.usa).toBeUndefined();

    // Round 2: the US asks again. Russia vetoes for free (the Libya lesson); India, an elected
    // member, has no veto to cast.
    m.advance();
    m.inject('mandate-vote');
    const again = m.crisis('mandate-vote');
    m.advance();
    m.seat('usa', { kind: 'vote', crisis: again, vote: 'yes' });
    m.seat('russia', { kind: 'vote', crisis: again, vote: 'veto' });
    expect(m.refusal('india', { kind: 'vote', crisis: again, vote: 'veto' })).toMatch(/elected/);
    m.seat('india', { kind: 'vote', crisis: again, vote: 'abstain' });
    m.seat('usa', { kind: 'mandate', crisis: again, choice: 'limit' });
    const before = {
      russia: m.actor('russia').reputation,
      india: m.actor('india').reputation,
      usa: usa.reputation,
      sahel: usa.influence['sahel-north-africa']!,
    };
    resolveRound(m);
    expect(inRound(m, 2, 'votesCounted')[0]).toMatchObject({
      amounts: { veto: 1 },
      detail: expect.objectContaining({ result: 'failed' }),
    });
    expect(m.actor('russia').reputation).toBe(before.russia);
    expect(m.actor('india').reputation).toBe(before.india);
    // Going ahead without a mandate: −2 Reputation, +1 influence, Tension +1 charged to the US.
    expect(inRound(m, 2, 'actedWithoutMandate')).toEqual([
      expect.objectContaining({ actors: ['usa'], amounts: { reputation: -2 } }),
    ]);
    expect(usa.reputation).toBe(before.usa - 2);
    expect(usa.influence['sahel-north-africa']).toBe(before.sahel + 1);
    expect(
      inRound(m, 2, 'tension').filter((e) => e.detail?.reason === 'action without a mandate'),
    ).toEqual([expect.objectContaining({ actors: ['usa'] })]);
  });

  it('secondary sanctions: overt help to sanctioned Russia costs trade; quiet support costs it only when exposed', () => {
    let exposed = 0;
    let hidden = 0;
    for (let i = 0; i < 20 && (exposed === 0 || hidden === 0); i++) {
      const m = play(`concepts-secondary-${i}`);
      // Briefing: the sanctions squeeze — the US and the European allies sanction Russia on reveal.
      m.inject('ukraine-sanctions-squeeze');
      const war = m.crisis('ukraine-sanctions-squeeze');
      // A seed whose drawn card also calls China would move China's Reputation through that answer
      // too: such seeds are passed over, so the one story stays readable.
      if (m.state.crises.some((c) => c.uid !== war && c.calls.some((x) => x.actor === 'china')))
        continue;
      expect(m.state.sanctions.filter((s) => s.target === 'russia').map((s) => s.by)).toEqual([
        'usa',
        'europe',
      ]);
      m.advance();
      m.seat('russia', { kind: 'instigate', crisis: war, press: true, power: 3 });
      // India honours Moscow's call openly with 2 Wealth.
      m.seat('india', {
        kind: 'answer',
        crisis: war,
        answer: { kind: 'honour', power: 0, wealth: 2 },
      });
      // China gives quiet support (1 Wealth, hidden); the US investigates China (a 50% roll).
      m.seat('china', {
        kind: 'answer',
        crisis: war,
        answer: { kind: 'quiet', power: 0, wealth: 0 },
      });
      m.seat('usa', { kind: 'order', order: { kind: 'investigate', target: 'china' } });
      const chinaRep = m.actor('china').reputation;
      resolveRound(m);
      // Overt help to a sanctioned actor: secondary sanctions, whatever the dice.
      const secondary = inRound(m, 1, 'secondarySanctions');
      expect(secondary).toContainEqual(
        expect.objectContaining({
          actors: ['india', 'russia'],
          crisis: war,
          amounts: { income: -2, rounds: 2 },
          concept: 'secondarySanctions',
        }),
      );
      const investigation = inRound(m, 1, 'investigation')[0]!;
      expect(investigation.visibleTo).toEqual(['usa']);
      if (investigation.detail!.result === 'exposed') {
        exposed++;
        // Exposed: −1 Reputation and, Russia being under sanction, secondary sanctions for China.
        expect(inRound(m, 1, 'quietExposed')).toEqual([
          expect.objectContaining({ actors: ['china', 'russia'], amounts: { reputation: -1 } }),
        ]);
        expect(m.actor('china').reputation).toBe(chinaRep - 1);
        expect(secondary.map((e) => e.actors[0]).sort()).toEqual(['china', 'india']);
        // −2 income this round and the next; the third round is back to normal.
        nextBriefing(m);
        nextBriefing(m);
        resolveRound(m);
        const normal = incomeOf(m, 'china', 3);
        expect(incomeOf(m, 'china', 1)).toBe(normal - 2);
        expect(incomeOf(m, 'china', 2)).toBe(normal - 2);
      } else {
        hidden++;
        // Not found: the support stays hidden and costs only its 1 Wealth.
        expect(inRound(m, 1, 'quietExposed')).toEqual([]);
        expect(secondary.map((e) => e.actors[0])).toEqual(['india']);
        expect(m.actor('china').secondary).toBe(0);
      }
    }
    expect(exposed).toBeGreaterThan(0);
    expect(hidden).toBeGreaterThan(0);
  });

  it('mediation: China, invited by Iran, mediates the Gulf crisis and gains influence and Reputation when it is defused', () => {
    const m = play('concepts-mediation-2-v1');
    // Briefing: Iran and Saudi Arabia face off across the Gulf.
    m.inject('gulf-rivals-mediation');
    const gulf = m.crisis('gulf-rivals-mediation');
    m.advance();
    const mediate = { kind: 'order', order: { kind: 'mediate', crisis: gulf } } as const;
    // Only a mediator that Tehran or Riyadh invites may step in.
    expect(m.refusal('china', mediate)).toContain('invited by Iran or Saudi Arabia');
    // Tehran invites Beijing.
    m.seat('iran', {
      kind: 'invite',
      invitation: 'mediation',
      invitees: ['china'],
      crisis: gulf,
    });
    expect(m.refusal('india', mediate)).toContain('invited');
    m.seat('china', mediate);
    // Iran holds: 3 − 1 (mediation) − 2 (Hold) = 0, the crisis is defused.
    m.seat('iran', { kind: 'instigate', crisis: gulf, press: false, power: 0 });
    const china = m.actor('china');
    const reputation = china.reputation;
    const influence = china.influence['middle-east']!;
    const tension = m.state.tension;
    resolveRound(m);
    expect(inRound(m, 1, 'mediated')).toContainEqual(
      expect.objectContaining({ actors: ['china', 'iran', 'saudi'], concept: 'mediation' }),
    );
    expect(inRound(m, 1, 'crisisDefused').filter((e) => e.crisis === gulf)).toEqual([
      expect.objectContaining({
        actors: ['china', 'iran', 'saudi'],
        crisis: gulf,
        concept: 'mediation',
      }),
    ]);
    // The mediator: +1 Reputation, +2 influence in the Gulf; Tension eases.
    expect(china.reputation).toBe(reputation + 1);
    expect(china.influence['middle-east']).toBe(influence + 2);
    expect(china.stats.defusals).toBe(1);
    expect(
      inRound(m, 1, 'tension').filter((e) => e.detail?.reason === 'a defused crisis'),
    ).toHaveLength(1);
    expect(m.state.tension).toBeLessThan(tension);
    // Defused: nobody's answer was processed, nobody hedged or was entrapped in it.
    expect(m.eventsOf('callHedged').filter((e) => e.crisis === gulf)).toEqual([]);
    expect(m.eventsOf('entrapment').filter((e) => e.crisis === gulf)).toEqual([]);
  });

  it('diversification and its own entrapment: a base in Pakistan draws China into a war next door, at a high stake', () => {
    const m = play('concepts-diversification');
    // The scenario already shows the pattern in the Horn: China's base in Djibouti makes its stake in a
    // Djiboutian crisis high, though the card itself gives China a low one.
    expect(scenario.cards.find((c) => c.id === 'djibouti-base')!.stakes.china).toBe('low');
    expect(
      previewCrisis(scenario, m.state, 'djibouti-base')!.calls.find((c) => c.actor === 'china'),
    ).toMatchObject({ stake: 'high' });
    // Briefing, round 1: were the US to strike Afghanistan now, China would not be called.
    const before = previewCrisis(scenario, m.state, 'coalition-after-attack')!;
    expect(before.calls.map((c) => c.actor)).not.toContain('china');
    // Round 1: China asks Pakistan for base access (a rider on the tie they already have).
    m.advance();
    m.seat('china', {
      kind: 'offer',
      to: 'pakistan',
      raise: false,
      riders: [{ kind: 'baseAccess', guest: 'china' }],
      favour: false,
    });
    m.seat('pakistan', { kind: 'respond', offer: m.state.offers[0]!.id, accept: true });
    resolveRound(m);
    expect(inRound(m, 1, 'riderApplied')).toContainEqual(
      expect.objectContaining({
        actors: ['china', 'pakistan'],
        detail: { rider: 'baseAccess' },
        concept: 'diversification',
      }),
    );
    // Round 2, Briefing: China now has a footprint of 2 in South Asia. A footprint calls you into a
    // crisis there whatever the call level, but only for a party tied to you at partnership or above
    // (docs/rules.md §4.4): with Afghanistan China holds a mere dialogue, so it is still not called.
    m.advance();
    expect(shown(m, 'china', 'afghanistan')).toBe(1);
    const atDialogue = previewCrisis(scenario, m.state, 'coalition-after-attack')!;
    expect(atDialogue.calls.map((c) => c.actor)).not.toContain('china');
    // China and Afghanistan raise their tie to a partnership.
    m.advance();
    m.seat('china', raiseOffer('afghanistan'));
    resolveRound(m);
    expect(shown(m, 'china', 'afghanistan')).toBe(PARTNERSHIP);
    // Round 3, Briefing: the US leads a coalition into Afghanistan. The card's call level is alliance,
    // yet China is called — through its footprint — and its stake, low on the card, is high.
    m.advance();
    m.inject('coalition-after-attack');
    const coalition = m.crisis('coalition-after-attack');
    expect(callOf(m, 'coalition-after-attack', 'china')).toMatchObject({
      side: 'defence',
      treaty: false,
      stake: 'high',
      callers: [{ party: 'afghanistan', via: 'footprint', level: PARTNERSHIP }],
    });
    // The new partner's quarrel is now China's: the tie is frozen for as long as the war lasts.
    expect(m.state.ties[tieKey('china', 'afghanistan')]!.frozenBy).toBe(coalition);
    m.advance();
    m.seat('usa', { kind: 'instigate', crisis: coalition, press: true, power: 3 });
    // China honours Kabul's call with 1 Power.
    m.seat('china', {
      kind: 'answer',
      crisis: coalition,
      answer: { kind: 'honour', power: 1, wealth: 0 },
    });
    resolveRound(m);
    expect(m.eventsOf('callHonoured')).toContainEqual(
      expect.objectContaining({ actors: ['china', 'afghanistan'], crisis: coalition }),
    );
    // With a base next door, honouring is self-interest, not entrapment; Australia, bound by the
    // treaty it invoked (the card binds it) with a low stake in Afghanistan, answers and is entrapped,
    // while Japan, only asked, declines.
    const trapped = inRound(m, 3, 'entrapment').filter((e) => e.crisis === coalition);
    expect(trapped.map((e) => e.actors[0])).not.toContain('china');
    expect(trapped).toContainEqual(expect.objectContaining({ actors: ['australia', 'usa'] }));
    expect(trapped.map((e) => e.actors[0])).not.toContain('japan');
    expect(m.actor('china').stats.entrapped).toBe(0);
  });
});
