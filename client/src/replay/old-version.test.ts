import { debrief, MatchFileSchema, openReplay } from '@entanglement/shared';
import { expect, test } from 'vitest';
import liberalEraV5 from '../../../shared/recordings/liberal-era.v5.json' with { type: 'json' };

/**
 * A match file of rules version 5 (a pinned recording), as the archive
 * serves it: the client parses it with the match-file schema
 * (fetchMatchFile) and replays it as the replay screen does.
 */
test('a rules-version-5 match file replays in the client and shows its debrief', () => {
  const rec = liberalEraV5 as unknown as Parameters<typeof openReplay>[0];
  const seats = openReplay(rec).finalState().seats;
  const file = MatchFileSchema.parse({
    format: 'entanglement-match',
    version: 1,
    id: 'pinned',
    scenarioId: rec.scenarioId,
    scenarioHash: rec.scenarioHash,
    scenario: rec.scenario,
    rulesVersion: rec.rulesVersion,
    seed: rec.seed,
    settings: rec.settings,
    seats: seats.map((seat) => ({ seat, nickname: seat, kind: 'bot' })),
    commands: rec.log,
    chat: [],
    phaseHashes: rec.phaseHashes,
    createdAt: 0,
    finishedAt: 0,
    winner: null,
    rounds: 1,
  });
  expect(file.rulesVersion).toBe(5);
  expect(file.scenario).toBeDefined();
  const replay = openReplay({ ...file, log: file.commands });
  expect(replay.finalState().rulesVersion).toBe(5);
  const report = debrief(replay);
  expect(report.actors.map((a) => a.actor).sort()).toEqual([...seats].sort());
});
