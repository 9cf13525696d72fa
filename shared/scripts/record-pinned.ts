/**
 * Records the pinned matches the replay test guards (shared/recordings/):
 * one random-legal match of each shipped scenario at its default rounds,
 * under the current RULES_VERSION, with its phase hashes.
 *   npm run record:pinned            writes the current version's files; keeps older ones
 * Run it when RULES_VERSION is bumped (docs/replays.md, "Every old match
 * replays"): the files of earlier versions stay and must still replay.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { getScenario, SCENARIO_IDS } from '../src/content/index.ts';
import { recordRandomMatch } from '../src/replay/recorded.ts';
import { RULES_VERSION } from '../src/rules.ts';
import { PINNED_DIR, pinnedFileName } from './pinned.ts';

const { values } = parseArgs({ options: { force: { type: 'boolean', default: false } } });

for (const id of SCENARIO_IDS) {
  const file = join(PINNED_DIR, pinnedFileName(id, RULES_VERSION));
  if (existsSync(file) && !values.force) {
    console.log(`${file}: kept (pass --force to record it again)`);
    continue;
  }
  const rounds = getScenario(id).rounds.default;
  const recording = recordRandomMatch(id, { rounds }, `pinned-${id}-v${RULES_VERSION}`);
  writeFileSync(file, `${JSON.stringify(recording)}\n`);
  console.log(
    `${file}: ${recording.log.length} commands, ${recording.phaseHashes.length} phase hashes`,
  );
}
