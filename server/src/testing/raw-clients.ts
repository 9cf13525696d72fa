import { readFileSync } from 'node:fs';
import { type IncomingHttpHeaders, request } from 'node:http';
import { connect } from 'node:net';
import WebSocket from 'ws';

/**
 * Raw HTTP and WebSocket clients for the attack tests: each request leaves
 * from a chosen loopback address (127.0.0.2, 127.0.0.3, …: every 127.x
 * address is this machine), so an attacker's address is not the address the
 * legitimate players use (127.0.0.1), as on a real network. They only ever
 * talk to the test's own server on 127.0.0.1.
 */

export interface RawAnswer {
  status: number;
  headers: IncomingHttpHeaders;
  text: string;
  /** The body as JSON ({} when it is not JSON). */
  json: Record<string, unknown>;
}

export interface RawRequest {
  method?: string;
  path: string;
  /** The source address, 127.0.0.1 by default. */
  from?: string;
  headers?: Record<string, string | number>;
  body?: string;
}

/** Sends one request and reads its whole answer. */
export function rawRequest(base: string, options: RawRequest): Promise<RawAnswer> {
  const url = new URL(options.path, base);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: options.method ?? 'GET',
        localAddress: options.from ?? '127.0.0.1',
        headers: {
          ...(options.body === undefined
            ? {}
            : {
                'content-type': 'application/json',
                'content-length': Buffer.byteLength(options.body),
              }),
          ...options.headers,
        },
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve(answerOf(res.statusCode ?? 0, res.headers, chunks)));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });
}

/**
 * Reads an answer without keeping it: its status and size. For many
 * readers at once in the process that measures latency, which must not
 * spend its own time on their bodies.
 */
export function drainRequest(
  base: string,
  path: string,
  from: string,
): Promise<{ status: number; bytes: number }> {
  return new Promise((resolve, reject) => {
    const req = request(new URL(path, base), { localAddress: from, agent: false }, (res) => {
      let bytes = 0;
      res.on('data', (chunk: Buffer) => {
        bytes += chunk.length;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

/** JSON POST helper. */
export function postJson(
  base: string,
  path: string,
  body: unknown,
  from = '127.0.0.1',
): Promise<RawAnswer> {
  return rawRequest(base, { method: 'POST', path, from, body: JSON.stringify(body) });
}

function answerOf(status: number, headers: IncomingHttpHeaders, chunks: Buffer[]): RawAnswer {
  const text = Buffer.concat(chunks).toString('utf8');
  let json: Record<string, unknown> = {};
  try {
    json = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Not JSON: left empty.
  }
  return { status, headers, text, json };
}

/**
 * Streams up to `bytes` of body (JSON-looking filler) in 64 KiB chunks over
 * a bare TCP socket, declared with a Content-Length or sent chunked, and
 * stops as soon as the server answers or closes: the answer it read (null
 * if none), and how many bytes of body were written.
 */
export function streamBody(
  base: string,
  options: { path: string; from: string; bytes: number; chunked: boolean },
): Promise<{ answer: RawAnswer | null; written: number }> {
  const url = new URL(options.path, base);
  const chunk = Buffer.alloc(64 * 1024, 'a');
  return new Promise((resolve) => {
    let written = 0;
    let done = false;
    const received: Buffer[] = [];
    const socket = connect({
      host: url.hostname,
      port: Number(url.port),
      localAddress: options.from,
    });
    const finish = () => {
      if (done) return;
      done = true;
      socket.destroy();
      resolve({ answer: parseAnswer(Buffer.concat(received)), written });
    };
    socket.on('data', (data: Buffer) => {
      received.push(data);
      const answer = parseAnswer(Buffer.concat(received));
      if (answer && answer.text.length >= Number(answer.headers['content-length'] ?? 0)) finish();
    });
    socket.on('close', finish);
    socket.on('error', finish);
    const frame = (data: Buffer | string) =>
      options.chunked
        ? Buffer.concat([
            Buffer.from(`${Buffer.byteLength(data).toString(16)}\r\n`),
            Buffer.from(data),
            Buffer.from('\r\n'),
          ])
        : Buffer.from(data);
    socket.write(
      `POST ${url.pathname} HTTP/1.1\r\nHost: ${url.host}\r\nContent-Type: application/json\r\n` +
        (options.chunked
          ? 'Transfer-Encoding: chunked\r\n'
          : `Content-Length: ${options.bytes}\r\n`) +
        '\r\n',
    );
    const pump = () => {
      while (!done && written < options.bytes) {
        written += chunk.length;
        if (!socket.write(frame(chunk))) return void socket.once('drain', pump);
      }
      if (!done && options.chunked) socket.write('0\r\n\r\n');
    };
    pump();
  });
}

/** An HTTP/1.1 answer from its raw bytes, once its head has arrived. */
function parseAnswer(raw: Buffer): RawAnswer | null {
  const text = raw.toString('utf8');
  const split = text.indexOf('\r\n\r\n');
  if (split < 0) return null;
  const [statusLine = '', ...lines] = text.slice(0, split).split('\r\n');
  const headers: IncomingHttpHeaders = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(statusLine.split(' ')[1]);
  return answerOf(status, headers, [Buffer.from(text.slice(split + 4))]);
}

/** What a WebSocket upgrade came to: an open socket, or the HTTP answer that refused it. */
export type SocketOutcome = { open: WebSocket } | { refused: RawAnswer } | { failed: string };

/** Opens a WebSocket to `path` (e.g. `/<processId>/<roomId>?sessionId=…`) from `from`. */
export function openSocket(base: string, path: string, from: string): Promise<SocketOutcome> {
  const url = new URL(path, base.replace(/^http/, 'ws'));
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { localAddress: from });
    ws.once('open', () => resolve({ open: ws }));
    ws.once('unexpected-response', (_req, res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ refused: answerOf(res.statusCode ?? 0, res.headers, chunks) }));
    });
    ws.once('error', (error) => resolve({ failed: error.message }));
  });
}

/** Closes a socket and resolves once it is closed. */
export function closeSocket(ws: WebSocket): Promise<void> {
  if (ws.readyState === WebSocket.CLOSED) return Promise.resolve();
  return new Promise((resolve) => {
    ws.once('close', () => resolve());
    ws.close();
  });
}

/** The resident set of a process now (VmRSS), in bytes. */
export function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1]) * 1024;
}
