import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SCENARIO_IDS } from '../src/content/index.ts';
import { openReplay, type ReplayInput } from '../src/replay/replay.ts';
import { OLDEST_RULES_VERSION, RULES_VERSION } from '../src/rules.ts';
import { PINNED_DIR, pinnedFileName } from './pinned.ts';

/**
 * The pinned recordings (shared/recordings/, `npm run record:pinned`): real
 * matches of every shipped scenario under every kept rules version, with the
 * state hash at the end of each phase. A change that alters any of them
 * without a new rules version fails here: the old matches people have in
 * their archives would replay differently.
 */
const files = readdirSync(PINNED_DIR).filter((f) => f.endsWith('.json'));

describe('the pinned recordings', () => {
  it('exist for every shipped scenario under this rules version', () => {
    for (const id of SCENARIO_IDS) expect(files).toContain(pinnedFileName(id, RULES_VERSION));
  });

  it.each(files)('%s replays to its recorded hashes', (file) => {
    const input = JSON.parse(readFileSync(join(PINNED_DIR, file), 'utf8')) as ReplayInput;
    expect(input.rulesVersion).toBeGreaterThanOrEqual(OLDEST_RULES_VERSION);
    try {
      const replay = openReplay(input);
      expect(replay.finalState().rulesVersion).toBe(input.rulesVersion);
    } catch (error) {
      throw new Error(
        `${file} (rules version ${input.rulesVersion}) no longer replays: ${(error as Error).message} ` +
          'A change altered what an old match replays to: bump RULES_VERSION, keep the old ' +
          'behaviour behind rulesAtLeast(state, <new version>), and run `npm run record:pinned` ' +
          'for the new version (docs/replays.md, "Every old match replays").',
      );
    }
  });

  it('a match of a version this engine does not keep is refused by that name', () => {
    const input = JSON.parse(
      readFileSync(join(PINNED_DIR, pinnedFileName('main', RULES_VERSION)), 'utf8'),
    ) as ReplayInput;
    expect(() => openReplay({ ...input, rulesVersion: OLDEST_RULES_VERSION - 1 })).toThrow(
      `keeps the rules of versions ${OLDEST_RULES_VERSION} to ${RULES_VERSION} only`,
    );
    expect(() => openReplay({ ...input, rulesVersion: RULES_VERSION + 1 })).toThrow(
      `newer than this engine's ${RULES_VERSION}: update the game to replay it.`,
    );
  });
});
