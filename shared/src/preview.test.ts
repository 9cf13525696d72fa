import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import { commandProblem } from './commands/validate.ts';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { injectableCards } from './preview.ts';
import { stateOfView } from './seat-state.ts';
import { viewFor } from './view.ts';

describe('injectableCards', () => {
  it.each(['main', 'tutorial-1950'])(
    'lists exactly the cards the engine lets the host inject (%s), from a view too',
    (id) => {
      const scenario = getScenario(id);
      const ctx = ctxOf(scenario);
      let checked = 0;
      playRandomGame(scenario, {}, 'inject', 'inject', {
        onStep: (state) => {
          if (state.phase === 'ended' || state.phase === 'resolution' || state.step % 7 !== 0)
            return;
          const { round, phase } = state;
          const accepted = scenario.cards
            .map((c) => c.id)
            .filter(
              (card) =>
                commandProblem(ctx, state, { kind: 'injectCrisis', round, phase, card }) === null,
            );
          expect(injectableCards(scenario, state)).toEqual(accepted);
          expect(injectableCards(scenario, stateOfView(viewFor(state, null)))).toEqual(accepted);
          checked++;
        },
      });
      expect(checked).toBeGreaterThan(0);
    },
  );
});
