import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { getScenario, SCENARIO_IDS } from '../src/content/index.ts';
import { describeScenario } from './scenario-doc.ts';

describe('the scenario reference pages (docs/scenarios/)', () => {
  test.each(SCENARIO_IDS)('docs/scenarios/%s.md is what the scenario file says', (id) => {
    const page = readFileSync(new URL(`../../docs/scenarios/${id}.md`, import.meta.url), 'utf8');
    // A refit or a data edit changes the page: run npm run docs:scenarios.
    expect(page, `run npm run docs:scenarios to regenerate docs/scenarios/${id}.md`).toBe(
      describeScenario(getScenario(id)),
    );
  });
});
