import { Client, type Room } from '@colyseus/sdk';
import {
  type AckMessage,
  applyViewPatch,
  type ChatChannel,
  type ChatMessage,
  type CreateMatchOptions,
  type ErrorMessage,
  type HostMessage,
  type LobbyMessage,
  REMOVED_BY_HOST,
  type ReflectionPrompt,
  type SeatIntent,
  type SeatRequest,
  type SeatView,
  type ServerMessages,
  type TimerMessage,
} from '@entanglement/shared';
import {
  keepForRematch,
  loadCredentials,
  loadReconnection,
  type MatchCredentials,
  saveCredentials,
  saveReconnection,
} from './credentials.ts';
import { serverEndpoint } from './endpoint.ts';
import { createMatch, findMatchByCode } from './join.ts';

type ConnectionStatus = 'connecting' | 'open' | 'reconnecting' | 'closed';

/** Everything the screens render, replaced (never mutated) on every change. */
export interface MatchSnapshot {
  status: ConnectionStatus;
  /** Why the connection is closed for good, in words for the player. */
  closedReason: string | null;
  roomId: string;
  sessionId: string;
  nickname: string;
  code: string;
  seat: string | null;
  isHost: boolean;
  lobby: LobbyMessage | null;
  view: SeatView | null;
  /** The last timer message and when it arrived (performance.now()), to count down locally. */
  timer: (TimerMessage & { receivedAt: number }) | null;
  chat: readonly ChatMessage[];
  /** The last refused message (shown once by the screen that sent it). */
  lastError: ErrorMessage | null;
  /** Reflection questions to this seat still open (answered or dismissed ones are gone). */
  prompts: readonly ReflectionPrompt[];
  /**
   * Something the server told this person about their place that the screen
   * shows until dismissed: their seat was handed to a bot, taken away, or
   * their seat request was answered.
   */
  notice: string | null;
  /** The seat this spectator asked the host for, while the host has not answered. */
  requested: string | null;
  /** For the host: spectators' open seat requests, oldest first. */
  seatRequests: readonly SeatRequest[];
  /** The rematch the host started once this match was over (this browser holds its credentials now). */
  rematch: { roomId: string; code: string } | null;
}

/** A refused command or host action: the server's code and plain-language reason. */
export class RefusedError extends Error {
  readonly refusal: ErrorMessage;
  constructor(refusal: ErrorMessage) {
    super(refusal.reason);
    this.refusal = refusal;
  }
}

type HostPayload = HostMessage extends infer M
  ? M extends HostMessage
    ? Omit<M, 'token'>
    : never
  : never;
/** A seat command as a panel composes it: the connection adds the seat, round and phase. */
export type Intent = SeatIntent extends infer C
  ? C extends SeatIntent
    ? Omit<C, 'seat'>
    : never
  : never;

/** Past this many tries after a lost connection (about two minutes) the banner offers a button. */
const MAX_RESUME_TRIES = 40;
const CHAT_KEEP = 300;

/** Chat lines in the match's order, each once (history may repeat lines already here), the newest CHAT_KEEP. */
export function mergeChat(
  have: readonly ChatMessage[],
  more: readonly ChatMessage[],
): readonly ChatMessage[] {
  const bySeq = new Map<number, ChatMessage>();
  for (const m of [...have, ...more]) if (!bySeq.has(m.seq)) bySeq.set(m.seq, m);
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq).slice(-CHAT_KEEP);
}

/**
 * One browser's connection to one match: joins or creates the room, keeps
 * the credentials that bring the player back after a reload or a lost
 * connection, and turns server messages into snapshots for the screens.
 * It decides nothing about the rules: commands go to the server as composed.
 */
export class MatchConnection {
  private readonly client = new Client(serverEndpoint());
  private room: Room | null = null;
  private snapshot: MatchSnapshot;
  private readonly listeners = new Set<(s: MatchSnapshot) => void>();
  private readonly pending = new Map<
    string,
    { resolve: (ack: AckMessage) => void; reject: (e: Error) => void }
  >();
  private nextRef = 1;
  private resumeTries = 0;
  private leaving = false;

  /** A spectator connection (the projector) never binds a seat, even in a browser that holds one. */
  private readonly spectator: boolean;

  private constructor(roomId: string, nickname: string, spectator = false) {
    this.spectator = spectator;
    const saved = spectator ? null : loadCredentials(roomId);
    this.snapshot = {
      status: 'connecting',
      closedReason: null,
      roomId,
      sessionId: '',
      nickname,
      code: '',
      seat: saved?.seat ?? null,
      isHost: Boolean(saved?.hostToken),
      lobby: null,
      view: null,
      timer: null,
      chat: [],
      lastError: null,
      prompts: [],
      notice: null,
      requested: null,
      seatRequests: [],
      rematch: null,
    };
  }

  /**
   * Creates a match (`POST /api/matches`); the creator becomes its host: the
   * host token is the answer to that request, kept in this browser, and shown
   * when it connects.
   */
  static async create(options: CreateMatchOptions): Promise<MatchConnection> {
    const created = await createMatch(options);
    saveCredentials({
      roomId: created.roomId,
      nickname: options.nickname,
      code: created.code,
      hostToken: created.hostToken,
    });
    const connection = new MatchConnection(created.roomId, options.nickname);
    await connection.connect();
    return connection;
  }

  /** Joins a running match by its room id (a person new to it, or back after a reload). */
  static async open(roomId: string, nickname: string, spectator = false): Promise<MatchConnection> {
    const connection = new MatchConnection(roomId, nickname, spectator);
    await connection.connect();
    return connection;
  }

  get current(): MatchSnapshot {
    return this.snapshot;
  }

  subscribe(listener: (s: MatchSnapshot) => void): () => void {
    this.listeners.add(listener);
    listener(this.snapshot);
    return () => this.listeners.delete(listener);
  }

  claimSeat(seat: string | null): void {
    this.room?.send('claimSeat', { seat });
  }

  /** Gives up this person's seat: their pass stops working. */
  leaveSeat(): void {
    this.room?.send('leaveSeat', {});
  }

  /** During play, as a spectator: asks the host for `seat` (null: withdraws the request). */
  requestSeat(seat: string | null): void {
    this.room?.send('requestSeat', { seat });
    this.update({ requested: seat });
  }

  /** Back at a seat the away rule handed to a bot: people play it again (the server checks the pass). */
  takeSeatBack(): void {
    const { seat } = this.snapshot;
    const token = this.credentials()?.seatToken;
    if (seat && token) this.room?.send('takeSeatBack', { seat, token });
  }

  /** The screen showed the notice and the person closed it. */
  dismissNotice(): void {
    this.update({ notice: null });
  }

  setReady(ready: boolean): void {
    this.room?.send('ready', { ready });
  }

  /** Sends a command for this client's seat, stamped with the round and phase it sees. */
  command(intent: Intent): Promise<AckMessage> {
    const { view, seat } = this.snapshot;
    const token = this.credentials()?.seatToken;
    if (!view || !seat || !token)
      return Promise.reject(new Error('You do not hold a seat in this match.'));
    const ref = String(this.nextRef++);
    const command = { ...intent, seat, round: view.round, phase: view.phase };
    return new Promise((resolve, reject) => {
      this.pending.set(ref, { resolve, reject });
      this.room?.send('command', { token, ref, command });
    });
  }

  /** Answers a reflection question of this seat (one line) and closes it here. */
  reflect(prompt: ReflectionPrompt, text: string): void {
    const token = this.credentials()?.seatToken;
    if (!token) return;
    const { round, phase, eventType, crisis } = prompt;
    this.room?.send('reflect', { token, round, phase, eventType, crisis, text });
    this.dismiss(prompt);
  }

  /** Closes a reflection question without answering (answering is optional). */
  dismiss(prompt: ReflectionPrompt): void {
    this.update({ prompts: this.snapshot.prompts.filter((p) => !samePrompt(p, prompt)) });
  }

  host(payload: HostPayload): void {
    const token = this.credentials()?.hostToken;
    if (!token) return;
    this.room?.send('host', { ...payload, token });
  }

  chat(channel: ChatChannel, text: string, to?: string): void {
    const creds = this.credentials();
    const token = creds?.seatToken ?? creds?.hostToken;
    if (!token) return;
    this.room?.send(
      'chat',
      channel === 'private' ? { channel, token, text, to } : { channel, token, text },
    );
  }

  /** Leaves on purpose: no reconnection. */
  async leave(): Promise<void> {
    this.leaving = true;
    await this.room?.leave(true).catch(() => undefined);
  }

  /** Tries again now after the automatic retries gave up. */
  retry(): void {
    this.resumeTries = 0;
    void this.resume();
  }

  /** Tabs of one browser (a player's and the projector's) keep separate sessions. */
  private get resumeKey(): string {
    return this.spectator ? `${this.snapshot.roomId}:projector` : this.snapshot.roomId;
  }

  private credentials(): MatchCredentials | null {
    if (this.spectator) return null;
    return loadCredentials(this.snapshot.roomId);
  }

  private update(patch: Partial<MatchSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...patch };
    for (const listener of [...this.listeners]) listener(this.snapshot);
  }

  /** Joins by room id; binds the seat again if this browser holds its token. */
  private async connect(): Promise<void> {
    const { roomId, nickname } = this.snapshot;
    const saved = this.credentials();
    const resumeToken = loadReconnection(this.resumeKey);
    let room: Room | null = null;
    if (resumeToken) room = await this.client.reconnect(resumeToken).catch(() => null);
    const resumed = room !== null;
    const name = this.spectator ? nickname : saved?.nickname || nickname;
    // The join code opens the match; the projector tab reads it from this browser too.
    const code = loadCredentials(roomId)?.code ?? this.snapshot.code;
    const hostToken = saved?.hostToken;
    room ??= await this.client.joinById(roomId, {
      nickname: name,
      code,
      ...(hostToken ? { hostToken } : {}),
    });
    this.attach(room);
    if (!resumed && !this.spectator && saved?.seat && saved.seatToken)
      room.send('rejoinSeat', { seat: saved.seat, token: saved.seatToken });
  }

  private attach(room: Room): void {
    this.room = room;
    this.resumeTries = 0;
    saveReconnection(this.resumeKey, room.reconnectionToken);
    this.update({ status: 'open', sessionId: room.sessionId, closedReason: null });
    const on = <K extends keyof ServerMessages>(type: K, fn: (m: ServerMessages[K]) => void) =>
      room.onMessage(type, fn as (payload: unknown) => void);

    on('welcome', (m) => {
      if (!this.spectator) saveCredentials({ roomId: room.roomId, code: m.code });
      this.update({ code: m.code, nickname: m.nickname, sessionId: m.sessionId });
    });
    on('seatToken', (m) => {
      if (this.spectator) return;
      saveCredentials({ roomId: room.roomId, seat: m.seat, seatToken: m.token });
      this.update({ seat: m.seat });
    });
    on('seatLost', (m) => {
      if (this.spectator) return;
      // The pass is no longer valid (left, removed from the seat, handed to a bot): forget it.
      saveCredentials({ roomId: room.roomId, seat: undefined, seatToken: undefined });
      this.update({ seat: null, prompts: [], lastError: null, notice: m.reason });
    });
    on('seatRequests', (m) => this.update({ seatRequests: m.requests }));
    on('rematch', (m) => {
      // The rematch opens to the credentials that opened this match: kept for it, so My matches lists it.
      const saved = this.credentials();
      if (saved) keepForRematch(saved, m);
      this.update({ rematch: m });
    });
    on('seatRequestAnswer', (m) => this.update({ requested: null, notice: m.reason }));
    on('lobby', (m) => {
      const mine = m.seats.find((s) => s.people.some((p) => p.id === this.snapshot.sessionId));
      this.update({ lobby: m, seat: mine?.seat ?? this.snapshot.seat });
    });
    on('view', (m) => this.update({ view: m }));
    on('viewPatch', (m) => {
      const view = this.snapshot.view;
      // The server sends a whole view before any patch; one without a base would be a server bug.
      if (view) this.update({ view: applyViewPatch(view, m) });
      else console.error('A view patch came before any view.');
    });
    on('timer', (m) => this.update({ timer: { ...m, receivedAt: performance.now() } }));
    on('chat', (m) => this.update({ chat: mergeChat(this.snapshot.chat, [m]) }));
    on('chatHistory', (m) => this.update({ chat: mergeChat(this.snapshot.chat, m.lines) }));
    on('reflectionPrompt', (m) => {
      if (m.seat !== this.snapshot.seat || this.snapshot.prompts.some((p) => samePrompt(p, m)))
        return;
      this.update({ prompts: [...this.snapshot.prompts, m] });
    });
    on('reflected', (m) =>
      this.update({ prompts: this.snapshot.prompts.filter((p) => !samePrompt(p, m)) }),
    );
    on('ack', (m) => {
      if (m.ref === null) return;
      this.pending.get(m.ref)?.resolve(m);
      this.pending.delete(m.ref);
    });
    on('error', (m) => {
      if (m.type === 'rejoinSeat' && m.code === 'badToken') {
        // The seat's token changed (the host replaced us with a bot or removed a team mate).
        saveCredentials({ roomId: room.roomId, seat: undefined, seatToken: undefined });
        this.update({ seat: null });
      }
      const waiting = m.ref === undefined ? undefined : this.pending.get(m.ref);
      if (waiting && m.ref !== undefined) {
        waiting.reject(new RefusedError(m));
        this.pending.delete(m.ref);
      }
      // A refused request is not open: the screen offers to ask again.
      if (m.type === 'requestSeat') this.update({ requested: null });
      this.update({ lastError: m });
    });

    room.onDrop(() => this.update({ status: 'reconnecting' }));
    room.onReconnect(() => {
      saveReconnection(this.resumeKey, room.reconnectionToken);
      this.update({ status: 'open' });
    });
    room.onLeave((code) => {
      this.room = null;
      for (const waiting of this.pending.values())
        waiting.reject(new Error('The connection closed before the server answered.'));
      this.pending.clear();
      if (this.leaving)
        return this.update({ status: 'closed', closedReason: 'You left the match.' });
      if (code === REMOVED_BY_HOST)
        return this.update({
          status: 'closed',
          closedReason: 'The host removed you from the match.',
        });
      // The server restarted or the drop outlasted the SDK's retries: join again with our tokens.
      saveReconnection(this.resumeKey, null);
      this.update({ status: 'reconnecting' });
      void this.resume();
    });
  }

  /**
   * Whether the match's join code still names this room: while another
   * server process takes over a match whose process died, the room is
   * briefly found nowhere, but its code stays claimed (docs/deploy.md).
   */
  private async codeStillLeadsHere(): Promise<boolean> {
    const { code, roomId } = this.snapshot;
    if (!code) return false;
    return findMatchByCode(code).then(
      (found) => found === roomId,
      () => false,
    );
  }

  private async resume(): Promise<void> {
    while (this.resumeTries < MAX_RESUME_TRIES && !this.leaving) {
      this.resumeTries++;
      await new Promise((r) => setTimeout(r, Math.min(5000, 500 * this.resumeTries)));
      try {
        await this.connect();
        return;
      } catch (error) {
        if (isGone(error) && !(await this.codeStillLeadsHere())) {
          this.update({ status: 'closed', closedReason: 'This match is no longer running.' });
          return;
        }
      }
    }
    if (!this.leaving)
      this.update({ status: 'closed', closedReason: 'The server cannot be reached.' });
  }
}

interface PromptKey {
  round: number;
  phase: string;
  eventType: string;
  crisis: string | null;
}

function samePrompt(a: PromptKey, b: PromptKey): boolean {
  return (
    a.round === b.round &&
    a.phase === b.phase &&
    a.eventType === b.eventType &&
    a.crisis === b.crisis
  );
}

/** The matchmaker's answer for a room that does not exist (finished and closed, or a wrong link). */
function isGone(error: unknown): boolean {
  return error instanceof Error && /not found|invalid|does not exist/i.test(error.message);
}
