import { Worker } from 'node:worker_threads';
import type { ImportBounds, ImportCheck, ImportRefusal } from './import.ts';
import type { ImportJob } from './import-worker.ts';

const WORKER = new URL('./import-worker.ts', import.meta.url);

/** Imports waiting for the one running; past this the server is busy. */
const MAX_WAITING_IMPORTS = 4;

export interface ImportLimits extends ImportBounds {
  /** How long the check of one file may take. */
  seconds: number;
}

/**
 * Checks match files for import in worker threads, one at a time (the
 * machine's other core is the live matches'), each in a fresh worker that
 * is ended when it has answered or when its time is up. The event loop
 * only hands the bytes over (transferred, not copied) and takes back the
 * checked match.
 */
export class ImportRunner {
  private readonly limits: ImportLimits;
  private running: Promise<unknown> = Promise.resolve();
  private waiting = 0;

  constructor(limits: ImportLimits) {
    this.limits = limits;
  }

  /** The check of `bytes` (a match file as JSON), or why it is refused. */
  check(bytes: Buffer): Promise<ImportCheck | BusyRefusal> {
    if (this.waiting >= MAX_WAITING_IMPORTS)
      return Promise.resolve({
        ok: false,
        status: 503,
        error: `The server is checking ${MAX_WAITING_IMPORTS + 1} imports already; try again in a minute.`,
      });
    this.waiting += 1;
    const turn = this.running.then(() => {
      this.waiting -= 1;
      return this.inWorker(bytes);
    });
    this.running = turn.catch(() => undefined);
    return turn;
  }

  private inWorker(bytes: Buffer): Promise<ImportCheck | BusyRefusal> {
    // A copy the worker owns outright: the request's buffer may be a slice of a shared pool.
    const owned = new Uint8Array(bytes);
    const job: ImportJob = { bytes: owned, bounds: this.limits };
    const worker = new Worker(WORKER, { workerData: job, transferList: [owned.buffer] });
    const seconds = this.limits.seconds;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        void worker.terminate();
        resolve({
          ok: false,
          status: 422,
          code: 'tooSlow',
          error: `Checking this match file took longer than ${seconds} s, so it is refused.`,
        });
      }, seconds * 1000);
      worker.once('message', (result: ImportCheck) => {
        clearTimeout(timer);
        void worker.terminate();
        resolve(result);
      });
      worker.once('error', (error) => {
        clearTimeout(timer);
        reject(error);
      });
      worker.once('exit', (code) => {
        clearTimeout(timer);
        // After a message or the timeout this settles nothing; else the worker died without an answer.
        reject(new Error(`The import worker stopped (exit code ${code}) without an answer.`));
      });
    });
  }
}

/** Too many imports at once. */
export type BusyRefusal = Omit<ImportRefusal, 'status'> & { status: 503 };
