/**
 * Records the pinned matches (shared/recordings/, docs/replays.md) under this
 * engine's rules version: one file per scenario, written only when missing.
 * An existing recording is never overwritten: it pins the behaviour of its
 * rules version, which must keep replaying; after a bump of RULES_VERSION
 * this adds the new version's files beside the old ones.
 *   npm run record:pinned
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PINNED_MATCHES, pinnedFileName, recordPinned } from '../src/replay/pinned.ts';
import { RULES_VERSION } from '../src/rules.ts';

const dir = fileURLToPath(new URL('../recordings/', import.meta.url));
mkdirSync(dir, { recursive: true });
for (const { scenarioId, settings } of PINNED_MATCHES) {
  const file = join(dir, pinnedFileName(scenarioId, RULES_VERSION));
  if (existsSync(file)) {
    console.log(`kept     ${file} (recordings are never overwritten)`);
    continue;
  }
  const recording = recordPinned(scenarioId, settings);
  writeFileSync(file, `${JSON.stringify(recording)}\n`);
  console.log(
    `recorded ${file}: ${recording.log.length} commands, ${recording.phaseHashes.length} phases`,
  );
}
