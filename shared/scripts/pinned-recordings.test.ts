import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { ReplayError } from '../src/replay/errors.ts';
import { PINNED_MATCHES, type PinnedRecording, pinnedFileName } from '../src/replay/pinned.ts';
import { openReplay } from '../src/replay/replay.ts';
import { RULES_VERSION } from '../src/rules.ts';
import { OLDEST_RULES_VERSION } from '../src/rules-version.ts';

const dir = fileURLToPath(new URL('../recordings/', import.meta.url));
const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
const read = (file: string): PinnedRecording =>
  JSON.parse(readFileSync(`${dir}${file}`, 'utf8')) as PinnedRecording;

describe('pinned recordings (shared/recordings/)', () => {
  test.each(PINNED_MATCHES.map((m) => m.scenarioId))(
    'the %s scenario has a recording for this rules version',
    (scenarioId) => {
      const name = pinnedFileName(scenarioId, RULES_VERSION);
      expect(files, `run npm run record:pinned to add ${name}`).toContain(name);
    },
  );

  test.each(files)('%s replays to every pinned phase hash', (file) => {
    const recording = read(file);
    expect(file).toBe(pinnedFileName(recording.scenarioId, recording.rulesVersion));
    expect(recording.rulesVersion).toBeGreaterThanOrEqual(OLDEST_RULES_VERSION);
    try {
      const replay = openReplay(recording);
      expect(replay.finalState().rulesVersion).toBe(recording.rulesVersion);
      expect(replay.timeline.filter((e) => e.hash !== null)).toHaveLength(
        recording.phaseHashes.length,
      );
    } catch (err) {
      if (!(err instanceof ReplayError)) throw err;
      const { round, phase, command } = err.at;
      throw new Error(
        `The pinned recording ${file} (rules version ${recording.rulesVersion}) no longer ` +
          `replays: ${err.code} at round ${round}, phase ${phase}, command ${command}. ${err.message}\n` +
          'A change altered the behaviour of that rules version: bump RULES_VERSION and gate the ' +
          'old behaviour with rulesAtLeast, then run npm run record:pinned.',
      );
    }
  });

  test('a phase hash that differs is caught at its step', () => {
    const file = files.find((f) => f.startsWith('tutorial-1950.'))!;
    const recording = read(file);
    const hashes = recording.phaseHashes.map((h, i) =>
      i === 2 ? { ...h, hash: '0000000000000000' } : h,
    );
    let caught: unknown;
    try {
      openReplay({ ...recording, phaseHashes: hashes });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ReplayError);
    expect((caught as ReplayError).code).toBe('hashMismatch');
    expect((caught as ReplayError).at.round).toBe(recording.phaseHashes[2]!.round);
  });
});
