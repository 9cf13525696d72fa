import { describe, expect, it } from 'vitest';
import { createMatch } from '../create.ts';
import { FIXTURE, FIXTURE_INPUT } from '../testing/fixture.ts';
import { parseScenario } from './load.ts';

const broken = (mutate: (s: Record<string, any>) => void) => {
  const copy = JSON.parse(JSON.stringify(FIXTURE_INPUT));
  mutate(copy);
  return parseScenario(copy, 'teacher/my-scenario.json');
};

describe('parseScenario', () => {
  it('accepts the fixture', () => {
    expect(parseScenario(FIXTURE_INPUT, 'fixture').ok).toBe(true);
  });

  it.each([
    [
      'a card in an unknown region',
      (s: any) => (s.cards[0].region = 'atlantis'),
      'cards.0.region',
      'region id',
    ],
    ['a missing title', (s: any) => delete s.title, 'title', ''],
    ['a severity out of range', (s: any) => (s.cards[1].severity = 9), 'cards.1.severity', ''],
    ['a tie to an unknown actor', (s: any) => (s.ties[0].b = 'nobody'), 'ties.0.b', 'actor id'],
    [
      'a colour that is not a colour',
      (s: any) => (s.actors[0].colour = 'red'),
      'actors.0.colour',
      '#',
    ],
    ['a seat without a seat section', (s: any) => s.seats.optional.push('isle'), 'seats.4', 'seat'],
    ['too few round labels', (s: any) => (s.roundLabels = ['1']), 'roundLabels', 'labels'],
    ['a duplicated card id', (s: any) => (s.cards[1].id = s.cards[0].id), 'cards.1.id', 'unique'],
    [
      'a bloc led by a non-member',
      (s: any) => (s.institutions[0].leader = 'red'),
      'institutions.0.leader',
      'member',
    ],
  ])(
    'rejects %s, naming the file, the field and what was expected',
    (_label, mutate, field, expected) => {
      const r = broken(mutate);
      expect(r.ok).toBe(false);
      if (r.ok) return;
      expect(r.file).toBe('teacher/my-scenario.json');
      expect(r.message).toContain('teacher/my-scenario.json');
      const issue = r.issues.find((i) => i.field === field);
      expect(issue, JSON.stringify(r.issues)).toBeDefined();
      expect(issue!.expected).toContain(expected);
      expect(r.message).toContain(field);
    },
  );

  it('rejects something that is not a scenario at all', () => {
    const r = parseScenario('hello', 'x.json');
    expect(r.ok).toBe(false);
  });
});

describe('match settings', () => {
  it.each([
    [{ rounds: 0 }, 'rounds'],
    [{ rounds: 2.5 }, 'rounds'],
    [{ pace: 'slow' }, 'pace'],
    [{ seats: [] }, 'seats'],
    [{ preset: 'exam' }, 'preset'],
  ])('refuses %o with a message naming the field', (settings, field) => {
    const r = createMatch(FIXTURE, settings as never, 'x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain(field);
  });

  it('refuses seats that break the scenario’s seat rules', () => {
    const r = createMatch(FIXTURE, { seats: ['red', 'blue'] }, 'x');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toContain('green');
  });
});
