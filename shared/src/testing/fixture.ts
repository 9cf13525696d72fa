import { parseScenario } from '../scenario/load.ts';
import type { Scenario, ScenarioInput } from '../scenario/schema.ts';

/**
 * A small world for unit tests, where every rule can be set up by hand:
 * three great powers (red ≈ a partnership-minded power, blue ≈ a treaty
 * holder with Cohesion, green ≈ a power holding a crisis hand), one Global
 * South seat (gold) and three non-player actors. Rounds have no drawn cards
 * unless a test injects one.
 */
const actor = (
  id: string,
  kind: 'greatPower' | 'globalSouth' | 'nonPlayer',
  home: string,
  power: number,
  extra: object = {},
) => ({
  id,
  name: id[0]!.toUpperCase() + id.slice(1),
  short: id,
  kind,
  emblem: id.slice(0, 2).toUpperCase(),
  colour: '#336699',
  description: `${id} wants what ${id} wants.`,
  home,
  capital: [0, 0] as [number, number],
  iso: [100 + id.length],
  start: { power, wealth: 8, autonomy: 8, reputation: 5, security: 6 },
  income: 3,
  ...extra,
});

const goals = [
  { kind: 'trackAtLeast', track: 'reputation', thresholds: [6, 8, 10], label: 'Reputation 6/8/10' },
  { kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0], label: 'Stay out of others’ wars' },
  {
    kind: 'regionsWithInfluence',
    min: 3,
    thresholds: [1, 2, 3],
    label: 'Influence 3+ in 1/2/3 regions',
  },
] as const;

type CardInput = ScenarioInput['cards'][number];
const card = (
  id: string,
  extra: Partial<CardInput> & Pick<CardInput, 'region' | 'instigator' | 'target'>,
): CardInput => ({
  id,
  title: id,
  year: 2022,
  eras: ['test'],
  severity: 3,
  concepts: ['entrapment'],
  news: `${id} happens.`,
  debrief: `${id} teaches something.`,
  ...extra,
});

export const FIXTURE_INPUT: ScenarioInput = {
  id: 'fixture',
  title: 'Fixture',
  description: 'A small world for tests.',
  eras: ['test'],
  rounds: { default: 6, min: 2, max: 8 },
  roundLabels: ['1', '2', '3', '4', '5', '6', '7', '8'],
  tension: 4,
  theatres: [
    { id: 'west', name: 'West' },
    { id: 'far', name: 'Far' },
  ],
  regions: [
    { id: 'red-home', name: 'Red Home', theatre: 'far', iso: [1], anchor: [100, 30] },
    { id: 'blue-home', name: 'Blue Home', theatre: 'west', iso: [2], anchor: [-90, 40] },
    { id: 'green-home', name: 'Green Home', theatre: 'west', iso: [3], anchor: [60, 60] },
    { id: 'frontier', name: 'Frontier', theatre: 'west', iso: [4], anchor: [30, 50] },
    { id: 'south', name: 'South', theatre: 'far', iso: [5], anchor: [20, -10] },
    { id: 'straits', name: 'Straits', theatre: 'far', iso: [6], anchor: [120, 23] },
    { id: 'europe', name: 'Europe', theatre: 'west', iso: [7], anchor: [5, 50] },
  ],
  actors: [
    actor('red', 'greatPower', 'red-home', 12, { canInvestigate: true, seat: { goals, par: 4 } }),
    actor('blue', 'greatPower', 'blue-home', 14, {
      canInvestigate: true,
      cohesion: {
        start: 7,
        indoPacificPartners: ['isle'],
        europeanAllies: ['allies'],
        homeTheatre: 'west',
      },
      seat: { goals, par: 4 },
    }),
    actor('green', 'greatPower', 'green-home', 10, {
      seat: {
        goals,
        par: 4,
        lever: {
          kind: 'holdsCards',
          cards: ['green-war'],
          handSize: 1,
          every: 2,
          label: 'Green holds a war.',
        },
      },
    }),
    actor('gold', 'globalSouth', 'south', 4, {
      seat: {
        goals,
        par: 4,
        lever: {
          kind: 'courtedVote',
          multiplier: 2,
          label: 'Gold’s vote counts double when pledged.',
        },
      },
    }),
    actor('buffer', 'nonPlayer', 'frontier', 3, { npc: { pressChance: 0, pressPower: 1 } }),
    actor('isle', 'nonPlayer', 'straits', 3),
    actor('allies', 'nonPlayer', 'europe', 4),
  ],
  seats: { required: ['red', 'blue', 'green'], optional: ['gold'], minOptional: 0, maxOptional: 1 },
  rivals: [
    ['red', 'blue'],
    ['green', 'blue'],
  ],
  ties: [
    { a: 'red', b: 'green', level: 'strategic' },
    { a: 'blue', b: 'isle', level: 'alliance' },
    { a: 'green', b: 'gold', level: 'partnership' },
    { a: 'red', b: 'gold', level: 'dialogue' },
    { a: 'red', b: 'buffer', level: 'dialogue' },
    { a: 'green', b: 'buffer', level: 'dialogue' },
  ],
  institutions: [
    {
      id: 'nato',
      name: 'NATO',
      kind: 'alliance',
      leader: 'blue',
      members: ['blue', 'allies'],
      level: 'alliance',
      description: 'Blue and its allies.',
    },
    {
      id: 'pact',
      name: 'Pact',
      kind: 'paperAlliance',
      leader: 'green',
      members: ['green', 'buffer'],
      level: 'alliance',
      description: 'Only green brings power.',
    },
    {
      id: 'forum',
      name: 'Forum',
      kind: 'coordination',
      leader: 'red',
      members: ['red', 'green', 'gold'],
      level: 'partnership',
      description: 'Coordination only.',
    },
  ],
  // A four-member council: three yes votes pass a mandate.
  securityCouncil: { permanent: ['red', 'blue', 'green'], elected: ['gold'], yesNeeded: 3 },
  cards: [
    card('frontier-war', {
      region: 'frontier',
      instigator: 'green',
      target: 'buffer',
      stakes: { green: 'high', blue: 'medium' },
    }),
    card('strait-crisis', {
      region: 'straits',
      instigator: 'red',
      target: 'isle',
      stakes: { red: 'high', blue: 'high' },
    }),
    card('allies-attacked', {
      region: 'europe',
      instigator: 'green',
      target: 'allies',
      severity: 2,
      callLevel: 'alliance',
      stakes: { blue: 'medium' },
    }),
    card('piracy', { region: 'south', instigator: null, target: null, severity: 2 }),
    card('mandate-vote', {
      kind: 'vote',
      region: 'south',
      instigator: null,
      target: null,
      mandateFor: 'blue',
      concepts: ['mandates'],
    }),
    card('green-war', {
      region: 'frontier',
      instigator: 'green',
      target: 'buffer',
      holder: 'green',
    }),
    card('quiet-year', { region: 'south', instigator: null, target: null, severity: 1 }),
  ],
  scriptedCards: { '1': [], '2': [], '3': [], '4': [], '5': [], '6': [], '7': [], '8': [] },
  objectives: [
    {
      id: 'rich',
      text: 'End with 12 Wealth.',
      goal: { kind: 'trackAtLeast', track: 'wealth', thresholds: [12], label: 'Wealth 12' },
    },
    {
      id: 'secure',
      text: 'End with 7 Security.',
      goal: { kind: 'trackAtLeast', track: 'security', thresholds: [7], label: 'Security 7' },
    },
    {
      id: 'free',
      text: 'End with 8 Autonomy.',
      goal: { kind: 'trackAtLeast', track: 'autonomy', thresholds: [8], label: 'Autonomy 8' },
    },
    {
      id: 'liked',
      text: 'End with 7 Reputation.',
      goal: { kind: 'trackAtLeast', track: 'reputation', thresholds: [7], label: 'Reputation 7' },
    },
  ],
};

function parse(input: ScenarioInput): Scenario {
  const r = parseScenario(input, 'fixture');
  if (!r.ok) throw new Error(r.message);
  return r.scenario;
}

export const FIXTURE: Scenario = parse(FIXTURE_INPUT);

/** The fixture with cards drawn from the deck every round instead of scripted quiet rounds. */
export const FIXTURE_WITH_DECK: Scenario = parse({
  ...FIXTURE_INPUT,
  id: 'fixture-deck',
  scriptedCards: {},
});
