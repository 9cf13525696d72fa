import { Client, type Room } from '@colyseus/sdk';
import {
  type AckMessage,
  applyViewPatch,
  type CreatedMatch,
  type CreateMatchOptions,
  type ErrorMessage,
  nextRandomCommand,
  type Scenario,
  type SeatView,
  stateOfView,
  type TimerMessage,
  type ViewPatch,
} from '@entanglement/shared';
import { createMatch } from '../../src/rooms/test-clients.ts';

/** The round and phase as one key: `3:diplomacy`. */
export function phaseKey(round: number, phase: string): string {
  return `${round}:${phase}`;
}

/**
 * Commands refused for a reason a racing client expects: the phase moved on
 * (stale), or the match ended (wrongStage), while the command was on its way,
 * or another seat's command changed what is legal (illegal).
 */
const EXPECTED_REFUSALS = new Set<ErrorMessage['code']>(['stale', 'wrongStage', 'illegal']);

export interface ClientStats {
  /** Milliseconds from `send` to the `ack`, one per acknowledged command. */
  ackMs: number[];
  /** performance.now() at which each of `ackMs` was sent, in the same order. */
  ackSentAt: number[];
  sent: number;
  acked: number;
  refused: Map<string, number>;
  /** Errors nobody should get here (bad token, internal, …), with their reasons. */
  errors: string[];
}

export interface Think {
  minMs: number;
  maxMs: number;
}

/**
 * One SDK client of the benchmark: a person in a match. A player plays its
 * seat as a client would: it rebuilds the match from its own seat's view
 * (`stateOfView`), picks the random-legal policy's next command
 * (`nextRandomCommand`) after a think time, sends it with the seat token and
 * waits for its `ack` or `error` (and the view that includes it) before the
 * next one, until it has sent `done` for the phase. A watcher (a team mate
 * of a seat someone else plays) only receives. Every client notes when it
 * first saw each phase's `view` and `timer` (wall clock, as the server's log
 * stamps commands).
 */
export class SeatClient {
  room!: Room;
  seat: string | null = null;
  private token = '';
  /** Plays its seat (one client per seat does). */
  private playing = false;
  private latest: SeatView | null = null;
  /** The step of the last ack: the next command waits for a view at least this recent. */
  private waitStep = 0;
  private inFlight: { ref: string; sentAt: number; sentWall: number } | null = null;
  private thinking: NodeJS.Timeout | null = null;
  private seq = 0;
  private readonly rng: { rng: number };
  /** Wall-clock ms (Date.now()) of the first `view` and the first `timer` of each phase. */
  readonly firstView = new Map<string, number>();
  readonly firstTimer = new Map<string, number>();
  /** Phase keys in the order this client first saw them. */
  readonly phases: string[] = [];
  /** Each acknowledged command: wall-clock send and receipt (Date.now()) and the step it made. */
  readonly acks: { sent: number; received: number; step: number }[] = [];
  /** Phase keys in which this client sent its seat's `done`. */
  readonly sentDone = new Set<string>();
  ended = false;
  closed = false;
  closeCode: number | null = null;
  private readonly waiters = new Set<() => void>();
  private readonly received = new Map<string, unknown>();

  private readonly scenario: Scenario;
  private readonly think: Think;
  private readonly stats: ClientStats;

  constructor(scenario: Scenario, think: Think, stats: ClientStats, seed: number) {
    this.scenario = scenario;
    this.think = think;
    this.stats = stats;
    this.rng = { rng: seed >>> 0 };
  }

  /** Creates the match (`POST /api/matches`) and connects as its host; its room id, code and host token. */
  async create(base: string, options: CreateMatchOptions): Promise<CreatedMatch> {
    const created = await createMatch(base, options);
    this.attach(
      await new Client(base).joinById(created.roomId, {
        nickname: options.nickname,
        code: created.code,
        hostToken: created.hostToken,
      }),
    );
    return created;
  }

  async join(base: string, roomId: string, code: string, nickname: string): Promise<void> {
    this.attach(await new Client(base).joinById(roomId, { nickname, code }));
  }

  /** Resolves with the first message of `type` (kept from the start), or rejects after `timeoutMs`. */
  once<T>(type: string, timeoutMs = 30_000): Promise<T> {
    const hit = this.received.get(type);
    if (hit !== undefined) return Promise.resolve(hit as T);
    return new Promise((resolve, reject) => {
      const check = () => {
        const got = this.received.get(type);
        if (got === undefined) return;
        clearTimeout(timer);
        this.waiters.delete(check);
        resolve(got as T);
      };
      const timer = setTimeout(() => {
        this.waiters.delete(check);
        reject(new Error(`no "${type}" within ${timeoutMs} ms`));
      }, timeoutMs);
      this.waiters.add(check);
    });
  }

  /** Claims `seat`; `play` makes this client the one that plays it. */
  async claim(seat: string, play: boolean): Promise<void> {
    this.room.send('claimSeat', { seat });
    const given = await this.once<{ seat: string; token: string }>('seatToken');
    this.seat = given.seat;
    this.token = given.token;
    this.playing = play;
  }

  send(type: string, message: unknown): void {
    this.room.send(type, message);
  }

  async leave(): Promise<void> {
    if (this.thinking) clearTimeout(this.thinking);
    this.thinking = null;
    if (this.closed || !this.room?.connection.isOpen) return; // no room: its create or join failed
    const timeout = new Promise<void>((resolve) => setTimeout(resolve, 2000).unref());
    await Promise.race([
      this.room.leave().then(
        () => undefined,
        () => undefined,
      ),
      timeout,
    ]);
  }

  private attach(room: Room): void {
    this.room = room;
    room.onLeave((code: number) => {
      this.closed = true;
      this.closeCode = code;
      if (this.thinking) clearTimeout(this.thinking);
      this.thinking = null;
    });
    room.onMessage('*', (type, payload) => this.onMessage(String(type), payload));
  }

  private onMessage(type: string, payload: unknown): void {
    if (!this.received.has(type)) {
      this.received.set(type, payload);
      for (const waiter of [...this.waiters]) waiter();
    }
    switch (type) {
      case 'view':
        this.onView(payload as SeatView);
        return;
      case 'viewPatch':
        if (this.latest) this.onView(applyViewPatch(this.latest, payload as ViewPatch));
        return;
      case 'timer': {
        const t = payload as TimerMessage;
        const key = phaseKey(t.round, t.phase);
        if (!this.firstTimer.has(key)) this.firstTimer.set(key, Date.now());
        return;
      }
      case 'ack':
        this.onAck(payload as AckMessage);
        return;
      case 'error':
        this.onError(payload as ErrorMessage);
        return;
    }
  }

  private onView(view: SeatView): void {
    const key = phaseKey(view.round, view.phase);
    if (!this.firstView.has(key)) {
      this.firstView.set(key, Date.now());
      this.phases.push(key);
    }
    this.latest = view;
    if (view.phase === 'ended') this.ended = true;
    this.next();
  }

  private onAck(ack: AckMessage): void {
    if (!this.inFlight || ack.ref !== this.inFlight.ref) return;
    this.stats.ackMs.push(performance.now() - this.inFlight.sentAt);
    this.stats.ackSentAt.push(this.inFlight.sentAt);
    this.acks.push({ sent: this.inFlight.sentWall, received: Date.now(), step: ack.step });
    this.stats.acked++;
    this.inFlight = null;
    this.waitStep = ack.step;
    this.next();
  }

  private onError(error: ErrorMessage): void {
    const mine = this.inFlight !== null && error.ref === this.inFlight.ref;
    if (mine && EXPECTED_REFUSALS.has(error.code)) {
      this.stats.refused.set(error.code, (this.stats.refused.get(error.code) ?? 0) + 1);
    } else {
      this.stats.errors.push(`${error.type}: ${error.code}: ${error.reason}`);
    }
    if (mine) {
      this.inFlight = null;
      this.next();
    }
  }

  /** Thinks, then sends the next command, if this client plays and owes one now. */
  private next(): void {
    if (!this.owesCommand() || this.thinking) return;
    const { minMs, maxMs } = this.think;
    const delay = minMs + Math.random() * (maxMs - minMs);
    this.thinking = setTimeout(() => {
      this.thinking = null;
      if (!this.owesCommand()) return;
      const view = this.latest!;
      const command = nextRandomCommand(this.scenario, stateOfView(view), this.seat!, this.rng);
      const ref = String(++this.seq);
      this.stats.sent++;
      if (command.kind === 'done' && command.done)
        this.sentDone.add(phaseKey(view.round, view.phase));
      this.inFlight = { ref, sentAt: performance.now(), sentWall: Date.now() };
      this.room.send('command', { token: this.token, ref, command });
    }, delay);
  }

  private owesCommand(): boolean {
    const view = this.latest;
    if (!this.playing || this.closed || this.inFlight || !view || this.seat === null) return false;
    if (view.phase === 'ended' || view.step < this.waitStep) return false;
    return view.drafts[this.seat]?.done === false;
  }
}
