import {
  applyCommand,
  CommandSchema,
  createMatch,
  getScenario,
  playRandomGame,
  SCENARIO_IDS,
  stateHash,
} from '@entanglement/shared';
import { describe, expect, it } from 'vitest';

/**
 * The server stores a match as its command log in JSON and parses every
 * incoming message with the shared zod schemas. Every command the engine
 * accepts must survive that trip and replay to the same state.
 */
describe.each(SCENARIO_IDS)('a recorded %s match', (id) => {
  const scenario = getScenario(id);
  const seats = [
    ...scenario.seats.required,
    ...scenario.seats.optional.slice(0, scenario.seats.maxOptional),
  ];

  it.each(['quick', 'full'] as const)(
    'round-trips its log through JSON and the command schema (%s pace)',
    (pace) => {
      const game = playRandomGame(scenario, { seats, pace }, `roundtrip-${id}-${pace}`);
      const stored = JSON.stringify(game.log);
      const parsed = (JSON.parse(stored) as unknown[]).map((raw) => {
        const r = CommandSchema.safeParse(raw);
        if (!r.success) throw new Error(`${JSON.stringify(raw)}: ${r.error.message}`);
        return r.data;
      });
      const created = createMatch(scenario, { seats, pace }, `roundtrip-${id}-${pace}`);
      if (!created.ok) throw new Error(created.error);
      for (const cmd of parsed) expect(applyCommand(scenario, created.state, cmd).ok).toBe(true);
      expect(stateHash(created.state)).toBe(stateHash(game.state));
      expect(created.state.phase).toBe('ended');
    },
  );
});
