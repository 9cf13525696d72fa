import { describe, expect, test } from 'vitest';
import { doctrineFor } from '../src/bots/roster.ts';
import { getScenario } from '../src/content/index.ts';
import { fullSeatCount } from '../src/goals.ts';
import { BehaviourRates } from './behaviour-rates.ts';
import { playSeries } from './selfplay.ts';

const LIBERAL = getScenario('liberal-era');

/** The Security Council line of the report: votes, passed and decided by the seats. */
function councilLine(rates: BehaviourRates) {
  const line = rates.report().match(/Security Council: (\d+) votes, (\d+) passed.*?(\d+) decided/);
  if (!line) throw new Error('no Security Council line in the report');
  return { votes: Number(line[1]), passed: Number(line[2]), decided: Number(line[3]) };
}

describe("balance --rates: votes decided by the seats' votes", () => {
  test('the force for Kabul is decided by the seats (the elected members follow the permanent ones), Libya is not', () => {
    const rates = new BehaviourRates(LIBERAL, (seat) => doctrineFor(LIBERAL, seat).id);
    const games = 3;
    playSeries({
      scenario: LIBERAL,
      games,
      seed: 'rates',
      level: 'normal',
      seatCount: fullSeatCount(LIBERAL),
      rates,
    });
    const { votes, passed, decided } = councilLine(rates);
    // Two vote cards a game: Kabul (Russia's and China's yes carry the
    // sovereignty and regional members with them) and Libya (10 yes without
    // any seat but the holder, as Resolution 1973 had).
    expect(votes).toBe(2 * games);
    expect(passed).toBe(votes);
    expect(decided).toBe(games);
  });
});
