import { readFileSync } from 'node:fs';
import { getScenario, SCENARIO_IDS } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { describeScenario } from '../shared/scripts/scenario-doc.ts';

describe('docs/scenarios', () => {
  it.each(SCENARIO_IDS)(
    'docs/scenarios/%s.md matches its scenario file (run npm run docs:scenarios)',
    (id) => {
      const committed = readFileSync(
        new URL(`../docs/scenarios/${id}.md`, import.meta.url),
        'utf8',
      );
      expect(committed).toBe(describeScenario(getScenario(id)));
    },
  );
});
