import { basename, dirname } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { MatchFileOptions, MatchStore } from '../store/types.ts';
import type {
  ArchiveAnswer,
  ArchiveDocument,
  ArchiveJob,
  ArchiveWorkerData,
} from './archive-worker.ts';

const WORKER = new URL('./archive-worker.ts', import.meta.url);

/** What is kept of finished matches' documents, in all (a match file can be megabytes). */
const CACHE_BYTES = 64 * 1024 * 1024;

export type ArchiveRead =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; notFound: true }
  | { ok: false; fork: { status: 409 | 422; error: string } }
  | { ok: false; replay: { message: string; code: string; at: unknown } };

/**
 * What readers of the archive are sent, built in one worker thread
 * (archive-worker.ts) and kept (a finished match never changes: its file,
 * tracks and debrief are the same for every reader), so that many readers
 * of a long match at once do not hold up live matches: on this event loop a
 * 35 000-command match took half a second to read and serialise, and a
 * replay for its debrief seconds. With SQLite the worker reads the match
 * itself; with another store the file is read here and handed over.
 */
export class ArchiveReader {
  private readonly store: Pick<MatchStore, 'getMatchFile'>;
  private readonly sqliteFile: string | null;
  private worker: Worker | null = null;
  private nextJob = 0;
  private readonly pending = new Map<
    number,
    { resolve: (answer: ArchiveAnswer) => void; reject: (error: Error) => void }
  >();
  private readonly cache = new Map<string, ArchiveRead>();
  private readonly inFlight = new Map<string, Promise<ArchiveRead>>();
  private cachedBytes = 0;

  constructor(store: Pick<MatchStore, 'getMatchFile'>, sqliteFile: string | null) {
    this.store = store;
    this.sqliteFile = sqliteFile;
  }

  /** The document of finished match `id` (`chat`: which channels its file holds). */
  read(
    id: string,
    document: ArchiveDocument,
    chat: NonNullable<MatchFileOptions['chat']> = 'public',
  ): Promise<ArchiveRead> {
    const key = `${document}:${chat}:${id}`;
    const hit = this.cache.get(key);
    if (hit) return Promise.resolve(hit);
    let flight = this.inFlight.get(key);
    if (!flight) {
      flight = this.build(id, document, chat).then((result) => {
        this.inFlight.delete(key);
        if (result.ok || 'replay' in result) this.keep(key, result);
        return result;
      });
      flight.catch(() => this.inFlight.delete(key));
      this.inFlight.set(key, flight);
    }
    return flight;
  }

  /**
   * A fork's start from finished match `id` (fork-start.ts), built in the
   * worker and never kept: a fork with fresh dice differs each time.
   */
  fork(id: string, request: NonNullable<ArchiveJob['fork']>): Promise<ArchiveRead> {
    return this.build(id, 'fork', 'public', request);
  }

  /** Stops the worker (the server is stopping). */
  async close(): Promise<void> {
    await this.worker?.terminate();
    this.worker = null;
  }

  private async build(
    id: string,
    document: ArchiveDocument,
    chat: NonNullable<MatchFileOptions['chat']>,
    fork?: ArchiveJob['fork'],
  ): Promise<ArchiveRead> {
    const job: ArchiveJob = { job: ++this.nextJob, id, document, chat, ...(fork ? { fork } : {}) };
    if (!this.sqliteFile) job.file = await this.store.getMatchFile(id, { chat });
    const answer = await new Promise<ArchiveAnswer>((resolve, reject) => {
      this.pending.set(job.job, { resolve, reject });
      this.started().postMessage(job);
    });
    const { job: _job, ...result } = answer;
    return result as ArchiveRead;
  }

  private started(): Worker {
    if (this.worker) return this.worker;
    const data: ArchiveWorkerData = {
      sqlite: this.sqliteFile
        ? { dataDir: dirname(this.sqliteFile), fileName: basename(this.sqliteFile) }
        : null,
    };
    const worker = new Worker(WORKER, { workerData: data });
    // It never keeps the server running by itself.
    worker.unref();
    worker.on('message', (answer: ArchiveAnswer) => {
      const waiting = this.pending.get(answer.job);
      this.pending.delete(answer.job);
      waiting?.resolve(answer);
    });
    worker.once('error', (error) => {
      // A broken worker fails what it had; the next read starts another.
      this.worker = null;
      for (const waiting of this.pending.values()) waiting.reject(error);
      this.pending.clear();
    });
    this.worker = worker;
    return worker;
  }

  /** Drops what is kept of a deleted match, so that nobody is served it any more. */
  forget(id: string): void {
    for (const [key, old] of this.cache)
      if (key.endsWith(`:${id}`)) {
        this.cache.delete(key);
        this.cachedBytes -= old.ok ? old.bytes.length : 1024;
      }
  }

  /** Keeps a document, dropping the oldest past CACHE_BYTES. */
  private keep(key: string, result: ArchiveRead): void {
    const size = result.ok ? result.bytes.length : 1024;
    if (size > CACHE_BYTES) return;
    this.cache.set(key, result);
    this.cachedBytes += size;
    for (const [oldKey, old] of this.cache) {
      if (this.cachedBytes <= CACHE_BYTES) break;
      this.cache.delete(oldKey);
      this.cachedBytes -= old.ok ? old.bytes.length : 1024;
    }
  }
}
