import type { BotLevel, MatchState, RunOutcome } from '@entanglement/shared';

/** What the page asks the play-on worker (play-on.worker.ts). */
export interface PlayOnJob {
  scenarioId: string;
  /** The fork's state: the moment, with the changed decision if any. */
  state: MatchState;
  runs: number;
  level: BotLevel;
  /** Each run draws its own dice from the fork point (a reseed per run). */
  freshDice: boolean;
}

export type PlayOnAnswer =
  | { type: 'progress'; done: number }
  | { type: 'done'; outcomes: RunOutcome[] };

/**
 * Runs a play-on job in a Web Worker: `onProgress` after every run, the
 * outcomes at the end. `cancel` stops the worker.
 */
export function playOn(
  job: PlayOnJob,
  onProgress: (done: number) => void,
): { result: Promise<RunOutcome[]>; cancel: () => void } {
  const worker = new Worker(new URL('./play-on.worker.ts', import.meta.url), { type: 'module' });
  let reject: (error: Error) => void = () => {};
  const result = new Promise<RunOutcome[]>((resolve, fail) => {
    reject = fail;
    worker.onmessage = (message: MessageEvent<PlayOnAnswer>) => {
      const answer = message.data;
      if (answer.type === 'progress') onProgress(answer.done);
      else {
        worker.terminate();
        resolve(answer.outcomes);
      }
    };
    worker.onerror = (event) => {
      worker.terminate();
      fail(new Error(event.message || 'The bots stopped with an error.'));
    };
  });
  worker.postMessage(job);
  return {
    result,
    cancel: () => {
      worker.terminate();
      reject(new Error('cancelled'));
    },
  };
}
