import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RequestHandler } from 'express';
import { describeBytes } from './limits.ts';

export type BodyRead =
  | { ok: true; bytes: Buffer }
  | { ok: false; status: 400 | 413; error: string }
  | { ok: false; status: 0; error: 'aborted' };

/**
 * Reads a request's body, at most `maxBytes` of it. Past the limit it stops
 * at once (body-parser reads a refused body to its end before answering:
 * 64 MB streamed in chunks would all be taken in) and leaves the request
 * paused; the caller answers and cuts the connection (`cutAfterAnswer`).
 * `what` names the body in the refusal ("a match file").
 */
export function readBody(req: IncomingMessage, maxBytes: number, what: string): Promise<BodyRead> {
  const tooLarge = {
    ok: false as const,
    status: 413 as const,
    error: `The request is too large: ${what} may be at most ${describeBytes(maxBytes)}.`,
  };
  if (Number(req.headers['content-length'] ?? 0) > maxBytes) return Promise.resolve(tooLarge);
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (result: BodyRead) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onError);
      req.pause();
      resolve(result);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) stop(tooLarge);
      else chunks.push(chunk);
    };
    const onEnd = () => stop({ ok: true, bytes: Buffer.concat(chunks, size) });
    const onError = () => stop({ ok: false, status: 0, error: 'aborted' });
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onError);
  });
}

/** A body read as JSON: the value, or why it is not JSON. */
export function parseJson(
  bytes: Buffer,
): { ok: true; value: unknown } | { ok: false; error: string } {
  if (bytes.length === 0) return { ok: true, value: undefined };
  try {
    return { ok: true, value: JSON.parse(bytes.toString('utf8')) };
  } catch (error) {
    return { ok: false, error: `The request body is not JSON: ${(error as Error).message}` };
  }
}

/**
 * How long a connection whose body was refused stays half-open after the
 * answer, so that the sender reads the answer before the connection is cut.
 * 2 s was too short for a sender on a loaded machine (the reset took the
 * answer with it); a paused socket costs no more than its buffers.
 */
const LINGER_MS = 10_000;

/**
 * Once `res` is sent, stops reading the rest of the request's body, ends
 * our side of the connection (the sender reads the answer, then the end)
 * and cuts it LINGER_MS later. Not at once: closing a connection with the
 * sender's bytes unread resets it, and the reset can destroy the answer
 * before the sender has read it (which is also why such an answer does not
 * say `Connection: close`: Node would close right after it).
 */
export function cutAfterAnswer(res: ServerResponse): void {
  const socket = res.req.socket;
  res.once('finish', () => {
    socket.pause();
    socket.end();
    const timer = setTimeout(() => socket.destroy(), LINGER_MS);
    timer.unref();
    socket.once('close', () => clearTimeout(timer));
  });
}

/**
 * Express middleware: the body as JSON in `req.body`, at most `maxBytes`
 * (`what` names it in the refusal: 413, the connection then cut); 400 when
 * it is not JSON.
 */
export function jsonBody<P = Record<string, string>>(
  maxBytes: number,
  what: string,
): RequestHandler<P> {
  return (req, res, next) => {
    readBody(req, maxBytes, what).then((read) => {
      if (!read.ok) {
        if (read.status === 0) return void res.destroy();
        cutAfterAnswer(res);
        return void res.status(read.status).json({ error: read.error });
      }
      const json = parseJson(read.bytes);
      if (!json.ok) return void res.status(400).json({ error: json.error });
      req.body = json.value;
      next();
    }, next);
  };
}
