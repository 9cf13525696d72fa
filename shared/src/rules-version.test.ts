import { expect, test } from 'vitest';
import { RULES_VERSION } from './rules.ts';
import { OLDEST_RULES_VERSION, rulesAtLeast, unsupportedRulesVersion } from './rules-version.ts';

test('a rule gated on a version applies from that version on', () => {
  expect(rulesAtLeast({ rulesVersion: 5 }, 5)).toBe(true);
  expect(rulesAtLeast({ rulesVersion: 5 }, 6)).toBe(false);
  expect(rulesAtLeast({ rulesVersion: 7 }, 6)).toBe(true);
});

test('every version from the oldest to the current is played; others are named', () => {
  for (let v = OLDEST_RULES_VERSION; v <= RULES_VERSION; v++)
    expect(unsupportedRulesVersion(v)).toBeNull();
  expect(unsupportedRulesVersion(4)).toContain('never released');
  expect(unsupportedRulesVersion(RULES_VERSION + 1)).toContain('newer');
  expect(unsupportedRulesVersion(0)).toContain('not a rules version');
});
