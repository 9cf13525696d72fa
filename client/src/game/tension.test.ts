import { RULES } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { tensionWords } from './tension.ts';

describe('World Tension in words', () => {
  it('says what happens at the limit, from the rules', () => {
    const calm = tensionWords(RULES.highTension - 1);
    expect(calm.level).toBe('calm');
    expect(calm.label).toBe(`World Tension ${RULES.highTension - 1} of ${RULES.maxTension}`);
    expect(calm.atMax).toContain(`At ${RULES.maxTension}, great-power war ends the match`);
    expect(calm.high).toBeNull();
  });

  it('warns of more crisis cards from high Tension on', () => {
    const high = tensionWords(RULES.highTension);
    expect(high.level).toBe('high');
    expect(high.high).toContain(`${RULES.cardsAtHighTension} crisis cards a round`);
    expect(tensionWords(RULES.maxTension - 1).level).toBe('high');
  });

  it('at the limit, says the war has come', () => {
    const war = tensionWords(RULES.maxTension);
    expect(war.level).toBe('war');
    expect(war.atMax).toMatch(/^Great-power war: the match is over/);
  });
});
