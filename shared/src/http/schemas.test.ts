import { describe, expect, expectTypeOf, test } from 'vitest';
import type { z } from 'zod';
import { getScenario, SCENARIO_IDS } from '../content/index.ts';
import type { CreatedMatch } from '../protocol.ts';
import { debrief, type MatchDebrief } from '../replay/debrief.ts';
import { recordRandomMatch } from '../replay/recorded.ts';
import { openReplay } from '../replay/replay.ts';
import { type ScenarioSummary, summariseScenario } from '../summary.ts';
import { inputProblem } from './problems.ts';
import {
  AnnotationBodySchema,
  type CreatedMatchSchema,
  DebriefSchema,
  ListMatchesQuerySchema,
  OwnMatchesBodySchema,
  ScenarioSummarySchema,
} from './schemas.ts';

describe('the answers’ schemas are the engine’s types', () => {
  test('by type: the debrief, the scenario summary, the created match', () => {
    expectTypeOf<z.output<typeof DebriefSchema>>().toEqualTypeOf<MatchDebrief>();
    expectTypeOf<z.output<typeof ScenarioSummarySchema>>().toEqualTypeOf<ScenarioSummary>();
    expectTypeOf<z.output<typeof CreatedMatchSchema>>().toEqualTypeOf<CreatedMatch>();
  });

  test('by value: every scenario’s summary and a played match’s debrief', () => {
    for (const id of SCENARIO_IDS)
      expect(ScenarioSummarySchema.parse(summariseScenario(getScenario(id)))).toBeTruthy();
    const replay = openReplay(recordRandomMatch('tutorial-1950', {}, 'schemas'));
    const made = debrief(replay);
    expect(DebriefSchema.parse(made)).toEqual(made);
  });
});

describe('refused inputs', () => {
  const problem = (schema: z.ZodType, value: unknown) => {
    const parsed = schema.safeParse(value);
    return parsed.success ? null : inputProblem(parsed.error, 'the query').error;
  };

  test('name their field in one sentence', () => {
    expect(problem(ListMatchesQuerySchema, { limit: '0' })).toBe(
      'limit must be a whole number from 1 to 100.',
    );
    expect(problem(ListMatchesQuerySchema, { limit: ['1', '2'] })).toBe(
      'limit must be a whole number from 1 to 100.',
    );
    expect(problem(ListMatchesQuerySchema, { offset: '-1' })).toBe(
      'offset must be a whole number, 0 or more.',
    );
    expect(problem(ListMatchesQuerySchema, { scenario: '' })).toBe(
      'scenario must be one scenario id.',
    );
    expect(problem(ListMatchesQuerySchema, { to: '2024-1-1' })).toBe(
      'to must be a date written YYYY-MM-DD.',
    );
    expect(problem(OwnMatchesBodySchema, { credentials: [{ id: 'x', token: 5 }] })).toBe(
      'credentials must be a list of at most 200 { id, token } pairs.',
    );
    expect(problem(AnnotationBodySchema, { round: 1, phase: 'lunch', text: 'x' })).toMatch(
      /^phase must be one of news, /,
    );
    expect(problem(AnnotationBodySchema, { round: 1, phase: 'news', text: '  ' })).toBe(
      'text must be 1 to 2000 characters.',
    );
    expect(problem(AnnotationBodySchema, 'note')).toBe(
      'the query: The body must be an object { round, phase, text }.',
    );
  });

  test('parse what the routes read', () => {
    expect(ListMatchesQuerySchema.parse({ limit: '5', from: '2024-02-01' })).toEqual({
      limit: 5,
      from: Date.UTC(2024, 1, 1),
    });
  });
});
