import { parentPort, workerData } from 'node:worker_threads';
import { checkImport, type ImportBounds, type ImportCheck } from './import.ts';

/**
 * The worker thread of one import (import-runner.ts): reads the file's
 * bytes as JSON and checks it (`checkImport`), off the server's event loop,
 * and posts the result back.
 */
export interface ImportJob {
  bytes: Uint8Array;
  bounds: ImportBounds;
}

function run(job: ImportJob): ImportCheck {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(job.bytes).toString('utf8'));
  } catch (error) {
    return {
      ok: false,
      status: 400,
      error: `The request body is not JSON: ${(error as Error).message}`,
    };
  }
  return checkImport(body, job.bounds);
}

parentPort?.postMessage(run(workerData as ImportJob));
