import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The grep that proves the client holds no rule: the panels, the host's
 * controls and the lobby word numbers only through RULES, the scenario or the
 * engine's options, and ask no phase whether a command is legal.
 */
const here = dirname(fileURLToPath(import.meta.url));
const files = [
  ...readdirSync(here)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => join(here, f)),
  join(here, '../game/host-controls.ts'),
  join(here, '../screens/lobby.ts'),
];

/** A number written beside a track or a cost, a range, a score out of a fixed maximum. */
const RULE_NUMBER =
  /[+−]\d|\d\s*–\s*\d|\} \/ \d|\b\d+ (Wealth|Power|Reputation|Security|Autonomy|income|influence|action points?|rounds?)\b/;
/** A legality decided from the phase instead of the engine's options. */
const PHASE_RULE = /phase\s*[!=]==\s*'(diplomacy|responses|calls)'|canWithdraw|canInject/;

describe('the client restates no rule', () => {
  it('no panel writes a rule number or decides legality from the phase', () => {
    const found: string[] = [];
    for (const file of files) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        const code = line.replace(/\/\/.*$|^\s*\*.*$|\/\*\*.*\*\//g, '');
        if (RULE_NUMBER.test(code) || PHASE_RULE.test(code))
          found.push(`${file.slice(here.length - 6)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });

  it('the check finds what it looks for', () => {
    expect(RULE_NUMBER.test("'pay you 2 Wealth'")).toBe(true);
    expect(RULE_NUMBER.test(['`$', '{me.reputation} / 10`'].join(''))).toBe(true);
    expect(RULE_NUMBER.test("'−2 income'")).toBe(true);
    expect(PHASE_RULE.test("const canWithdraw = state.phase === 'diplomacy';")).toBe(true);
  });
});
