import { describe, expect, it } from 'vitest';
import { playRandomGame } from '../bots/play.ts';
import type { Scenario } from '../scenario/schema.ts';
import { FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { describeEvent } from './describe.ts';
import { agreementOf, article, count, isPluralName } from './grammar.ts';
import { type EngineEvent, EVENT_TYPES } from './types.ts';

const singular = FIXTURE_WITH_DECK;
/** The same world with every actor a group named by a common noun: "Red allies", who hedge. */
const plural: Scenario = {
  ...singular,
  actors: singular.actors.map((a) => ({ ...a, name: `${a.name} allies` })),
};

const RIDERS = [
  'trade',
  'armsSale',
  'training',
  'jointExercise',
  'baseAccess',
  'investment',
  'unPledge',
];

/** One event of every kind, with every amount and detail a sentence may read, in each variant worth telling. */
function everyKind(n: number): EngineEvent[] {
  const card = singular.cards[0]!;
  const amounts = Object.fromEntries(
    [
      'rounds',
      'tension',
      'round',
      'severity',
      'effective',
      'called',
      'from',
      'to',
      'reputation',
      'due',
      'power',
      'yes',
      'needed',
      'abstain',
      'veto',
      'autonomy',
      'lockedRounds',
      'entangledRounds',
      'security',
      'wealth',
      'attack',
      'defence',
      'total',
      'need',
      'influence',
      'hostWealth',
      'income',
      'upkeep',
      'change',
      'cohesion',
    ].map((k) => [k, n]),
  );
  const base = {
    round: 2,
    phase: 'resolution' as const,
    card: card.id,
    crisis: 'c1',
    region: card.region,
    amounts,
  };
  const every = {
    answer: 'accepted',
    invitation: 'summit',
    result: 'passed',
    treaty: 'yes',
    reason: 'a stalemate',
    how: 'prepared',
  };
  const details: Record<string, string>[] = [
    every,
    {
      ...every,
      answer: 'rejected',
      bloc: 'nato',
      result: 'failed',
      treaty: 'no',
      reason: 'endedEarly',
    },
    ...RIDERS.map((rider) => ({ ...every, rider })),
  ];
  return EVENT_TYPES.flatMap((type) =>
    details.flatMap((detail) =>
      [['red'], ['red', 'blue'], ['red', 'blue', 'green']].map((actors) => ({
        ...base,
        type,
        actors,
        detail,
      })),
    ),
  );
}

const randomEvents = Array.from(
  { length: 8 },
  (_, i) =>
    playRandomGame(singular, { seats: ['red', 'blue', 'green', 'gold'] }, `grammar-${i}`, `g${i}`, {
      keepEvents: true,
    }).events,
).flat();

/** Words that may follow a plural subject in a sentence where it is not the subject ("the tie between A and B is"). */
function singularVerbsAfterPluralNames(sentence: string): string[] {
  const out: string[] = [];
  for (const m of sentence.matchAll(/allies('?) (\w+)/g)) {
    const before = sentence.slice(0, m.index);
    const clause = before.slice(
      Math.max(before.lastIndexOf(','), before.lastIndexOf(';'), before.lastIndexOf(':')) + 1,
    );
    // Not its subject: "between A and B", a possessive, or the object of a preposition ("support for B is").
    const previous = before.trim().split(/\s+/).at(-2) ?? '';
    if (
      /\bbetween\b/.test(clause) ||
      m[1] === "'" ||
      /^(for|to|with|of|by|from|against|on|in)$/.test(previous)
    )
      continue;
    const word = m[2]!;
    if (/^(is|has|was)$/.test(word) || /[^s]s$/.test(word)) out.push(word);
  }
  return out;
}

describe('event sentences', () => {
  const sentences = (scenario: Scenario, events: EngineEvent[]) =>
    events.map((e) => ({ e, text: describeEvent(scenario, e) }));

  it('agree with a plural actor for every event kind and count', () => {
    for (const n of [1, 2]) {
      for (const { e, text } of sentences(plural, [...everyKind(n), ...randomEvents])) {
        expect(singularVerbsAfterPluralNames(text), `${e.type}: ${text}`).toEqual([]);
        expect(text, `${e.type}: ${text}`).not.toMatch(/\bits\b|allies's/);
      }
    }
  });

  it('say "a" and "an" by the sound of the next word, for every event kind and rider', () => {
    for (const scenario of [singular, plural])
      for (const { e, text } of sentences(scenario, [
        ...everyKind(1),
        ...everyKind(3),
        ...randomEvents,
      ])) {
        expect(text, `${e.type}: ${text}`).not.toMatch(/\b[Aa] ([aeiou]|[AEIO])/);
        expect(text, `${e.type}: ${text}`).not.toMatch(/\b[Aa]n [b-df-hj-np-tv-zB-DF-HJ-NP-TV-Z]/);
        expect(text, `${e.type}: ${text}`).not.toMatch(/undefined|NaN|\[object/);
        expect(text, `${e.type}: ${text}`).not.toMatch(
          /\b1 (rounds|actors|treaties|offers|events)\b/,
        );
      }
  });

  it('give a singular actor its singular verbs', () => {
    const e = (type: EngineEvent['type'], detail = {}) =>
      describeEvent(singular, {
        type,
        round: 1,
        phase: 'calls',
        actors: ['red', 'blue'],
        card: 'frontier-war',
        detail,
        amounts: { reputation: -1 },
      });
    expect(e('callHedged')).toMatch(/^Red hedges on the call/);
    expect(e('crossPressure')).toMatch(/^Red is caught/);
    expect(e('riderApplied', { rider: 'armsSale' })).toContain('add an arms sale');
    expect(e('riderApplied', { rider: 'trade' })).toContain('add a trade deal');
    expect(e('riderApplied', { rider: 'unPledge' })).toContain('add a UN pledge');
  });

  it('give a plural actor plural verbs and pronouns', () => {
    const e = (type: EngineEvent['type']) =>
      describeEvent(plural, {
        type,
        round: 1,
        phase: 'calls',
        actors: ['red', 'blue'],
        card: 'frontier-war',
        amounts: { reputation: -1, autonomy: -1, power: 1, lockedRounds: 1, entangledRounds: 1 },
      });
    expect(e('callHedged')).toMatch(/^Red allies hedge on the call/);
    expect(e('entrapment')).toMatch(
      /^Entrapment: Red allies are dragged into .* by their tie with Blue allies, where their own stake/,
    );
    expect(e('investigation')).toMatch(/^Red allies' investigation of Blue allies/);
  });
});

describe('grammar helpers', () => {
  it('tell group names from proper names that end in s', () => {
    for (const name of ['European allies', 'Western allies']) expect(isPluralName(name)).toBe(true);
    for (const name of [
      'Philippines',
      'Solomon Islands',
      'United States & NATO',
      'United States',
      'China',
    ])
      expect(isPluralName(name)).toBe(false);
    expect(agreementOf('European allies').verb('hedge')).toBe('hedge');
    expect(agreementOf('India').verb('hedge')).toBe('hedges');
    expect(agreementOf('India').verb('press')).toBe('presses');
    expect(agreementOf('India').verb('pay')).toBe('pays');
    expect(agreementOf('India').verb('carry')).toBe('carries');
  });

  it('count nouns', () => {
    expect(count(1, 'treaty', 'treaties')).toBe('1 treaty');
    expect(count(0, 'treaty', 'treaties')).toBe('0 treaties');
    expect(count(2, 'offer')).toBe('2 offers');
  });

  it('choose articles', () => {
    expect(article('arms sale')).toBe('an');
    expect(article('investment package')).toBe('an');
    expect(article('trade deal')).toBe('a');
    expect(article('UN pledge')).toBe('a');
    expect(article('NATO')).toBe('a');
  });
});
