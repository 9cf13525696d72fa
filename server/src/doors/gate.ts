import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { nanoid } from 'nanoid';
import type { Logger } from 'pino';
import { log } from '../log.ts';
import { type AddressOf, addressOf } from './address.ts';
import { cutAfterAnswer, parseJson, readBody } from './body.ts';
import { type Door, describeBytes, type Limits } from './limits.ts';
import { checkMatchmaking, type FindByCode } from './matchmaking.ts';
import type { RateLimits, Refusal } from './rate-limits.ts';

/** The largest body of any /api route but the import (annotations and the like). */
export const API_BODY_BYTES = 16 * 1024;

type RequestListener = (req: IncomingMessage, res: ServerResponse) => void;
type UpgradeListener = (req: IncomingMessage, socket: Duplex, head: Buffer) => void;

const requestLogs = new WeakMap<IncomingMessage, Logger>();

/** Request ids: this process's prefix and a counter, unique enough to find a request's lines. */
const ID_PREFIX = nanoid(6);
let requestCount = 0;
function nextRequestId(): string {
  requestCount += 1;
  return `${ID_PREFIX}-${requestCount.toString(36)}`;
}

/** The log of one HTTP request (its `reqId`), for the routes behind the gate. */
export function requestLog(req: IncomingMessage): Logger {
  return requestLogs.get(req) ?? log;
}

/**
 * Puts the gate in front of everything the HTTP server answers, Colyseus's
 * matchmaking routes included: call it once Colyseus has bound its routes
 * (after `listen`). It takes over the server's `request` and `upgrade`
 * listeners and calls them only for what it lets through:
 *
 * - every request gets an id (`X-Request-Id`, `reqId` in the log) and is
 *   counted at its doors, per address (`RateLimits`): all of them at `http`,
 *   join-code look-ups, matchmaking, match creation, imports and notification
 *   opt-ins at their own;
 * - a body larger than its route takes is refused before it is read (by its
 *   Content-Length) or as soon as it passes the limit; bodies outside /api
 *   (matchmaking) are read here, as JSON, and handed on as `req.body`;
 * - a WebSocket upgrade is counted at `connect`, and refused while its
 *   address already has `connectionsPerAddress` open here.
 *
 * Each refusal is a JSON `{error}` naming the limit and its value, logged
 * once per address and limit and window, without a stack trace.
 */
export function guardDoors(
  http: Server,
  limits: Limits,
  rates: RateLimits,
  findByCode: FindByCode = async () => null,
): void {
  const addressFor = addressOf(limits.trustProxy);
  const onRequest = http.listeners('request') as RequestListener[];
  const onUpgrade = http.listeners('upgrade') as UpgradeListener[];
  http.removeAllListeners('request');
  http.removeAllListeners('upgrade');
  const open = new Map<string, number>();
  /** Addresses refused for too many open connections, logged once until they drop below it. */
  const full = new Set<string>();

  http.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const reqId = nextRequestId();
    const reqLog = log.child({ reqId });
    requestLogs.set(req, reqLog);
    res.setHeader('X-Request-Id', reqId);
    admitRequest(req, res, reqLog, addressFor, rates, limits, findByCode).then(
      (admitted) => {
        if (admitted) for (const listener of onRequest) listener.call(http, req, res);
      },
      (error: unknown) => {
        reqLog.error({ err: error }, 'the gate failed');
        if (!res.headersSent)
          answer(res, { status: 500, error: 'The server failed; see its log.' });
      },
    );
  });

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    const address = addressFor(req);
    rates.take('connect', address).then((refusal) => {
      if (socket.destroyed) return;
      const count = open.get(address) ?? 0;
      const tooMany: Refusal | null =
        count >= limits.connectionsPerAddress
          ? {
              status: 429,
              error: `Too many connections open from your address: at most ${limits.connectionsPerAddress} at once.`,
              limit: 'connectionsPerAddress',
              first: !full.has(address),
            }
          : null;
      if (tooMany) full.add(address);
      const refused = refusal ?? tooMany;
      if (refused) {
        logRefusal(log, address, refused);
        return refuseUpgrade(socket, refused);
      }
      open.set(address, count + 1);
      socket.once('close', () => {
        const left = (open.get(address) ?? 1) - 1;
        if (left > 0) open.set(address, left);
        else open.delete(address);
        if (left < limits.connectionsPerAddress) full.delete(address);
      });
      for (const listener of onUpgrade) listener.call(http, req, socket, head);
    });
  });
}

/** The doors a request passes, by its method and path, after `http`. */
function doorsOf(method: string, path: string): Door[] {
  const doors: Door[] = ['http'];
  if (method === 'GET' && path.startsWith('/api/join/')) doors.push('joinLookup');
  if (method === 'POST' && path === '/api/matches/import') doors.push('import');
  if (method === 'POST' && path.startsWith('/api/notifications')) doors.push('notify');
  if (method === 'POST' && (path === '/api/matches' || path === '/api/matches/'))
    doors.push('create');
  const matchmake = /^\/matchmake\/(\w+)\//.exec(path);
  if (method === 'POST' && matchmake) {
    doors.push('matchmake');
    if (matchmake[1] === 'create' || matchmake[1] === 'joinorcreate') doors.push('create');
  }
  return doors;
}

/** The path as the routers may read it: decoded, lower case (Express matches either case), single slashes. */
function normalisedPath(url: string | undefined): string {
  const raw = (url ?? '/').split('?')[0]!;
  let path = raw;
  try {
    path = decodeURIComponent(raw);
  } catch {
    // A malformed escape: the routers see it as written.
  }
  return path.toLowerCase().replace(/\/{2,}/g, '/');
}

async function admitRequest(
  req: IncomingMessage,
  res: ServerResponse,
  reqLog: Logger,
  addressFor: AddressOf,
  rates: RateLimits,
  limits: Limits,
  findByCode: FindByCode,
): Promise<boolean> {
  const method = req.method ?? 'GET';
  const path = normalisedPath(req.url);
  const address = addressFor(req);
  for (const door of doorsOf(method, path)) {
    const refusal = await rates.take(door, address);
    if (refusal) {
      logRefusal(reqLog, address, refusal);
      // Without a body the connection stays usable; with one, unread, it is cut.
      answer(res, refusal, hasBody(req));
      return false;
    }
  }

  const api = path.startsWith('/api/');
  const maxBody = !api
    ? limits.matchmakeBodyBytes
    : method === 'POST' && path === '/api/matches/import'
      ? limits.importBytes
      : API_BODY_BYTES;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > maxBody) {
    reqLog.debug({ address, declared, maxBody }, 'refused: body too large');
    answer(res, tooLarge(api ? 'this request' : 'a matchmaking request', maxBody), true);
    return false;
  }
  // The API's routes read their own bodies, each with its limit; the rest
  // (Colyseus's matchmaking) is read here, where the limit is known.
  if (api) return true;
  if (!hasBody(req)) {
    const refused =
      method === 'POST' ? await checkMatchmaking(req.url, undefined, findByCode) : null;
    if (refused) answer(res, refused);
    return refused === null;
  }
  const read = await readBody(req, maxBody, 'a matchmaking request');
  if (!read.ok) {
    if (read.status === 0) res.destroy();
    else answer(res, read, true);
    return false;
  }
  const json = parseJson(read.bytes);
  if (!json.ok) {
    answer(res, { status: 400, error: json.error });
    return false;
  }
  if (json.value !== undefined) (req as IncomingMessage & { body?: unknown }).body = json.value;
  const refused =
    method === 'POST' ? await checkMatchmaking(req.url, json.value, findByCode) : null;
  if (refused) {
    reqLog.debug({ address, path }, 'refused: matchmaking without the join code');
    answer(res, refused);
    return false;
  }
  return true;
}

function hasBody(req: IncomingMessage): boolean {
  return (
    req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0
  );
}

function tooLarge(what: string, maxBytes: number): { status: number; error: string } {
  return {
    status: 413,
    error: `The request is too large: ${what} may be at most ${describeBytes(maxBytes)}.`,
  };
}

/** One line per address, limit and window (its first refusal), so a flood does not flood the log. */
function logRefusal(reqLog: Logger, address: string, refusal: Refusal): void {
  if (refusal.first) reqLog.info({ address, limit: refusal.limit }, 'refused: limit reached');
}

/**
 * Answers a refused request. `close`: the body was not read (or not all of
 * it), so the connection is cut after the answer (`cutAfterAnswer`).
 */
function answer(
  res: ServerResponse,
  refusal: { status: number; error: string; retryAfterSeconds?: number },
  close = false,
): void {
  const body = JSON.stringify({ error: refusal.error });
  const headers: Record<string, string | number> = {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
  };
  if (refusal.retryAfterSeconds !== undefined) headers['Retry-After'] = refusal.retryAfterSeconds;
  res.writeHead(refusal.status, headers);
  res.end(body);
  if (close) cutAfterAnswer(res);
}

function refuseUpgrade(socket: Duplex, refusal: Refusal): void {
  const body = JSON.stringify({ error: refusal.error });
  const head = [
    `HTTP/1.1 ${refusal.status} Too Many Requests`,
    'Content-Type: application/json; charset=utf-8',
    `Content-Length: ${Buffer.byteLength(body)}`,
    ...(refusal.retryAfterSeconds === undefined
      ? []
      : [`Retry-After: ${refusal.retryAfterSeconds}`]),
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`);
}
