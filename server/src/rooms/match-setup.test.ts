import { scenarioHash } from '@entanglement/shared';
import { expect, test } from 'vitest';
import { matchRecord, newMatchSetup, restoredSetup } from './match-setup.ts';

const OPTIONS = { scenario: 'tutorial-1950', nickname: 'Teacher', seats: ['china', 'ussr', 'usa'] };

function stored(roomSettings: unknown) {
  const setup = newMatchSetup(OPTIONS);
  const record = { ...matchRecord(setup, 'm1', 'ABCDEF', 'a'.repeat(64)), roomSettings };
  return { record: { ...record, finishedAt: null, winner: null, rounds: null }, setup };
}

test('a match records the content hash of the scenario it was created on', () => {
  const setup = newMatchSetup(OPTIONS);
  const record = matchRecord(setup, 'm1', 'ABCDEF', 'a'.repeat(64));
  expect(record.roomSettings).toMatchObject({ scenarioHash: scenarioHash(setup.scenario) });
});

test('a live match is restored only on the scenario content it was created on', () => {
  const plan = (roomSettings: unknown) => ({
    record: stored(roomSettings).record,
    log: [],
    seats: [],
    clock: null,
    chatSeq: 0,
    chat: [],
  });
  const { setup } = stored({});
  expect(restoredSetup(plan({ scenarioHash: scenarioHash(setup.scenario) })).match.step).toBe(0);
  // Matches stored before the hash was kept restore as before.
  expect(restoredSetup(plan({})).match.step).toBe(0);
  expect(() => restoredSetup(plan({ scenarioHash: '0123456789abcdef' }))).toThrow(
    'its scenario "tutorial-1950" has other content than it was created on',
  );
});
