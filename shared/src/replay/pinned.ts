import { getScenario } from '../content/index.ts';
import { RULES_VERSION } from '../rules.ts';
import type { SettingsInput } from '../scenario/schema.ts';
import { recordRandomMatch } from './recorded.ts';
import type { ReplayInput } from './replay.ts';

/**
 * The matches pinned in shared/recordings/: one per scenario per rules
 * version, played with random legal commands from a fixed seed for a few
 * rounds. Each file carries its scenario content, so only a change of the
 * engine's rules can change its hashes, and such a change must come with a
 * new rules version (the old behaviour gated on `rulesAtLeast`).
 */
export const PINNED_MATCHES: readonly { scenarioId: string; settings: SettingsInput }[] = [
  { scenarioId: 'main', settings: { rounds: 4 } },
  { scenarioId: 'liberal-era', settings: { rounds: 4 } },
  { scenarioId: 'tutorial-1950', settings: {} },
];

/** A pinned recording: a replay input that carries its scenario content. */
export type PinnedRecording = ReplayInput & { scenario: unknown };

/** The file name of a pinned recording (in shared/recordings/). */
export function pinnedFileName(scenarioId: string, rulesVersion: number): string {
  return `${scenarioId}.v${rulesVersion}.json`;
}

/** Records the pinned match of `scenarioId` under this engine's rules version. */
export function recordPinned(scenarioId: string, settings: SettingsInput): PinnedRecording {
  const input = recordRandomMatch(scenarioId, settings, `pinned-${scenarioId}-v${RULES_VERSION}`);
  return { ...input, scenario: getScenario(scenarioId) };
}
