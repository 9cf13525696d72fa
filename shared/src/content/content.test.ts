import { describe, expect, it } from 'vitest';
import liberalEraFile from '../../scenarios/liberal-era.json' with { type: 'json' };
import mainFile from '../../scenarios/main.json' with { type: 'json' };
import tutorialFile from '../../scenarios/tutorial-1950.json' with { type: 'json' };
import { playRandomGame } from '../bots/play.ts';
import { createMatch } from '../create.ts';
import { ctxOf } from '../ctx.ts';
import { parseScenario } from '../scenario/load.ts';
import type { CardDef, Scenario } from '../scenario/schema.ts';
import { drive } from '../testing/drive.ts';
import { autonomyCap, ensureTie, partnersAtLeast } from '../ties.ts';
import { DIALOGUE, STRATEGIC } from '../vocabulary.ts';
import { getScenario, SCENARIO_IDS } from './index.ts';

const RAW: Record<string, { file: string; data: unknown }> = {
  main: { file: 'shared/scenarios/main.json', data: mainFile },
  'tutorial-1950': { file: 'shared/scenarios/tutorial-1950.json', data: tutorialFile },
  'liberal-era': { file: 'shared/scenarios/liberal-era.json', data: liberalEraFile },
};

/** Cards a match shuffles into its deck: not held in a hand, of one of the scenario's eras. */
const deckOf = (s: Scenario) =>
  s.cards.filter((c) => !c.holder && c.eras.some((e) => s.eras.includes(e)));
const allSeats = (s: Scenario) => [...s.seats.required, ...s.seats.optional];
const cardOf = (s: Scenario, id: string): CardDef => {
  const card = s.cards.find((c) => c.id === id);
  if (!card) throw new Error(`No card ${id} in ${s.id}`);
  return card;
};

const main = getScenario('main');

describe('every shipped scenario', () => {
  it('ships the three scenarios of docs/rules.md §15', () => {
    expect(SCENARIO_IDS).toEqual(expect.arrayContaining(['main', 'tutorial-1950', 'liberal-era']));
  });

  it.each(SCENARIO_IDS)('%s writes every threshold from the match, none by hand', (id) => {
    const s = getScenario(id);
    // Labels and objective texts carry {thresholds}/{threshold}: thresholds scale with the match.
    for (const a of s.actors)
      for (const g of a.seat?.goals ?? []) {
        expect(g.label).toContain('{thresholds}');
        for (const t of g.thresholds) expect(g.label).not.toMatch(new RegExp(`\\b${t}/`));
      }
    for (const o of s.objectives) {
      const t = String(o.goal.thresholds[0]);
      expect(o.text.replace(/\{threshold\}/g, '')).not.toMatch(new RegExp(`\\b${t}\\b`));
    }
  });

  it.each(SCENARIO_IDS)('%s parses from its file', (id) => {
    const raw = RAW[id]!;
    const r = parseScenario(raw.data, raw.file);
    expect(r.ok, r.ok ? '' : r.message).toBe(true);
    expect(getScenario(id).id).toBe(id);
  });

  it.each(SCENARIO_IDS)('%s: every seat has three goals and a par', (id) => {
    const s = getScenario(id);
    for (const seat of allSeats(s)) {
      const def = s.actors.find((a) => a.id === seat)!;
      expect(def.seat?.goals, seat).toHaveLength(3);
      for (const goal of def.seat!.goals) expect(goal.label.trim(), seat).not.toBe('');
      expect(def.seat!.par, seat).toBeGreaterThan(0);
    }
  });

  it.each(SCENARIO_IDS)('%s: every card has news and a debrief in a few sentences', (id) => {
    for (const card of getScenario(id).cards) {
      expect(card.news.trim(), card.id).not.toBe('');
      expect(card.debrief.trim(), card.id).not.toBe('');
      const sentences = card.debrief.split(/[.!?](\s|$)/).filter((x) => x.trim().length > 1).length;
      expect(sentences, card.id).toBeGreaterThanOrEqual(3);
    }
  });

  it.each(SCENARIO_IDS)(
    '%s: no ISO code lies in two regions, and every actor is on the map',
    (id) => {
      const s = getScenario(id);
      const owner = new Map<number, string>();
      for (const region of s.regions) {
        expect(region.iso.length, region.id).toBeGreaterThan(0);
        for (const code of region.iso) {
          expect(
            owner.get(code),
            `${code} is in ${owner.get(code)} and ${region.id}`,
          ).toBeUndefined();
          owner.set(code, region.id);
        }
      }
      for (const a of s.actors)
        for (const code of a.iso) expect(owner.has(code), `${a.id}: ${code}`).toBe(true);
    },
  );

  it.each(SCENARIO_IDS)('%s: actors have distinct colours and emblems', (id) => {
    const s = getScenario(id);
    expect(new Set(s.actors.map((a) => a.colour)).size).toBe(s.actors.length);
    expect(new Set(s.actors.map((a) => a.emblem)).size).toBe(s.actors.length);
  });

  it.each(SCENARIO_IDS)(
    '%s: hand cards are held by their lever and never shuffled into the deck',
    (id) => {
      const s = getScenario(id);
      for (const a of s.actors) {
        const lever = a.seat?.lever;
        if (lever?.kind !== 'holdsCards') continue;
        for (const cardId of lever.cards) expect(cardOf(s, cardId).holder).toBe(a.id);
      }
      for (const card of s.cards.filter((c) => c.holder)) expect(deckOf(s)).not.toContain(card);
    },
  );

  it.each(SCENARIO_IDS)(
    '%s: starting Autonomy respects the treaty cap and no seat starts isolated',
    (id) => {
      const s = getScenario(id);
      const created = createMatch(s, { seats: allSeats(s) }, 'content');
      expect(created.ok).toBe(true);
      if (!created.ok) return;
      const ctx = ctxOf(s);
      for (const a of s.actors)
        expect(a.start.autonomy, a.id).toBeLessThanOrEqual(autonomyCap(ctx, created.state, a.id));
      for (const seat of allSeats(s)) {
        const need = ctx.actor[seat]!.kind === 'greatPower' ? 2 : 1;
        expect(
          partnersAtLeast(ctx, created.state, seat, STRATEGIC).length,
          seat,
        ).toBeGreaterThanOrEqual(need);
      }
    },
  );

  it.each(SCENARIO_IDS)(
    '%s: all five permanent members sit on the Security Council, which is full size',
    (id) => {
      const c = getScenario(id).securityCouncil;
      expect(c.permanent.length + c.otherPermanent.length).toBe(5);
      const size =
        c.permanent.length +
        c.otherPermanent.length +
        c.elected.length +
        c.otherElected.yes +
        c.otherElected.abstain;
      // 11 members until the Charter amendment of 1965 (7 yes needed), 15 since (9 yes).
      expect([size, c.yesNeeded ?? 9]).toEqual(id === 'tutorial-1950' ? [11, 7] : [15, 9]);
    },
  );

  it.each(SCENARIO_IDS)(
    '%s: a whole game with every seat and random-legal bots reaches its end',
    (id) => {
      const s = getScenario(id);
      const game = playRandomGame(s, { seats: allSeats(s) }, `content:${id}`);
      expect(game.state.phase).toBe('ended');
    },
  );
});

describe('main scenario: Strategic Competition (2022–)', () => {
  it('has the fixed seats, kinds and seat rules', () => {
    expect(main.seats).toEqual({
      required: ['china', 'russia', 'usa'],
      optional: [
        'india',
        'brazil',
        'south-africa',
        'iran',
        'pakistan',
        'kazakhstan',
        'saudi',
        'indonesia',
      ],
      minOptional: 1,
      maxOptional: 8,
    });
    const kind = (id: string) => main.actors.find((a) => a.id === id)?.kind;
    for (const id of ['china', 'russia', 'usa']) expect(kind(id)).toBe('greatPower');
    for (const id of main.seats.optional) expect(kind(id)).toBe('globalSouth');
    const npcs = [
      'ukraine',
      'taiwan',
      'north-korea',
      'japan',
      'south-korea',
      'australia',
      'armenia',
      'kyrgyzstan',
      'europe',
    ];
    for (const id of npcs) {
      const a = main.actors.find((x) => x.id === id);
      expect(a?.kind, id).toBe('nonPlayer');
      expect(a?.seat, id).toBeUndefined();
    }
    expect(main.actors.find((a) => a.id === 'usa')?.name).toBe('United States & NATO');
    expect(main.actors.find((a) => a.id === 'europe')?.name).toBe('European allies');
    expect(main.rivals).toEqual([
      ['china', 'usa'],
      ['russia', 'usa'],
    ]);
    expect(main.tension).toBe(4);
  });

  it('gives US & NATO Cohesion and lets the US and China investigate', () => {
    const usa = main.actors.find((a) => a.id === 'usa')!;
    expect(usa.cohesion).toEqual({
      start: 7,
      indoPacificPartners: ['japan', 'south-korea', 'australia'],
      europeanAllies: ['europe'],
      homeTheatre: 'europe',
    });
    expect(usa.canInvestigate).toBe(true);
    expect(main.actors.find((a) => a.id === 'china')!.canInvestigate).toBe(true);
  });

  it('maps at least 16 regions to theatres, each with real countries', () => {
    expect(main.regions.length).toBeGreaterThanOrEqual(16);
    const theatreOf = Object.fromEntries(main.regions.map((r) => [r.id, r.theatre]));
    expect(theatreOf).toMatchObject({
      'western-europe': 'europe',
      nordic: 'europe',
      russia: 'europe',
      'taiwan-scs': 'indo-pacific',
      'south-pacific': 'indo-pacific',
      'latin-america': 'elsewhere',
    });
    const iso = (id: string) => main.regions.find((r) => r.id === id)!.iso;
    expect(iso('china')).toContain(156);
    expect(iso('russia')).toContain(643);
    expect(iso('north-america')).toContain(840);
    expect(iso('taiwan-scs')).toContain(158);
  });

  it('starts with the ties of docs/rules.md §15', () => {
    const level = (a: string, b: string) =>
      main.ties.find((t) => (t.a === a && t.b === b) || (t.a === b && t.b === a))?.level;
    expect(level('china', 'russia')).toBe('strategic');
    expect(level('china', 'north-korea')).toBe('alliance');
    expect(level('china', 'pakistan')).toBe('strategic');
    for (const ally of ['japan', 'south-korea', 'australia'])
      expect(level('usa', ally)).toBe('alliance');
    const bloc = (id: string) => main.institutions.find((i) => i.id === id)!;
    expect(bloc('nato')).toMatchObject({ kind: 'alliance', leader: 'usa', level: 'alliance' });
    expect(bloc('csto')).toMatchObject({
      kind: 'paperAlliance',
      leader: 'russia',
      level: 'alliance',
    });
    expect(bloc('csto').members).toEqual(
      expect.arrayContaining(['russia', 'kazakhstan', 'armenia', 'kyrgyzstan']),
    );
    expect(bloc('sco')).toMatchObject({
      kind: 'coordination',
      leader: 'china',
      level: 'partnership',
    });
    expect(bloc('brics')).toMatchObject({ kind: 'economic', level: 'dialogue' });
    expect(bloc('brics').members).toEqual(
      expect.arrayContaining(['brazil', 'russia', 'india', 'china', 'south-africa']),
    );
    expect(main.securityCouncil.permanent).toEqual(['usa', 'russia', 'china']);
  });

  it.each([
    ['pakistan', 'holdsCards'],
    ['india', 'courtedVote'],
    ['iran', 'choosesMediators'],
    ['saudi', 'choosesMediators'],
    ['south-africa', 'hostsDrill'],
    ['kazakhstan', 'invitesBloc'],
    ['indonesia', 'convenesSummit'],
    ['brazil', 'leadsBrics'],
    ['russia', 'holdsCards'],
  ])('%s holds the %s lever, explained in a sentence', (seat, kind) => {
    const lever = main.actors.find((a) => a.id === seat)!.seat!.lever!;
    expect(lever.kind).toBe(kind);
    expect(lever.label.length).toBeGreaterThan(20);
  });

  it('deals Russia three of five Near-Abroad cards and Pakistan cards against India and Afghanistan', () => {
    const lever = (id: string) => main.actors.find((a) => a.id === id)!.seat!.lever!;
    const russia = lever('russia');
    const pakistan = lever('pakistan');
    if (russia.kind !== 'holdsCards' || pakistan.kind !== 'holdsCards')
      throw new Error('not a hand');
    expect(russia.cards).toHaveLength(5);
    expect([russia.handSize, russia.every]).toEqual([3, 2]);
    expect([pakistan.handSize, pakistan.every]).toEqual([2, 2]);
    const targets = new Set(pakistan.cards.map((c) => cardOf(main, c).target));
    expect(targets).toEqual(new Set(['india', 'afghanistan']));
    for (const c of pakistan.cards) expect(cardOf(main, c).instigator).toBe('pakistan');
  });

  it('shuffles at least 20 competition-era cards into the deck', () => {
    expect(main.eras).toEqual(['competition']);
    expect(deckOf(main).length).toBeGreaterThanOrEqual(20);
  });

  /** docs/rules.md §7.2: every case the main deck draws on, by the card chosen for it. */
  const CASES: [string, string, (c: CardDef) => boolean][] = [
    [
      'the war on Ukraine and the sanctions squeeze',
      'ukraine-sanctions-squeeze',
      (c) => c.target === 'ukraine' && c.sanctionsOnReveal.length > 0,
    ],
    [
      'Taiwan Strait tension',
      'taiwan-strait-pressure',
      (c) => c.instigator === 'china' && c.target === 'taiwan',
    ],
    [
      'NATO’s 2022 concept and its Indo-Pacific partners',
      'nato-madrid-concept',
      (c) => c.instigator === 'usa',
    ],
    [
      'the North Korean nuclear crisis',
      'korea-nuclear-crisis',
      (c) => c.instigator === 'north-korea',
    ],
    [
      'Pakistan against India',
      'pak-kargil-heights',
      (c) => c.holder === 'pakistan' && c.target === 'india',
    ],
    [
      'Pakistan against Afghanistan',
      'pak-durand-line',
      (c) => c.holder === 'pakistan' && c.target === 'afghanistan',
    ],
    [
      'India and Pakistan in the deck',
      'south-asia-strikes',
      (c) => !c.holder && c.target === 'pakistan',
    ],
    [
      'the Iran–Saudi mediation',
      'gulf-rivals-mediation',
      (c) => c.mediatorsChosenBy?.join() === 'iran,saudi',
    ],
    ['base access in Djibouti', 'djibouti-base', (c) => c.target === 'djibouti'],
    [
      'joint naval drills with South Africa',
      'cape-naval-drill',
      (c) => c.target === 'south-africa',
    ],
    ['joint naval drills with Iran', 'indian-ocean-drill', (c) => c.target === 'iran'],
    ['the High North', 'arctic-joint-patrols', (c) => c.region === 'nordic'],
    ['the Sahel', 'sahel-juntas', (c) => c.region === 'sahel-north-africa'],
    ['nuclear threats and no-first-use', 'nuclear-threats', (c) => c.instigator === 'russia'],
    ['the CSTO in Kazakhstan', 'kazakhstan-csto', (c) => c.blocInviteBy === 'kazakhstan'],
    ['the unanswered call of Armenia', 'armenia-border-war', (c) => c.target === 'armenia'],
    ['the unanswered call of Kyrgyzstan', 'kyrgyz-tajik-border', (c) => c.target === 'kyrgyzstan'],
    [
      'a South Pacific security pact',
      'solomons-security-pact',
      (c) => c.region === 'south-pacific',
    ],
    ['debt distress of a partner', 'partner-debt-distress', (c) => c.instigator === null],
    ['a mandate vote', 'mandate-vote', (c) => c.kind === 'vote' && c.mandateFor !== undefined],
    [
      'intervention by invitation',
      'invited-intervention',
      (c) => c.instigator === null && c.target !== null,
    ],
    ['an annexation referendum', 'breakaway-referendum', (c) => c.instigator === 'russia'],
    [
      'a coalition mission after an attack',
      'coalition-after-attack',
      (c) => c.callLevel === 'alliance',
    ],
    [
      'counter-piracy, a shared crisis',
      'counter-piracy',
      (c) => c.instigator === null && c.target === null,
    ],
  ];

  it.each(CASES)('covers %s (%s)', (_case, id, check) => {
    const card = cardOf(main, id);
    expect(card.eras).toContain('competition');
    expect(check(card)).toBe(true);
  });

  it('holds the five Near-Abroad cases in Russia’s hand', () => {
    const lever = main.actors.find((a) => a.id === 'russia')!.seat!.lever!;
    if (lever.kind !== 'holdsCards') throw new Error('not a hand');
    const regions = lever.cards.map((c) => cardOf(main, c).region).sort();
    expect(regions).toEqual([
      'caucasus',
      'eastern-europe',
      'eastern-europe',
      'eastern-europe',
      'nordic',
    ]);
    expect(cardOf(main, 'ru-ukraine-offensive').sanctionsOnReveal.length).toBeGreaterThan(0);
  });

  it('leaves China a low stake in Russia’s wars in Europe, so honouring them is entrapment', () => {
    const theatre = Object.fromEntries(main.regions.map((r) => [r.id, r.theatre]));
    // In the Arctic China has interests of its own (a "near-Arctic state"): the one deliberate exception.
    const ownInterest = ['arctic-joint-patrols'];
    const russianWars = main.cards.filter(
      (c) =>
        c.instigator === 'russia' && theatre[c.region] === 'europe' && !ownInterest.includes(c.id),
    );
    expect(russianWars.length).toBeGreaterThanOrEqual(5);
    for (const c of russianWars) expect(c.stakes.china ?? 'low', c.id).toBe('low');
    for (const id of ['pak-kargil-heights', 'pak-durand-line'])
      expect(cardOf(main, id).stakes.china ?? 'low').toBe('low');
  });

  it('deals from at least 12 secret objectives, each with one threshold', () => {
    expect(main.objectives.length).toBeGreaterThanOrEqual(12);
    for (const o of main.objectives) expect(o.goal.thresholds, o.id).toHaveLength(1);
    for (const kind of ['greatPower', 'globalSouth'] as const)
      expect(
        main.objectives.filter((o) => o.for === kind || o.for === 'any').length,
      ).toBeGreaterThanOrEqual(8);
  });

  it('plays 10 rounds by default, 4 to 16, with a label for each', () => {
    expect(main.rounds).toEqual({ default: 10, min: 4, max: 16 });
    expect(main.roundLabels).toHaveLength(16);
  });
});

describe('tutorial 1950', () => {
  const tutorial = getScenario('tutorial-1950');

  it('seats the PRC and the USSR, the United States optional, for three rounds', () => {
    expect(tutorial.seats).toEqual({
      required: ['china', 'ussr'],
      optional: ['usa'],
      minOptional: 0,
      maxOptional: 1,
    });
    expect(tutorial.rounds).toEqual({ default: 3, min: 3, max: 3 });
    expect(tutorial.ties).toContainEqual(
      expect.objectContaining({ a: 'china', b: 'ussr', level: 'alliance' }),
    );
    expect(Object.keys(tutorial.scriptedCards).sort()).toEqual(['1', '2', '3']);
    expect(tutorial.cards.length).toBeGreaterThanOrEqual(5);
    expect(tutorial.objectives.length).toBeGreaterThanOrEqual(3);
  });

  it('makes the Korean invasion Moscow’s to press and calls Beijing through the treaty with a low stake', () => {
    const invasion = cardOf(tutorial, 'korea-invasion-1950');
    expect(tutorial.scriptedCards['1']).toContain(invasion.id);
    expect(invasion).toMatchObject({
      instigator: 'ussr',
      target: 'south-korea',
      region: 'korea',
      callLevel: 'alliance',
    });
    expect(invasion.stakes.china ?? 'low').toBe('low');
  });

  it('entraps China when the USSR presses and China honours', () => {
    const m = drive({ seats: ['china', 'ussr'] }, tutorial, 'korea');
    m.advance();
    const c = m.crisis('korea-invasion-1950');
    const call = m.state.crises.find((x) => x.uid === c)!.calls.find((x) => x.actor === 'china');
    expect(call).toMatchObject({ treaty: true, stake: 'low' });
    m.seat('ussr', { kind: 'instigate', crisis: c, press: true, power: 2 });
    m.seat('china', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    m.advance();
    const trap = m.eventsOf('entrapment');
    expect(trap).toHaveLength(1);
    expect(trap[0]!.actors).toEqual(['china', 'ussr']);
    expect(m.actor('china').entangled).toBeGreaterThan(0);
  });
});

describe('Liberal Era 1991–2016', () => {
  const liberal = getScenario('liberal-era');

  it('plays one period per round with its case, in order', () => {
    expect(liberal.rounds).toEqual({ default: 8, min: 4, max: 8 });
    expect(liberal.roundLabels).toHaveLength(8);
    const crises = (round: number) =>
      liberal.scriptedCards[String(round)]!.filter((id) => cardOf(liberal, id).kind === 'crisis');
    expect([1, 2, 3, 4, 5, 6, 7, 8].map((r) => liberal.scriptedCards[String(r)]?.at(-1))).toEqual([
      'nato-enlargement-1997',
      'belgrade-embassy-1999',
      'afghanistan-coalition-2001',
      'counter-piracy-2008',
      'georgia-war-2008',
      'libya-mandate-2011',
      'crimea-2014',
      'syria-invitation-2015',
    ]);
    expect(crises(6)).toEqual([]);
    expect(cardOf(liberal, 'libya-mandate-2011')).toMatchObject({
      kind: 'vote',
      mandateFor: 'usa',
    });
    expect(cardOf(liberal, 'counter-piracy-2008')).toMatchObject({
      instigator: null,
      target: null,
    });
    expect(cardOf(liberal, 'syria-invitation-2015')).toMatchObject({
      instigator: null,
      target: 'syria',
    });
    expect(deckOf(liberal).length).toBeGreaterThan(
      Object.values(liberal.scriptedCards).flat().length,
    );
    expect(liberal.objectives.length).toBeGreaterThanOrEqual(6);
  });
});

describe('a broken copy of the main scenario', () => {
  type Obj = Record<string, unknown>;
  const list = (o: Obj, key: string) => o[key] as Obj[];
  const cardById = (s: Obj, id: string) => list(s, 'cards').find((c) => c.id === id)!;
  const broken = (mutate: (s: Obj) => void) => {
    const copy = JSON.parse(JSON.stringify(mainFile)) as Obj;
    mutate(copy);
    return parseScenario(copy, 'teacher/main-copy.json');
  };
  const pakistan = main.actors.findIndex((a) => a.id === 'pakistan');

  it.each<[string, (s: Obj) => void, string]>([
    [
      'a card in an unknown region',
      (s) => {
        list(s, 'cards')[2]!.region = 'atlantis';
      },
      'cards.2.region',
    ],
    [
      'a card without a debrief',
      (s) => {
        delete list(s, 'cards')[5]!.debrief;
      },
      'cards.5.debrief',
    ],
    [
      'a seat with two goals',
      (s) => {
        ((list(s, 'actors')[0]!.seat as Obj).goals as unknown[]).pop();
      },
      'actors.0.seat.goals',
    ],
    [
      'a tie to an unknown actor',
      (s) => {
        list(s, 'ties')[0]!.b = 'atlantis';
      },
      'ties.0.b',
    ],
    [
      'a lever card that is not held',
      (s) => {
        delete cardById(s, 'pak-durand-line').holder;
      },
      `actors.${pakistan}.seat.lever.cards.2`,
    ],
    [
      'a council member no actor stands for that follows a non-member',
      (s) => {
        ((s.securityCouncil as Obj).otherPermanent as Obj[])[0]!.follows = 'japan';
      },
      'securityCouncil.otherPermanent.0.follows',
    ],
    [
      'an elected ally that votes with a non-member',
      (s) => {
        ((s.securityCouncil as Obj).electedMembers as Obj[])[0]!.with = 'japan';
      },
      'securityCouncil.electedMembers.0.with',
    ],
    [
      'elected members that are not as many as the fixed block',
      (s) => {
        ((s.securityCouncil as Obj).electedMembers as Obj[]).pop();
      },
      'securityCouncil.electedMembers',
    ],
    [
      'a council that needs more yes votes than it has members',
      (s) => {
        (s.securityCouncil as Obj).yesNeeded = 16;
      },
      'securityCouncil.yesNeeded',
    ],
  ])('is rejected for %s, naming the file and the field', (_label, mutate, field) => {
    const r = broken(mutate);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.message).toContain('teacher/main-copy.json');
    expect(r.message).toContain(field);
    expect(r.issues.map((i) => i.field)).toContain(field);
  });
});

describe('the history the article tells, each in the scenario of its era', () => {
  /** Scenario, card, reference year, era, and words its debrief must get right. */
  const HISTORY: [string, string, string, number, string, RegExp[]][] = [
    [
      'Bandung and non-alignment',
      'tutorial-1950',
      'bandung-1955',
      1955,
      'cold-war',
      [/April 1955/, /Bandung/, /Non-Aligned Movement/, /1961/],
    ],
    [
      'the opening between Beijing and Washington',
      'tutorial-1950',
      'kissinger-beijing-1971',
      1971,
      'cold-war',
      [
        /July 1971/,
        /Kissinger, then President Nixon’s National Security Advisor/,
        /Secretary of State only in 1973/,
      ],
    ],
    [
      'the Brazil–India–China coalition in the WTO',
      'liberal-era',
      'cancun-wto-2003',
      2003,
      'liberal',
      [/Cancún in September 2003/, /Brazil, India and China/, /Brazil–India–China coalition/],
    ],
    [
      'the Global Security Initiative and indivisible security',
      'main',
      'indivisible-security',
      2022,
      'competition',
      [/Global Security Initiative in April 2022/, /“indivisible security”/],
    ],
    [
      'the Hong Kong mediation centre',
      'main',
      'hong-kong-mediation',
      2025,
      'competition',
      [/30 May 2025/, /Hong Kong/, /International Organization for Mediation/],
    ],
    [
      'the Iran–Saudi deal brokered in Beijing',
      'main',
      'gulf-rivals-mediation',
      2023,
      'competition',
      [/10 March 2023, in Beijing/, /Saudi Arabia and Iran/],
    ],
    [
      'a breakaway referendum: Transnistria, then Crimea',
      'main',
      'breakaway-referendum',
      2006,
      'competition',
      [/Transnistria/, /voted in 2006/, /Crimea in 2014/],
    ],
    [
      'Resolution 1973 and its abstainers',
      'liberal-era',
      'libya-mandate-2011',
      2011,
      'liberal',
      [/Resolution 1973 in March 2011/, /Russia, India, Brazil and Germany abstained/],
    ],
  ];

  it.each(HISTORY)('%s: %s has %s, dated %i', (_what, scenario, id, year, era, words) => {
    const s = getScenario(scenario);
    const card = cardOf(s, id);
    expect(s.eras).toContain(era);
    expect(card).toMatchObject({ year, eras: [era] });
    for (const w of words) expect(card.debrief).toMatch(w);
    // A host can bring it into play: it is in the deck or scripted, never held in a hand.
    expect(card.holder).toBeUndefined();
  });

  it('1971: Washington can mediate Moscow’s threat to Beijing only once the two are in dialogue', () => {
    const tutorial = getScenario('tutorial-1950');
    const m = drive({ seats: ['china', 'ussr', 'usa'] }, tutorial, 'opening-1971');
    m.inject('kissinger-beijing-1971');
    m.advance();
    const c = m.crisis('kissinger-beijing-1971');
    const mediate = { kind: 'order', order: { kind: 'mediate', crisis: c } } as const;
    expect(m.refusal('usa', mediate)).not.toBeNull();
    ensureTie(m.state, 'china', 'usa').level = DIALOGUE;
    expect(m.refusal('usa', mediate)).toBeNull();
  });

  it('dates South Africa’s entry into BRICS to 2011, after the founding four', () => {
    const brics = getScenario('liberal-era').institutions.find((i) => i.id === 'brics')!;
    expect(brics.description).toMatch(/South Africa, invited at the end of 2010, joined in 2011/);
    expect(brics.members).not.toContain('south-africa');
  });
});
