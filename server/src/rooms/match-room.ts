import {
  type Client,
  type Delayed,
  ErrorCode,
  Room,
  type RoomException,
  type RoomMethodName,
  ServerError,
} from '@colyseus/core';
import {
  type ForkOrigin,
  JoinMatchSchema,
  type LiveStanding,
  LONG_PHASE_SECONDS,
  type LobbyMessage,
  type MatchStage,
  type MatchState,
  NicknameSchema,
  type ServerMessages,
  type ServerMessageType,
  StateParts,
  type TimerMessage,
} from '@entanglement/shared';
import type { Logger } from 'pino';
import { reasonOf, roomLog } from '../log.ts';
import { MatchNotices } from '../notify/match-notices.ts';
import type { NoticeOutbox } from '../notify/notice-outbox.ts';
import { tokenMatches } from '../store/tokens.ts';
import type { CommandEntry } from '../store/types.ts';
import { Chat, type ChatRoom } from './chat.ts';
import { creationRefused, type RematchSeed, takeCreation } from './creation.ts';
import { forkSetup } from './fork-setup.ts';
import { heldMatches } from './held-matches.ts';
import { type HostRoom, hostAction } from './host-actions.ts';
import { type JoinCodeRegistry, joinCodes, normaliseCode } from './join-codes.ts';
import { type FlowRoom, MatchFlow } from './match-flow.ts';
import type { MatchLog } from './match-log-port.ts';
import {
  isRematch,
  type MatchSetup,
  matchRecord,
  newMatchSetup,
  restoredSetup,
} from './match-setup.ts';
import { broadcast, sendError, sendTo } from './outbox.ts';
import { ReflectionDesk, type ReflectRoom } from './reflections.ts';
import { Rematch, type RematchRoom } from './rematch.ts';
import { type RestorePlan, takeRestore } from './restore.ts';
import { lobbyMessage, timerMessage } from './room-messages.ts';
import { SeatHistory } from './seat-history.ts';
import {
  claimSeat,
  command,
  leaveSeat,
  ready,
  rejoinSeat,
  type SeatRoom,
  takeSeatBack,
} from './seat-messages.ts';
import { type RequestRoom, requestSeat, SeatRequests } from './seat-requests.ts';
import { standingFor } from './standing.ts';
import { ViewSender } from './view-sender.ts';
import { WriteQueue } from './write-queue.ts';

export type { MatchLog } from './match-log-port.ts';

/** Phases this long or longer mark a match played over hours or days (its idle limit stretches). */
const LONG_PHASE_MS = LONG_PHASE_SECONDS * 1000;

/** Past this many messages in one second Colyseus closes the client's connection. */
const MAX_MESSAGES_PER_SECOND = 20;
/** Clients per match (players, team mates and spectators). */
const MAX_CLIENTS = 64;
/** How long a dropped connection's place is kept for the SDK's automatic reconnection. */
const RECONNECT_SECONDS = 20;
/** Close codes of a lost connection (not a leave, an error or a removal): the SDK reconnects on these. */
const DROPS: readonly number[] = [1001, 1005, 1006, 4010];
/** How often the room's clock ticks: phase timers end at most this late. */
const CLOCK_TICK_MS = 250;

/** Commands of a fork's log stored per turn of the event loop (each is a write of its own). */
const LOG_WRITES_PER_TURN = 8;

/** A lobby restored after a restart that nobody rejoins within this time is discarded. */
const RESTORED_LOBBY_MS = 30 * 60 * 1000;
/** A rematch's lobby waits this long for its people (friends over days come back within days). */
const REMATCH_LOBBY_MS = 3 * 24 * 3600_000;

type Metadata = { code: string };

/** The server's limits that a match room applies (docs/security.md, "Limits"). */
export interface RoomLimits {
  /** How long a seat reservation waits for its connection (Colyseus's `seatReservationTimeout`). */
  seatReservationSeconds: number;
  /** A started match with nobody connected this long is ended and archived. */
  idleMatchMs: number;
}

const DEFAULT_ROOM_LIMITS: RoomLimits = {
  seatReservationSeconds: 8,
  idleMatchMs: 2 * 3600_000,
};

/** The code of a refused join (Colyseus's "application error", as before): the SDK's join rejects with it. */
const REFUSED_JOIN = ErrorCode.APPLICATION_ERROR;

/**
 * A match: the engine's state plus who is who. It validates every message
 * with the shared zod schemas, checks tokens, applies commands through the
 * engine, plays empty seats with stand-in bots, runs the phase timer on
 * `this.clock` and sends every client its own view. No rule lives here.
 *
 * The room itself holds who is connected (the host among them) and what
 * they are sent; the match's course is `MatchFlow`, and each kind of
 * message has its module (seat-messages, host-actions, chat, reflections),
 * which sees the room through a small interface.
 */
export class MatchRoom extends Room<{ metadata: Metadata }> {
  /**
   * Colyseus counts seat reservations (a matchmaking answer not yet followed
   * by its connection) against `maxClients` and locks a full room: so a
   * script could lock a match with reservations it never uses. Its count is
   * left open; MAX_CLIENTS is checked against the people actually connected
   * (onJoin), and unused reservations lapse after `seatReservationSeconds`.
   */
  override maxClients = Number.MAX_SAFE_INTEGER;
  override maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;
  /** The server's limits (its configuration). */
  protected limits: RoomLimits = DEFAULT_ROOM_LIMITS;
  /** The server's time: `Date.now`, or the fake clock a test of a days-long match injects. */
  protected now: () => number = Date.now;

  /** The match's course: engine, seats, stage, phase clock, and what the store keeps of them. */
  private flow!: MatchFlow;
  private code = '';
  /** Where a fork came from (shown in its lobby); undefined for other matches. */
  private forkOrigin: ForkOrigin | undefined;
  /**
   * The host token's hash. The token itself is chosen for the creating
   * request (`POST /api/matches`, creation.ts) and answered to it only; the
   * room never holds or sends it.
   */
  private hostTokenHash = '';
  private hostSession: string | null = null;
  /** Where accepted commands are appended before they are acknowledged; null keeps them in memory only. */
  protected store: MatchLog | null = null;
  /** Where join codes are claimed: this process's memory, or Redis shared by several processes. */
  protected codes: JoinCodeRegistry = joinCodes;
  /** The store's writes, in the order they happened. */
  private readonly writes = new WriteQueue(() => this.log);
  private shuttingDown = false;
  private chat = new Chat();
  /** Questions put to seats after resolutions, open until someone at the seat answers. */
  private readonly reflections = new ReflectionDesk();
  /** Ends a started match nobody is connected to (`idleMatchMs`); null while someone is. */
  private idleTimer: Delayed | null = null;
  /** The state hash after every command, part by part: it also tells the views what changed. */
  private readonly stateParts = new StateParts();
  /** The last view each client was sent (by session id), so unchanged views are not sent again. */
  private readonly views = new ViewSender(this.stateParts);
  /** Spectators' open requests for a seat during play (room memory only: see seat-requests.ts). */
  private readonly requests = new SeatRequests();
  /** Where notifications are queued (the server's); null: none are sent. */
  protected outbox: NoticeOutbox | null = null;
  /** When this match's notifications go out: told whenever its timer or views are sent. */
  private readonly notices = new MatchNotices({
    clock: () => this.clock,
    outbox: () => this.outbox,
    matchId: () => this.roomId,
    now: () => this.now(),
    flow: () => this.flow,
  });
  /** The host's rematch, once this match is over. */
  private readonly rematch = new Rematch();
  /** A rematch's lobby: kept for its people while nobody is in it, not closed when they leave. */
  private waitingLobby = false;

  override async onCreate(options: unknown): Promise<void> {
    // No synchronised state: the patch interval only ticks the clock of the phase timers.
    this.patchRate = CLOCK_TICK_MS;
    // The phase timers count on this clock: it reads the server's time (Colyseus's Clock reads
    // its protected `now` on every tick; started again so that its first tick counts from it).
    (this.clock as unknown as { now: () => number }).now = this.now;
    this.clock.start();
    this.seatReservationTimeout = this.limits.seatReservationSeconds;
    this.writes.store = this.store;
    const plan = takeRestore(options);
    if (plan) await this.restoreFrom(plan);
    else {
      const creation = takeCreation(options);
      if (!creation) throw creationRefused();
      this.hostTokenHash = creation.hostTokenHash;
      await this.createNew(
        creation.fork ? forkSetup(creation.fork) : newMatchSetup(creation.options),
        creation.rematch,
      );
    }
    heldMatches.set(this.roomId, this.code);
    if (plan) this.notices.restored();
    this.listen();
  }

  /**
   * A new match (from the creator's options, a rematch's, or a fork's
   * start), stored before anyone joins it; a fork's log so far is stored
   * with it.
   */
  private async createNew(setup: MatchSetup, rematch?: RematchSeed): Promise<void> {
    if (rematch) this.roomId = rematch.roomId;
    this.flow = new MatchFlow(setup, this.flowRoom());
    this.forkOrigin = setup.fork;
    this.code = await this.codes.claim(this.roomId);
    try {
      await this.setMetadata({ code: this.code });
      const record = matchRecord(setup, this.roomId, this.code, this.hostTokenHash, {
        createdAt: this.now(),
        rematchOf: rematch?.of,
      });
      await this.store?.createMatch(record);
      await this.storeLog(setup.log);
    } catch (error) {
      await this.codes.release(this.code, this.roomId);
      this.code = '';
      throw error;
    }
    if (rematch) this.awaitRematchPeople(rematch);
  }

  /**
   * A rematch's lobby opens with each seat's passes of the finished match
   * valid here (stored like a restart's seats), and waits for its people
   * even while nobody is in it.
   */
  private awaitRematchPeople(rematch: RematchSeed): void {
    this.flow.restoreSeats(rematch.seats);
    for (const seat of rematch.seats) this.flow.saveSeat(seat.seat);
    this.waitingLobby = true;
    this.autoDispose = false;
    this.closeLobbyIfEmptyIn(REMATCH_LOBBY_MS);
  }

  /** A lobby kept without clients closes (and is discarded) if nobody is in it `ms` from now. */
  private closeLobbyIfEmptyIn(ms: number): void {
    this.clock.setTimeout(() => {
      if (this.stage === 'lobby' && this.clients.length === 0) void this.disconnect();
    }, ms);
  }

  /**
   * Stores a fork's log so far, before anyone joins. The store writes each
   * command in a statement of its own: the loop gives the event loop back
   * every few commands, so live matches are not held up while a long log is
   * written.
   */
  private async storeLog(log: readonly CommandEntry[]): Promise<void> {
    for (const [i, e] of log.entries()) {
      await this.store?.appendCommand(this.roomId, e.seq, e.command, e.stateHash, e.at);
      if (i % LOG_WRITES_PER_TURN === LOG_WRITES_PER_TURN - 1)
        await new Promise((resolve) => setImmediate(resolve));
    }
  }

  /**
   * Rebuilds a live match after a restart from what the store holds: replays
   * the log through the engine (every step must give the stored hash), puts
   * back the join code, the seats (by token hash: players rejoin with their
   * tokens) and the host (by token hash), and restarts the phase timer with
   * the time that was left. Nobody is given the host token again.
   */
  private async restoreFrom(plan: RestorePlan): Promise<void> {
    const { record, log, seats, clock } = plan;
    this.chat = new Chat(plan.chatSeq, plan.chat);
    this.roomId = record.id;
    // Nobody is connected yet: keep the room until the match ends.
    this.autoDispose = false;
    let setup: ReturnType<typeof restoredSetup>;
    try {
      setup = restoredSetup(plan);
    } catch (error) {
      // Its reason is logged by whoever restores (one line); Colyseus would add the stack.
      throw new ServerError(ErrorCode.MATCHMAKE_UNHANDLED, reasonOf(error));
    }
    this.flow = new MatchFlow(setup, this.flowRoom());
    this.forkOrigin = setup.fork;
    this.hostTokenHash = record.hostTokenHash;
    this.flow.restoreSeats(seats);
    // The host's lock and mutes hold across the restart as the seats' passes do.
    if (record.hostState) {
      this.flow.seating.locked = record.hostState.seatingLocked;
      this.flow.extensionsUsed = record.hostState.extensionsUsed ?? 0;
      this.chat.restoreMutes(record.hostState);
      this.flow.history = new SeatHistory(record.hostState.seatHistory ?? []);
      this.flow.restoreAway(record.hostState.away);
    }
    this.code = await this.codes.claimExisting(record.code, this.roomId);
    await this.setMetadata({ code: this.code });

    if (this.match.phase === 'ended') {
      this.flow.stage = 'ended';
      this.flow.archive();
    } else if (clock === null && log.length === 0) {
      // A rematch's lobby goes on waiting for its people for the rest of its time.
      this.waitingLobby = isRematch(record);
      const left = record.createdAt + REMATCH_LOBBY_MS - this.now();
      this.closeLobbyIfEmptyIn(this.waitingLobby ? Math.max(0, left) : RESTORED_LOBBY_MS);
    } else {
      this.flow.resumePlay(clock);
      // Nobody is connected yet: if nobody comes back, the match ends like a deserted one.
      this.watchIdle();
    }
    this.log.info(
      `Restored match ${this.roomId} (code ${this.code}): ${this.stage}, round ${this.match.round}, ` +
        `${this.match.phase}, ${log.length} commands replayed`,
    );
  }

  /** The message handlers. */
  private listen(): void {
    this.onMessage('claimSeat', (client, raw) => claimSeat(this.seatRoom(), client, raw));
    this.onMessage('rejoinSeat', (client, raw) => rejoinSeat(this.seatRoom(), client, raw));
    this.onMessage('takeSeatBack', (client, raw) => takeSeatBack(this.seatRoom(), client, raw));
    this.onMessage('leaveSeat', (client, raw) => leaveSeat(this.seatRoom(), client, raw));
    this.onMessage('ready', (client, raw) => ready(this.seatRoom(), client, raw));
    this.onMessage('command', (client, raw) => command(this.seatRoom(), client, raw));
    this.onMessage('host', (client, raw) => hostAction(this.hostRoom(), client, raw));
    this.onMessage('requestSeat', (client, raw) => requestSeat(this.requestRoom(), client, raw));
    this.onMessage('chat', (client, raw) => this.chat.receive(this.chatRoom(), client, raw));
    this.onMessage('reflect', (client, raw) =>
      this.reflections.receive(this.reflectRoom(), client, raw),
    );
    this.onMessage('*', (client, type) =>
      sendError(client, String(type), 'unknownMessage', `There is no message "${String(type)}".`),
    );
  }

  override onJoin(client: Client, options: unknown): void {
    this.watchIdle();
    // `clients` already holds this one. A refusal is a ServerError: Colyseus logs other errors with their stack.
    if (this.clients.length > MAX_CLIENTS)
      throw new ServerError(REFUSED_JOIN, `This match is full: at most ${MAX_CLIENTS} people.`);
    const parsed = JoinMatchSchema.safeParse(options);
    if (!parsed.success) {
      const nameOk = NicknameSchema.safeParse((options as { nickname?: unknown })?.nickname);
      throw new ServerError(
        REFUSED_JOIN,
        nameOk.success
          ? 'Join a match with its join code.'
          : 'Choose a nickname of 1 to 24 characters.',
      );
    }
    const { nickname, code, hostToken } = parsed.data;
    // The join code is the gate (the doors refuse a matchmaking request without it first).
    if (normaliseCode(code) !== this.code)
      throw new ServerError(REFUSED_JOIN, 'That is not the join code of this match.');
    if (hostToken !== undefined && !tokenMatches(hostToken, this.hostTokenHash))
      throw new ServerError(REFUSED_JOIN, 'That is not the host token of this match.');
    this.flow.seating.add(client.sessionId, nickname);
    // The host is whoever shows the host token that the creating request was given.
    if (hostToken !== undefined) this.hostSession = client.sessionId;
    // A lobby restored after a restart is kept only until the people who came back leave.
    if (this.stage === 'lobby' && !this.waitingLobby) this.autoDispose = true;
    sendTo(client, 'welcome', {
      roomId: this.roomId,
      code: this.code,
      sessionId: client.sessionId,
      nickname,
    });
    this.broadcastLobby();
    this.chat.sendHistory(this.chatRoom(), client, null);
    // The host coming back (a reload) sees the requests still open.
    if (this.hostSession === client.sessionId) {
      this.sendRequestsToHost();
      this.rematch.tell(client);
    }
    if (this.stage !== 'lobby') {
      this.views.sendWhole(client, this.match, null);
      sendTo(client, 'timer', this.timerMessage());
    }
  }

  /**
   * A lost connection keeps its place (nickname, seat) for RECONNECT_SECONDS
   * while the SDK reconnects; past that, or for any other close, onLeave.
   */
  override onDrop(client: Client, code?: number): void {
    if (code === undefined || !DROPS.includes(code)) return;
    if (this.flow.seating.nickname(client.sessionId) === null) return;
    this.allowReconnection(client, RECONNECT_SECONDS).catch(() => undefined);
  }

  /** Back after a drop: the client gets the lobby, its view and the timer again. */
  override onReconnect(client: Client): void {
    this.watchIdle();
    sendTo(client, 'lobby', this.lobbyMessage());
    if (this.hostSession === client.sessionId) this.sendRequestsToHost();
    if (this.stage === 'lobby') return;
    const seat = this.flow.seating.seatOf(client.sessionId);
    this.views.sendWhole(client, this.match, seat);
    sendTo(client, 'timer', this.timerMessage());
    if (seat !== null) this.sendOpenQuestions(client, seat);
    // Lines sent while the connection was down.
    this.chat.sendHistory(this.chatRoom(), client, seat);
  }

  override onLeave(client: Client): void {
    this.views.forget(client.sessionId);
    this.flow.seating.remove(client.sessionId);
    this.chat.forget(client.sessionId);
    this.hostGone(client.sessionId);
    if (this.requests.drop(client.sessionId)) this.sendRequestsToHost();
    this.broadcastLobby();
    this.watchIdle();
  }

  /**
   * A started match with nobody connected for `idleMatchMs` is ended, scored
   * and archived as when the host ends it (then the room closes): nothing
   * lives forever. Anyone connecting stops the count; the last to leave
   * starts it again. (A lobby nobody is in closes at once, as Colyseus
   * disposes an empty room.)
   */
  private watchIdle(): void {
    const deserted = this.stage === 'playing' && this.clients.length === 0;
    if (!deserted) {
      this.idleTimer?.clear();
      this.idleTimer = null;
      return;
    }
    // Over days, nobody connected for hours is normal: a match with phases of an hour or more
    // counts as deserted only after twice its longest phase.
    const longest = this.flow.longestPhaseMs();
    const ms =
      longest >= LONG_PHASE_MS
        ? Math.max(this.limits.idleMatchMs, 2 * longest)
        : this.limits.idleMatchMs;
    this.idleTimer ??= this.clock.setTimeout(() => {
      this.idleTimer = null;
      if (this.stage !== 'playing' || this.clients.length > 0) return;
      const time = ms < 60_000 ? `${ms / 1000} s` : `${Math.round(ms / 60_000)} minutes`;
      this.log.info(`Match ${this.roomId} ended: nobody was connected for ${time}`);
      // Ended as the host would end it: scored on the rounds played, then archived.
      this.flow.endEarly();
      this.broadcastTimer();
    }, ms);
  }

  override onBeforeShutdown(): void {
    this.shuttingDown = true;
    super.onBeforeShutdown();
  }

  /**
   * A lobby everyone left is discarded from the store (it never started, so
   * nothing is lost); on a server shutdown it is kept and restored instead,
   * and keeps its join code (shared codes outlive this process).
   */
  override async onDispose(): Promise<void> {
    // Held from the end of onCreate. Colyseus disposes a room whose onCreate
    // threw, too: a match that could not be rebuilt (another rules version, a
    // log that does not replay) is left in the store as it is, for a server
    // that can; a failed new match stored nothing.
    const created = heldMatches.delete(this.roomId);
    this.flow?.phaseClock.stop();
    this.notices.stop();
    if (!created) return;
    if (this.code && !this.shuttingDown)
      await this.codes
        .release(this.code, this.roomId)
        .catch((error: unknown) =>
          this.log.error({ err: error }, 'could not release the join code'),
        );
    if (this.stage === 'lobby' && !this.shuttingDown && this.roomId)
      this.writes.enqueue('discard the abandoned lobby', async (store) =>
        store.discard?.(this.roomId),
      );
    await this.writes.settled();
  }

  override onUncaughtException(error: RoomException, method: RoomMethodName): void {
    // A refused create or join is answered to that client; it is not the server's failure.
    if (method === 'onCreate' || method === 'onJoin') return;
    this.log.error({ err: error, method }, 'the room failed');
  }

  /**
   * Where this match stands for a credential's holder ("My matches", called
   * across processes with matchMaker.remoteRoomCall): null unless `token` is
   * the host token or a pass valid now.
   */
  standing(token: unknown): LiveStanding | null {
    if (typeof token !== 'string' || !this.flow) return null;
    return standingFor(
      {
        id: this.roomId,
        match: this.match,
        stage: this.stage,
        clock: this.flow.phaseClock,
        seating: this.flow.seating,
        hostTokenHash: this.hostTokenHash,
        code: this.code,
      },
      token,
      this.now(),
    );
  }

  /** This match's log lines carry its room id. */
  private get log(): Logger {
    return roomLog(this.roomId);
  }

  /** The engine's state of the match. */
  private get match(): MatchState {
    return this.flow.match;
  }

  /** Before its match is set up the room counts as a lobby. */
  private get stage(): MatchStage {
    return this.flow?.stage ?? 'lobby';
  }

  /** Stores the seating lock, the mutes and the seat history, so that a restart keeps them. */
  private saveHostState(): void {
    this.flow.saveHostState({
      seatingLocked: this.flow.seating.locked,
      ...this.chat.standingMutes(),
      seatHistory: this.flow.history.all(),
      extensionsUsed: this.flow.extensionsUsed,
      away: this.flow.awayState(),
    });
  }

  private hostGone(sessionId: string): void {
    if (this.hostSession === sessionId) this.hostSession = null;
  }

  // ---- what the modules see of the room ----

  /** What the match's flow sees: made once, when the match is set up. */
  private flowRoom(): FlowRoom {
    return {
      matchId: () => this.roomId,
      stateParts: this.stateParts,
      clock: this.clock,
      now: () => this.now(),
      writes: this.writes,
      reflections: this.reflections,
      sendViews: () => this.sendViews(),
      broadcastTimer: () => this.broadcastTimer(),
      broadcastLobby: () => this.broadcastLobby(),
      sendToSeat: (seat, type, message) => this.sendToSeat(seat, type, message),
      archived: () => {
        // A started or restored room was kept without clients; once archived it may go when empty.
        if (!this.autoDispose) this.autoDispose = true;
        if (this.clients.length === 0) this.writes.afterWrites(() => void this.disconnect());
      },
      seatHistoryChanged: () => this.saveHostState(),
      awayChanged: () => this.saveHostState(),
      seatsWentAway: (seats) => this.notices.seatsAway(seats),
    };
  }

  private seatRoom(): SeatRoom {
    return {
      flow: this.flow,
      broadcastLobby: () => this.broadcastLobby(),
      sendWholeView: (client, seat) => this.views.sendWhole(client, this.match, seat),
      // Called whenever a connection comes to hold a seat (claim, rejoin, assignment): it also
      // gets the seat's chat history, team and private lines included.
      sendOpenQuestions: (client, seat) => {
        this.sendOpenQuestions(client, seat);
        this.chat.sendHistory(this.chatRoom(), client, seat);
        this.rematch.tell(client);
      },
      seatLost: (sessions, seat, reason) => {
        for (const id of sessions) {
          const client = this.clients.getById(id);
          if (!client) continue;
          sendTo(client, 'seatLost', { seat, reason });
          // What the seat may know is no longer theirs: they see the match as a spectator now.
          if (this.stage !== 'lobby') this.views.sendWhole(client, this.match, null);
        }
      },
    };
  }

  /** Sends the host, if connected, every open seat request. */
  private sendRequestsToHost(): void {
    const host = this.hostSession ? this.clients.getById(this.hostSession) : undefined;
    if (host) sendTo(host, 'seatRequests', { requests: this.requests.list() });
  }

  private requestRoom(): RequestRoom {
    return {
      ...this.seatRoom(),
      requests: this.requests,
      sendRequestsToHost: () => this.sendRequestsToHost(),
    };
  }

  private hostRoom(): HostRoom {
    return {
      ...this.requestRoom(),
      hostTokenHash: this.hostTokenHash,
      clients: this.clients,
      claimHost: (sessionId) => {
        // After a restart the host is whoever shows the host token.
        this.hostSession ??= sessionId;
      },
      hostGone: (sessionId) => this.hostGone(sessionId),
      startRematch: (host) => this.rematch.start(this.rematchRoom(), host),
      start: () => {
        // A started match runs to its end even if everyone leaves for a while: they can come back.
        this.autoDispose = false;
        this.flow.start();
      },
      setMuted: (host, person, muted) => this.chat.setMuted(this.chatRoom(), host, person, muted),
      saveHostState: () => this.saveHostState(),
      broadcastTimer: () => this.broadcastTimer(),
      sendToSeat: (seat, type, message) => this.sendToSeat(seat, type, message),
    };
  }

  /** What a rematch sees of this finished match. */
  private rematchRoom(): RematchRoom {
    return {
      flow: this.flow,
      hostTokenHash: this.hostTokenHash,
      matchId: () => this.roomId,
      hostNickname: () =>
        (this.hostSession && this.flow.seating.nickname(this.hostSession)) || 'Host',
      invitees: () =>
        this.clients.filter(
          (c) => c.sessionId === this.hostSession || this.flow.seating.passOf(c.sessionId) !== null,
        ),
    };
  }

  /** What the chat sees of this room; chat lines join the ordered writes. */
  private chatRoom(): ChatRoom {
    return {
      stage: this.stage,
      seating: this.flow.seating,
      hostTokenHash: this.hostTokenHash,
      clients: this.clients,
      send: (client, message) => sendTo(client, 'chat', message),
      sendHistory: (client, lines) => sendTo(client, 'chatHistory', { lines }),
      fail: sendError,
      persist: (entry) =>
        this.writes.chain(`append chat ${entry.seq}`, async (s) =>
          s.appendChat?.(this.roomId, entry),
        ),
    };
  }

  /** What the reflection desk sees of this room; answers join the ordered writes. */
  private reflectRoom(): ReflectRoom {
    return {
      seating: this.flow.seating,
      fail: sendError,
      answered: (seat, key) => this.sendToSeat(seat, 'reflected', key),
      persist: (reflection) =>
        this.writes.enqueue('store a reflection', async (store) => {
          await store.addReflection?.(this.roomId, reflection);
        }),
    };
  }

  // ---- what clients receive ----

  /** Sends a message to every client holding `seat`. */
  private sendToSeat<K extends ServerMessageType>(
    seat: string,
    type: K,
    message: ServerMessages[K],
  ): void {
    for (const person of this.flow.seating.holders(seat)) {
      const client = this.clients.getById(person.id);
      if (client) sendTo(client, type, message);
    }
  }

  private sendOpenQuestions(client: Client, seat: string): void {
    for (const prompt of this.reflections.pending(seat)) sendTo(client, 'reflectionPrompt', prompt);
  }

  private sendViews(): void {
    this.notices.check();
    this.views.sendChanges(this.clients, (id) => this.flow.seating.seatOf(id), this.match);
  }

  private timerMessage(): TimerMessage {
    const { phaseClock } = this.flow;
    return timerMessage(this.match, this.stage, phaseClock, this.flow.extensions(), this.now());
  }

  private broadcastTimer(): void {
    this.notices.check();
    broadcast(this.clients, 'timer', this.timerMessage());
  }

  private broadcastLobby(): void {
    broadcast(this.clients, 'lobby', this.lobbyMessage());
  }

  private lobbyMessage(): LobbyMessage {
    const { play, seating, timers, endedBy } = this.flow;
    return lobbyMessage({
      code: this.code,
      stage: this.stage,
      scenario: play.scenario,
      match: this.match,
      timers,
      botLevel: play.botLevel,
      seating,
      bots: play.bots,
      away: this.stage === 'playing' ? new Set(this.flow.awaySeats()) : new Set(),
      awayRule: this.flow.away.rule,
      isMuted: (person) =>
        this.chat.isMuted(
          person,
          this.flow.seating.nickname(person),
          this.flow.seating.passOf(person),
        ),
      hostSession: this.hostSession,
      endedBy,
      seatHistory: this.flow.history.all(),
      fork: this.forkOrigin,
    });
  }
}
