import {
  applyCommand,
  createMatch,
  getScenario,
  recordRandomMatch,
  stateHash,
} from '@entanglement/shared';
import { expect, test } from 'vitest';
import type { CommandEntry } from '../store/types.ts';
import { rebuildMatch, replayLog } from './replay-log.ts';

/** A tutorial match's log as the store keeps it: each command with the step and hash after it. */
function storedLog() {
  const rec = recordRandomMatch('tutorial-1950', {}, 'rebuild');
  const scenario = getScenario('tutorial-1950');
  const created = createMatch(scenario, rec.settings as object, rec.seed);
  if (!created.ok) throw new Error(created.error);
  const log: CommandEntry[] = rec.log.map((command, i) => {
    applyCommand(scenario, created.state, command);
    return { seq: i + 1, command, stateHash: stateHash(created.state), at: 0 };
  });
  return { rec, scenario, log };
}

test('rebuildMatch gives the state the full replay gives, checked at the last command', () => {
  const { rec, scenario, log } = storedLog();
  const half = log.slice(0, Math.floor(log.length / 2));
  const rebuilt = rebuildMatch(scenario, rec.settings as object, rec.seed, half);
  expect(stateHash(rebuilt)).toBe(
    stateHash(replayLog(scenario, rec.settings as object, rec.seed, half).match),
  );
  const tampered = [...half.slice(0, -1), { ...half.at(-1)!, stateHash: '0000000000000000' }];
  expect(() => rebuildMatch(scenario, rec.settings as object, rec.seed, tampered)).toThrow(
    `the replay differs from the log at its last command (${half.length})`,
  );
  expect(rebuildMatch(scenario, rec.settings as object, rec.seed, []).step).toBe(0);
});
