/// <reference lib="webworker" />
import { applyCommand, getScenario, playOnOnce, type RunOutcome } from '@entanglement/shared';
import type { PlayOnAnswer, PlayOnJob } from './play-on.ts';

/**
 * "Bots play on", in a Web Worker of the teacher's browser: the shared
 * engine and its doctrine bots play the match from the fork's state to its
 * end, `runs` times, each run with its own bots' generator (and, with fresh
 * dice, its own reseed); progress after every run, the outcomes at the end.
 * It costs the server nothing and never holds up the page.
 */
const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = (message: MessageEvent<PlayOnJob>) => {
  const job = message.data;
  const scenario = getScenario(job.scenarioId);
  const outcomes: RunOutcome[] = [];
  for (let i = 0; i < job.runs; i++) {
    const state = structuredClone(job.state);
    if (job.freshDice)
      applyCommand(scenario, state, {
        kind: 'reseed',
        round: state.round,
        phase: state.phase,
        seed: `run-${i}`,
      });
    outcomes.push(playOnOnce(scenario, state, job.level, `bots-${i}`));
    scope.postMessage({ type: 'progress', done: i + 1 } satisfies PlayOnAnswer);
  }
  scope.postMessage({ type: 'done', outcomes } satisfies PlayOnAnswer);
};
