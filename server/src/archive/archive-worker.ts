import { parentPort, workerData } from 'node:worker_threads';
import { debrief, openReplay, ReplayError, trackSeries, tracksCsv } from '@entanglement/shared';
import { openSqliteStore } from '../store/sqlite.ts';
import type { MatchFile, MatchFileOptions } from '../store/types.ts';
import { type ForkStartResult, forkStart } from './fork-start.ts';

/**
 * The archive's worker thread (archive-reader.ts): builds what a reader of
 * a finished match is sent (its match file as JSON, its tracks as CSV, its
 * debrief as JSON) off the server's event loop. With a SQLite store it
 * reads the match itself through a connection of its own (WAL: readers do
 * not hold up the server's writes); otherwise it is sent the match file.
 */
export type ArchiveDocument = 'file' | 'csv' | 'debrief' | 'fork';

export interface ArchiveJob {
  job: number;
  id: string;
  document: ArchiveDocument;
  chat: NonNullable<MatchFileOptions['chat']>;
  /** The match file, when the worker has no store of its own. */
  file?: MatchFile | null;
  /** For document 'fork': the fork asked for (fork-start.ts). */
  fork?: Parameters<typeof forkStart>[1];
}

export type ArchiveAnswer =
  | { job: number; ok: true; bytes: Uint8Array }
  | { job: number; ok: false; notFound: true }
  | { job: number; ok: false; fork: Extract<ForkStartResult, { ok: false }> }
  | { job: number; ok: false; replay: { message: string; code: string; at: unknown } };

export interface ArchiveWorkerData {
  /** The SQLite store's directory and file name, or null. */
  sqlite: { dataDir: string; fileName: string } | null;
}

const { sqlite } = workerData as ArchiveWorkerData;
const store = sqlite ? openSqliteStore(sqlite) : null;

async function answer(job: ArchiveJob): Promise<ArchiveAnswer> {
  const file =
    job.file !== undefined ? job.file : await store!.getMatchFile(job.id, { chat: job.chat });
  if (!file) return { job: job.job, ok: false, notFound: true };
  if (job.document === 'file') return { job: job.job, ok: true, bytes: utf8(JSON.stringify(file)) };
  if (job.document === 'fork') {
    const forked = forkStart(file, job.fork!);
    return forked.ok
      ? { job: job.job, ok: true, bytes: utf8(JSON.stringify(forked.start)) }
      : { job: job.job, ok: false, fork: forked };
  }
  try {
    const replay = openReplay({
      scenarioId: file.scenarioId,
      scenarioHash: file.scenarioHash,
      scenario: file.scenario,
      rulesVersion: file.rulesVersion,
      seed: file.seed,
      settings: file.settings,
      log: file.commands as Parameters<typeof openReplay>[0]['log'],
      phaseHashes: file.phaseHashes,
    });
    const text =
      job.document === 'csv' ? tracksCsv(trackSeries(replay)) : JSON.stringify(debrief(replay));
    return { job: job.job, ok: true, bytes: utf8(text) };
  } catch (err) {
    if (!(err instanceof ReplayError)) throw err;
    return {
      job: job.job,
      ok: false,
      replay: { message: err.message, code: err.code, at: err.at },
    };
  }
}

/** Bytes of their own, so that they can be handed over (transferred) rather than copied. */
function utf8(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'utf8'));
}

parentPort!.on('message', (job: ArchiveJob) => {
  answer(job).then(
    (result) =>
      parentPort!.postMessage(result, result.ok ? [result.bytes.buffer as ArrayBuffer] : []),
    (error: unknown) => {
      throw error;
    },
  );
});
