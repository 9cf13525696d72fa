import { Client, type Room } from '@colyseus/sdk';
import {
  type AckMessage,
  applyViewPatch,
  type CreatedMatch,
  type ErrorMessage,
  nextRandomCommand,
  type Scenario,
  type SeatCommand,
  type SeatView,
  type ServerMessages,
  type ServerMessageType,
  stateOfView,
  type ViewPatch,
} from '@entanglement/shared';

/**
 * The longest a test waits for a message or a state before it fails, saying
 * what it saw instead. Tests wait for events, never for a fixed time: a
 * passing test waits only as long as the event takes, so this only has to
 * be longer than anything a loaded machine needs (a 5 s wait for a view once
 * failed a whole CI run). The test's own timeout (vitest.config.ts) is longer.
 */
const EVENT_WAIT_MS = 45_000;

interface Received {
  type: string;
  payload: unknown;
}

/**
 * Everything one SDK client decoded, in order, so tests can inspect what a
 * client actually received and wait for a message with a timeout. A
 * `viewPatch` is kept as received and followed by the whole `view` it
 * makes, as the browser client builds it.
 */
export class Inbox {
  readonly received: Received[] = [];
  /**
   * The connection's drops, reconnections and leave, kept apart from the
   * messages: a wait that fails names them, and a command sent just before a
   * drop (whose answer the dropped socket took with it) is known as lost.
   */
  readonly connection: string[] = [];
  private reconnects = 0;
  private readonly listeners = new Set<() => void>();
  private view: SeatView | null = null;

  readonly room: Room;

  constructor(room: Room) {
    this.room = room;
    room.onMessage('*', (type, payload) => {
      this.received.push({ type: String(type), payload });
      if (type === 'view') this.view = payload as SeatView;
      if (type === 'viewPatch') {
        if (!this.view) throw new Error('A viewPatch came before any view');
        this.view = applyViewPatch(this.view, payload as ViewPatch);
        this.received.push({ type: 'view', payload: this.view });
      }
      for (const listener of [...this.listeners]) listener();
    });
    const note = (event: string) => {
      this.connection.push(`${event} at ${new Date().toISOString()}`);
      for (const listener of [...this.listeners]) listener();
    };
    room.onDrop((code, reason) => note(`drop ${code}${reason ? ` (${reason})` : ''}`));
    room.onReconnect(() => {
      this.reconnects++;
      note('reconnect');
    });
    room.onLeave((code) => note(`leave ${code}`));
  }

  /** How many times the SDK reconnected this client after a drop. */
  reconnections(): number {
    return this.reconnects;
  }

  /** What happened to the connection, for a failure's message ("" when nothing did). */
  connectionNote(): string {
    return this.connection.length ? `; connection: ${this.connection.join(', ')}` : '';
  }

  /** Leaves the room if still connected; never waits more than a second. */
  async leave(): Promise<void> {
    if (!this.room.connection.isOpen) return;
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 1000).unref());
    await Promise.race([
      this.room.leave().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ]);
  }

  /** The index of the next message: pass it as `since` to wait only for later ones. */
  mark(): number {
    return this.received.length;
  }

  all<K extends ServerMessageType>(type: K): ServerMessages[K][] {
    return this.received.filter((m) => m.type === type).map((m) => m.payload as ServerMessages[K]);
  }

  /** The first message of `type` at or after `since` that satisfies `test`. */
  waitFor<K extends ServerMessageType>(
    type: K,
    test: (payload: ServerMessages[K]) => boolean = () => true,
    since = 0,
    timeoutMs = EVENT_WAIT_MS,
  ): Promise<ServerMessages[K]> {
    const find = () => {
      for (let i = since; i < this.received.length; i++) {
        const m = this.received[i]!;
        if (m.type === type && test(m.payload as ServerMessages[K]))
          return m.payload as ServerMessages[K];
      }
      return undefined;
    };
    const hit = find();
    if (hit !== undefined) return Promise.resolve(hit);
    return new Promise((resolve, reject) => {
      const listener = () => {
        const found = find();
        if (found === undefined) return;
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(found);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(listener);
        // An error says why in its payload: show it, so a failure names its cause.
        const seen = this.received
          .slice(since)
          .map((m) => (m.type === 'error' ? `error ${JSON.stringify(m.payload)}` : m.type));
        reject(
          new Error(
            `No "${type}" message within ${timeoutMs} ms; received: ${seen.join(', ')}${this.connectionNote()}`,
          ),
        );
      }, timeoutMs);
      this.listeners.add(listener);
    });
  }
}

// ---- SDK clients that play a seat (full-match, concurrent-matches and hidden-info tests) ----

/** Creates a match with `POST /api/matches`: its room id, join code and host token (or the refusal thrown). */
export async function createMatch(
  base: string,
  options: Record<string, unknown>,
): Promise<CreatedMatch> {
  const res = await fetch(`${base}/api/matches`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(options),
  });
  const body = (await res.json()) as CreatedMatch & { error?: string };
  if (res.status !== 201) throw new Error(body.error ?? `POST /api/matches answered ${res.status}`);
  return body;
}

/** Creates a match on the server at `base` and connects as its host: the inbox, room id, code and host token. */
export async function createMatchClient(base: string, options: Record<string, unknown>) {
  const created = await createMatch(base, options);
  const inbox = new Inbox(
    await new Client(base).joinById(created.roomId, {
      nickname: options.nickname,
      code: created.code,
      hostToken: created.hostToken,
    }),
  );
  await inbox.waitFor('welcome');
  hostTokens.set(inbox, created.hostToken);
  codes.set(created.roomId, created.code);
  return { inbox, ...created };
}

/** A match as a joiner knows it: its room id and the join code that opens it. */
export interface MatchDoor {
  roomId: string;
  code: string;
}

/** Joins the match as `nickname` with its join code (a room id alone: one this test created, `codeOf`). */
export async function joinMatchClient(base: string, match: MatchDoor | string, nickname: string) {
  const door = typeof match === 'string' ? { roomId: match, code: codeOf(match) } : match;
  const inbox = new Inbox(
    await new Client(base).joinById(door.roomId, { nickname, code: door.code }),
  );
  await inbox.waitFor('welcome');
  return inbox;
}

/** Claims `seat` for the inbox's client; resolves with the seat token. */
export async function claimSeat(inbox: Inbox, seat: string): Promise<string> {
  const since = inbox.mark();
  inbox.room.send('claimSeat', { seat });
  return (await inbox.waitFor('seatToken', (t) => t.seat === seat, since)).token;
}

/**
 * Polls the inbox from `since` until `match` returns something for a
 * message (no listener is left behind when it times out).
 */
export async function nextMatching<T>(
  inbox: Inbox,
  since: number,
  match: (type: string, payload: unknown) => T | undefined,
  timeoutMs = EVENT_WAIT_MS,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let cursor = since;
  for (;;) {
    for (; cursor < inbox.received.length; cursor++) {
      const m = inbox.received[cursor]!;
      const hit = match(m.type, m.payload);
      if (hit !== undefined) return hit;
    }
    if (Date.now() > deadline) {
      const seen = inbox.received.slice(since).map((m) => m.type);
      throw new Error(
        `Nothing matched within ${timeoutMs} ms; received: ${seen.join(', ')}${inbox.connectionNote()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/**
 * Colyseus closes a client past 20 messages a second, counted as the server
 * reads them: after a stall of the server's loop the frames a client sent
 * over two seconds arrive in one (CI: "leave 4002" in passes.test.ts), so a
 * test client sends at most 10 a second.
 */
const SEND_GAP_MS = 100;
const lastSend = new WeakMap<Inbox, number>();

/** Sends a message no sooner than SEND_GAP_MS after the client's previous one. */
export async function pacedSend(inbox: Inbox, type: string, payload: unknown): Promise<void> {
  const wait = (lastSend.get(inbox) ?? 0) + SEND_GAP_MS - Date.now();
  if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
  lastSend.set(inbox, Date.now());
  inbox.room.send(type, payload);
}

export interface CommandOutcome {
  ref: string;
  command: SeatCommand;
  ack: AckMessage | null;
  error: ErrorMessage | null;
  /** The connection dropped and came back before any answer: the command may or may not be in the log. */
  lost?: true;
}

/** Sends a seat command with `token` and resolves with its ack or error (matched by `ref`). */
export async function sendCommand(
  inbox: Inbox,
  token: string,
  command: SeatCommand,
  ref: string,
): Promise<CommandOutcome> {
  const since = inbox.mark();
  const reconnectsBefore = inbox.reconnections();
  await pacedSend(inbox, 'command', { token, ref, command });
  return nextMatching(inbox, since, (type, payload) => {
    // A reconnection's first message is the fresh view: an answer not seen by then was lost with the socket.
    if (inbox.reconnections() > reconnectsBefore && type === 'view')
      return { ref, command, ack: null, error: null, lost: true as const };
    const p = payload as { ref?: string | null };
    if (p.ref !== ref) return undefined;
    if (type === 'ack') return { ref, command, ack: payload as AckMessage, error: null };
    if (type === 'error') return { ref, command, ack: null, error: payload as ErrorMessage };
    return undefined;
  });
}

/** A seat played by an SDK client from the views it receives. */
export interface SeatPlayer {
  inbox: Inbox;
  seat: string;
  token: string;
  /** The client's own generator for the random-legal policy. */
  rng: { rng: number };
  /** Every command it sent, with the server's answer. */
  sent: CommandOutcome[];
}

export function seatPlayer(inbox: Inbox, seat: string, token: string, seed: number): SeatPlayer {
  return { inbox, seat, token, rng: { rng: seed }, sent: [] };
}

/** The last view the client received, if any. */
export function lastView(inbox: Inbox): SeatView | undefined {
  for (let i = inbox.received.length - 1; i >= 0; i--)
    if (inbox.received[i]!.type === 'view') return inbox.received[i]!.payload as SeatView;
  return undefined;
}

function matchOver(inbox: Inbox): boolean {
  return inbox.received.some(
    (m) => m.type === 'lobby' && (m.payload as ServerMessages['lobby']).stage === 'ended',
  );
}

/** Waits for a view later than `step`, or for the lobby to say the match ended. */
async function nextUpdate(inbox: Inbox, step: number, timeoutMs: number): Promise<void> {
  await nextMatching(
    inbox,
    0,
    (type, payload) => {
      if (type === 'view' && (payload as SeatView).step > step) return true;
      if (type === 'lobby' && (payload as ServerMessages['lobby']).stage === 'ended') return true;
      return undefined;
    },
    timeoutMs,
  );
}

/**
 * Plays the player's seat as a person would, from its own views only: the
 * engine's random-legal policy on `stateOfView(view)` picks each command,
 * which is sent with the seat token; after each answer it waits for the view
 * that follows. Once its seat is done it waits for the next phase. Returns
 * when the match ends (view phase 'ended' or lobby stage 'ended') or when
 * `stop(view)` holds. At most `perPhase` commands a phase, then "done".
 */
export async function playSeat(
  scenario: Scenario,
  player: SeatPlayer,
  options: { stop?: (view: SeatView) => boolean; perPhase?: number; timeoutMs?: number } = {},
): Promise<void> {
  const { inbox, seat, token } = player;
  const perPhase = options.perPhase ?? 24;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  let phaseKey = '';
  let inPhase = 0;
  for (;;) {
    const left = deadline - Date.now();
    if (left <= 0) throw new Error(`${seat}: the match did not end in time`);
    const view = lastView(inbox);
    if (!view) {
      await nextUpdate(inbox, -1, left);
      continue;
    }
    if (view.phase === 'ended' || matchOver(inbox) || options.stop?.(view)) return;
    const key = `${view.round}:${view.phase}`;
    if (key !== phaseKey) {
      phaseKey = key;
      inPhase = 0;
    }
    if (view.drafts[seat]?.done) {
      await nextUpdate(inbox, view.step, left).catch((error: unknown) => {
        const waiting = Object.keys(view.drafts).filter((s) => !view.drafts[s]!.done);
        throw new Error(
          `${seat} waited in round ${view.round}, ${view.phase} (step ${view.step}) for: ${waiting.join(', ')}; ${String(error)}`,
        );
      });
      continue;
    }
    const command: SeatCommand =
      inPhase >= perPhase
        ? { kind: 'done', seat, round: view.round, phase: view.phase, done: true }
        : nextRandomCommand(scenario, stateOfView(view), seat, player.rng);
    inPhase++;
    const outcome = await sendCommand(inbox, token, command, `${seat}-${player.sent.length}`);
    player.sent.push(outcome);
    if (outcome.lost) continue;
    if (outcome.ack) await nextUpdate(inbox, outcome.ack.step - 1, left);
    else if (outcome.error?.code === 'stale') await nextUpdate(inbox, view.step, left);
    else if (outcome.error?.code !== 'illegal')
      throw new Error(`${seat}: ${command.kind} refused: ${JSON.stringify(outcome.error)}`);
  }
}

/** Polls `read` until `test` holds or 10 s pass (the archive is written after the last update is sent). */
export async function eventually<T>(
  read: () => Promise<T>,
  test: (value: T) => boolean,
): Promise<T> {
  const deadline = Date.now() + EVENT_WAIT_MS;
  for (;;) {
    const value = await read();
    if (test(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

// ---- the host's and joiners' credentials in tests that drive the SDK directly ----

const hostTokens = new WeakMap<Inbox, string>();
const codes = new Map<string, string>();

function baseOf(sdk: Client | string): string {
  if (typeof sdk === 'string') return sdk;
  const endpoint = (
    sdk as unknown as { getHttpEndpoint(segments: string): string }
  ).getHttpEndpoint('');
  return endpoint.replace(/\/+$/, '');
}

/**
 * Creates a match (`POST /api/matches`) and connects as its host, as the
 * browser does: the host's inbox (its token: `hostTokenOf`; the match's
 * code: `codeOf`).
 */
export async function hostInbox(sdk: Client | string, options: Record<string, unknown>) {
  return (await createMatchClient(baseOf(sdk), options)).inbox;
}

/** The host token `POST /api/matches` answered for the match this inbox created. */
export function hostTokenOf(inbox: Inbox): string {
  const token = hostTokens.get(inbox);
  if (!token) throw new Error('This inbox did not create its match.');
  return token;
}

/** The join code of a match this test process created. */
export function codeOf(roomId: string): string {
  const code = codes.get(roomId);
  if (!code) throw new Error(`No match ${roomId} was created by this test.`);
  return code;
}
