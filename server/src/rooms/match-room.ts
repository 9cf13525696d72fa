import { type Client, Room, type RoomException, type RoomMethodName } from '@colyseus/core';
import {
  type BotLevel,
  ClaimSeatSchema,
  type Command,
  CommandMessageSchema,
  CreateMatchSchema,
  createMatch,
  DEFAULT_TIMERS,
  type ErrorCode,
  getScenario,
  type HostMessage,
  HostMessageSchema,
  JoinMatchSchema,
  type LobbyMessage,
  type MatchStage,
  type MatchState,
  type PhaseTimers,
  REMOVED_BY_HOST,
  ReadySchema,
  RejoinSeatSchema,
  RULES_VERSION,
  type Scenario,
  type ServerMessages,
  type ServerMessageType,
  type TimerMessage,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken, tokenMatches } from '../store/tokens.ts';
import type { MatchStore } from '../store/types.ts';
import { Chat, type ChatRoom } from './chat.ts';
import { heldMatches } from './held-matches.ts';
import { type JoinCodeRegistry, joinCodes } from './join-codes.ts';
import { MatchPlay, type SettingsInput } from './match-play.ts';
import { clockRecord, finishRecord, seatRecord } from './match-records.ts';
import { broadcast, parseOrRefuse, sendError, sendTo } from './outbox.ts';
import { PhaseClock } from './phase-clock.ts';
import { ReflectionDesk, type ReflectRoom } from './reflections.ts';
import { replayLog } from './replay-log.ts';
import { type RestorePlan, takeRestore } from './restore.ts';
import { lobbyMessage, timerMessage } from './room-messages.ts';
import { Seating } from './seating.ts';
import type { Parser } from './validation.ts';
import { ViewSender } from './view-sender.ts';
import { WriteQueue } from './write-queue.ts';

/** Past this many messages in one second Colyseus closes the client's connection. */
export const MAX_MESSAGES_PER_SECOND = 20;
/** Clients per match (players, team mates and spectators). */
export const MAX_CLIENTS = 64;
/** How long a dropped connection's place is kept for the SDK's automatic reconnection. */
export const RECONNECT_SECONDS = 20;
/** Close codes of a lost connection (not a leave, an error or a removal): the SDK reconnects on these. */
const DROPS: readonly number[] = [1001, 1005, 1006, 4010];
/** How often the room's clock ticks: phase timers end at most this late. */
const CLOCK_TICK_MS = 250;

function logReleaseFailure(error: unknown): void {
  console.error('Could not release a join code:', error);
}
/** A lobby restored after a restart that nobody rejoins within this time is discarded. */
export const RESTORED_LOBBY_MS = 30 * 60 * 1000;

type Metadata = { code: string };

/** What the room needs of the store: the match record, its command log, its seats and the archive. */
export type MatchLog = Pick<
  MatchStore,
  'createMatch' | 'appendCommand' | 'upsertSeat' | 'saveClock' | 'finish'
> &
  Partial<Pick<MatchStore, 'appendChat' | 'discard' | 'loadLog' | 'addReflection'>>;

/**
 * A match: the engine's state plus who is who. It validates every message
 * with the shared zod schemas, checks tokens, applies commands through the
 * engine, plays empty seats with the random policy, runs the phase timer on
 * `this.clock` and sends every client its own view. No rule lives here.
 */
export class MatchRoom extends Room<{ metadata: Metadata }> {
  override maxClients = MAX_CLIENTS;
  override maxMessagesPerSecond = MAX_MESSAGES_PER_SECOND;

  /** The engine's match: state, log, bots. */
  private play!: MatchPlay;
  private stage: MatchStage = 'lobby';
  private endedBy: 'host' | null = null;
  private timers: PhaseTimers = DEFAULT_TIMERS;
  private code = '';
  /** The host token: sent once to the creator; after a restart only its hash is known. */
  private readonly hostToken = nanoid();
  private hostTokenHash = hashToken(this.hostToken);
  private hostSession: string | null = null;
  private hostGiven = false;
  private seating!: Seating;
  private phaseClock!: PhaseClock;
  /** Where accepted commands are appended before they are acknowledged; null keeps them in memory only. */
  protected store: MatchLog | null = null;
  /** Where join codes are claimed: this process's memory, or Redis shared by several processes. */
  protected codes: JoinCodeRegistry = joinCodes;
  /** The store's writes, in the order they happened. */
  private readonly writes = new WriteQueue(() => `Match ${this.roomId}`);
  /** The last nickname stored for each seat (kept when its people leave). */
  private readonly seatNames = new Map<string, string>();
  private archived = false;
  private shuttingDown = false;
  private chat = new Chat();
  /** Questions put to seats after resolutions, open until someone at the seat answers. */
  private readonly reflections = new ReflectionDesk();
  /** The last view each client was sent (by session id), so unchanged views are not sent again. */
  private readonly views = new ViewSender();

  override async onCreate(options: unknown): Promise<void> {
    // No synchronised state: the patch interval only ticks the clock of the phase timers.
    this.patchRate = CLOCK_TICK_MS;
    this.writes.store = this.store;
    const plan = takeRestore(options);
    if (plan) {
      await this.restoreFrom(plan);
      heldMatches.set(this.roomId, this.code);
      this.listen();
      return;
    }
    const parsed = CreateMatchSchema.safeParse(options);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`Cannot create the match: ${issue.path.join('.')}: ${issue.message}`);
    }
    const { scenario: scenarioId, rounds, pace, seats, timers, preset, botLevel } = parsed.data;
    const scenario = getScenario(scenarioId);
    const settings = { rounds, pace, seats, preset };
    const seed = nanoid();
    const created = createMatch(scenario, settings, seed);
    if (!created.ok) throw new Error(created.error);
    this.play = this.newPlay(scenario, settings, seed, created.state, botLevel ?? 'normal');
    this.timers = { ...DEFAULT_TIMERS, ...timers };
    this.seating = new Seating(this.match.seats);
    this.code = await this.codes.claim(this.roomId);
    try {
      await this.setMetadata({ code: this.code });
      await this.store?.createMatch({
        id: this.roomId,
        code: this.code,
        scenarioId: scenario.id,
        settings,
        rulesVersion: RULES_VERSION,
        seed,
        hostTokenHash: this.hostTokenHash,
        createdAt: Date.now(),
        roomSettings: { timers: this.timers, botLevel: this.play.botLevel },
      });
    } catch (error) {
      await this.codes.release(this.code, this.roomId);
      this.code = '';
      throw error;
    }
    heldMatches.set(this.roomId, this.code);
    this.listen();
  }

  private newPlay(
    scenario: Scenario,
    settings: SettingsInput,
    seed: string,
    match: MatchState,
    botLevel: BotLevel,
  ): MatchPlay {
    return new MatchPlay({
      scenario,
      settings,
      seed,
      match,
      botLevel,
      writes: this.writes,
      matchId: () => this.roomId,
      onLostWrite: () => this.recover(),
    });
  }

  /** The phase clock and the message handlers. */
  private listen(): void {
    this.phaseClock ??= new PhaseClock(this.clock, () => this.advance());

    this.onMessage('claimSeat', (client, raw) => this.onClaimSeat(client, raw));
    this.onMessage('rejoinSeat', (client, raw) => this.onRejoinSeat(client, raw));
    this.onMessage('ready', (client, raw) => this.onReady(client, raw));
    this.onMessage('command', (client, raw) => this.onCommand(client, raw));
    this.onMessage('host', (client, raw) => this.onHost(client, raw));
    this.onMessage('chat', (client, raw) => this.chat.receive(this.chatRoom(), client, raw));
    this.onMessage('reflect', (client, raw) =>
      this.reflections.receive(this.reflectRoom(), client, raw),
    );
    this.onMessage('*', (client, type) =>
      this.fail(client, String(type), 'unknownMessage', `There is no message "${String(type)}".`),
    );
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
    this.chat = new Chat(plan.chatSeq);
    this.roomId = record.id;
    // Nobody is connected yet: keep the room until the match ends.
    this.autoDispose = false;
    if (record.rulesVersion !== RULES_VERSION)
      throw new Error(`it was written for rules version ${record.rulesVersion}`);
    const scenario = getScenario(record.scenarioId);
    const settings = record.settings as SettingsInput;
    const replayed = replayLog(scenario, settings, record.seed, log);
    const room = (record.roomSettings ?? {}) as {
      timers?: Partial<PhaseTimers>;
      botLevel?: BotLevel;
    };
    this.play = this.newPlay(
      scenario,
      settings,
      record.seed,
      replayed.match,
      room.botLevel ?? 'normal',
    );
    this.play.phaseHashes.push(...replayed.phaseHashes);
    this.timers = { ...DEFAULT_TIMERS, ...room.timers };
    this.hostTokenHash = record.hostTokenHash;
    this.hostGiven = true;
    this.seating = new Seating(this.match.seats);
    for (const seat of seats) {
      this.seating.restore(seat.seat, seat.kind === 'bot' ? null : seat.tokenHash);
      this.seatNames.set(seat.seat, seat.nickname);
      if (seat.kind === 'bot') this.play.bots.add(seat.seat);
    }
    this.code = await this.codes.claimExisting(record.code, this.roomId);
    await this.setMetadata({ code: this.code });
    this.phaseClock = new PhaseClock(this.clock, () => this.advance());

    if (this.match.phase === 'ended') {
      this.stage = 'ended';
      this.archive();
    } else if (clock === null && log.length === 0) {
      this.clock.setTimeout(() => {
        if (this.stage === 'lobby' && this.clients.length === 0) void this.disconnect();
      }, RESTORED_LOBBY_MS);
    } else {
      this.stage = 'playing';
      this.play.humanSeats = this.match.seats.filter((s) => !this.play.bots.has(s));
      const current = clock?.round === this.match.round && clock.phase === this.match.phase;
      if (!current || clock === null) this.phaseClock.start(this.phaseMs());
      else if (clock.paused) this.phaseClock.startPaused(clock.remainingMs);
      else this.phaseClock.start(Math.max(0, clock.phaseEndsAt - Date.now()));
      if (!current) this.saveClock();
      // A kill can land between two bot commands: bots finish the phase they were playing.
      this.resumeBots();
    }
    console.log(
      `Restored match ${this.roomId} (code ${this.code}): ${this.stage}, round ${this.match.round}, ` +
        `${this.match.phase}, ${log.length} commands replayed`,
    );
  }

  override onJoin(client: Client, options: unknown): void {
    const parsed = JoinMatchSchema.safeParse(options);
    if (!parsed.success) throw new Error('Choose a nickname of 1 to 24 characters.');
    this.seating.add(client.sessionId, parsed.data.nickname);
    // A lobby restored after a restart is kept only until the people who came back leave.
    if (this.stage === 'lobby') this.autoDispose = true;
    sendTo(client, 'welcome', {
      roomId: this.roomId,
      code: this.code,
      sessionId: client.sessionId,
      nickname: parsed.data.nickname,
    });
    if (!this.hostGiven) {
      // The first client is the one who created the match.
      this.hostGiven = true;
      this.hostSession = client.sessionId;
      sendTo(client, 'hostToken', { token: this.hostToken });
    }
    this.broadcastLobby();
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
    if (this.seating.nickname(client.sessionId) === null) return;
    this.allowReconnection(client, RECONNECT_SECONDS).catch(() => undefined);
  }

  /** Back after a drop: the client gets the lobby, its view and the timer again. */
  override onReconnect(client: Client): void {
    sendTo(client, 'lobby', this.lobbyMessage());
    if (this.stage === 'lobby') return;
    const seat = this.seating.seatOf(client.sessionId);
    this.views.sendWhole(client, this.match, seat);
    sendTo(client, 'timer', this.timerMessage());
    if (seat !== null)
      for (const prompt of this.reflections.pending(seat))
        sendTo(client, 'reflectionPrompt', prompt);
  }

  override onLeave(client: Client): void {
    this.views.forget(client.sessionId);
    this.seating.remove(client.sessionId);
    this.chat.forget(client.sessionId);
    if (this.hostSession === client.sessionId) this.hostSession = null;
    this.broadcastLobby();
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
    heldMatches.delete(this.roomId);
    this.phaseClock?.stop();
    if (this.code && !this.shuttingDown)
      await this.codes.release(this.code, this.roomId).catch(logReleaseFailure);
    if (this.stage === 'lobby' && !this.shuttingDown && this.roomId)
      this.writes.enqueue('discard the abandoned lobby', async (store) =>
        store.discard?.(this.roomId),
      );
    await this.writes.settled();
  }

  override onUncaughtException(error: RoomException, method: RoomMethodName): void {
    // A refused create or join is answered to that client; it is not the server's failure.
    if (method === 'onCreate' || method === 'onJoin') return;
    console.error(`Match ${this.roomId} (${method}):`, error);
  }

  // ---- messages ----

  private onClaimSeat(client: Client, raw: unknown) {
    const msg = this.parse(client, 'claimSeat', ClaimSeatSchema, raw);
    if (!msg) return;
    const fail = (code: ErrorCode, reason: string) =>
      this.fail(client, 'claimSeat', code, reason, 'seat');
    if (this.stage !== 'lobby')
      return fail('wrongStage', 'Seats are chosen in the lobby; the match has started.');
    const seat = msg.seat ?? this.seating.firstEmpty(this.match.seats);
    if (seat === null) return fail('seatUnavailable', 'Every seat is taken: pick one to join.');
    if (!this.seating.has(seat))
      return fail('seatUnavailable', `"${seat}" is not a seat in this match.`);
    // A seat restored after a restart knows only its token's hash: it gets a new token.
    const token = this.seating.token(seat) ?? this.seating.rotate(seat);
    this.seating.sit(client.sessionId, seat);
    sendTo(client, 'seatToken', { seat, token });
    this.saveSeat(seat);
    this.broadcastLobby();
  }

  private onReady(client: Client, raw: unknown) {
    const msg = this.parse(client, 'ready', ReadySchema, raw);
    if (!msg) return;
    if (this.stage !== 'lobby')
      return this.fail(client, 'ready', 'wrongStage', 'Ready marks are for the lobby.', 'ready');
    this.seating.setReady(client.sessionId, msg.ready);
    this.broadcastLobby();
  }

  private onRejoinSeat(client: Client, raw: unknown) {
    const msg = this.parse(client, 'rejoinSeat', RejoinSeatSchema, raw);
    if (!msg) return;
    const fail = (code: ErrorCode, reason: string, field: string) =>
      this.fail(client, 'rejoinSeat', code, reason, field);
    if (!this.seating.has(msg.seat))
      return fail('seatUnavailable', `"${msg.seat}" is not a seat here.`, 'seat');
    if (!this.seating.matches(msg.seat, msg.token))
      return fail('badToken', 'Not this seat’s token.', 'token');
    this.seating.sit(client.sessionId, msg.seat);
    sendTo(client, 'seatToken', { seat: msg.seat, token: msg.token });
    this.saveSeat(msg.seat);
    this.broadcastLobby();
    if (this.stage !== 'lobby') {
      this.views.sendWhole(client, this.match, msg.seat);
    }
    for (const prompt of this.reflections.pending(msg.seat))
      sendTo(client, 'reflectionPrompt', prompt);
  }

  private onCommand(client: Client, raw: unknown) {
    const msg = this.parse(client, 'command', CommandMessageSchema, raw);
    if (!msg) return;
    const { command, ref } = msg;
    const fail = (code: ErrorCode, reason: string, field: string) =>
      this.fail(client, 'command', code, reason, field, ref);
    if (this.stage !== 'playing') return fail('wrongStage', this.notPlaying(), 'command');
    if (this.play.recovering)
      return fail(
        'internal',
        'The server is reloading the match after a storage error: try again in a moment.',
        'command',
      );
    if (!this.seating.has(command.seat))
      return fail('seatUnavailable', `"${command.seat}" is not a seat here.`, 'command.seat');
    if (!this.seating.matches(command.seat, msg.token))
      return fail('badToken', 'That is not this seat’s token.', 'token');
    if (this.play.bots.has(command.seat))
      return fail('seatUnavailable', 'A bot plays this seat.', 'command.seat');
    const stale = command.round !== this.match.round || command.phase !== this.match.phase;
    const result = this.play.apply(command);
    if (!result.ok) return fail(stale ? 'stale' : 'illegal', result.error, 'command');
    const ack = { ref: ref ?? null, kind: command.kind, step: this.match.step };
    result.saved.then(
      () => sendTo(client, 'ack', ack),
      () => fail('internal', 'The server could not save this command; tell the host.', 'command'),
    );
    if (this.play.everyoneDone()) this.advance();
    else this.writes.afterWrites(() => this.sendViews());
  }

  private onHost(client: Client, raw: unknown) {
    const msg = this.parse(client, 'host', HostMessageSchema, raw);
    if (!msg) return;
    const fail = (code: ErrorCode, reason: string) =>
      this.fail(client, 'host', code, reason, code === 'badToken' ? 'token' : 'action');
    if (!tokenMatches(msg.token, this.hostTokenHash))
      return fail('badToken', 'Only the host can do this.');
    // After a restart the host is whoever shows the host token.
    this.hostSession ??= client.sessionId;
    if (msg.action === 'start') {
      if (this.stage !== 'lobby') return fail('wrongStage', 'The match has already started.');
      return this.start();
    }
    if (msg.action === 'remove') return this.removePerson(client, msg.person);
    if (msg.action === 'mute' || msg.action === 'unmute') {
      this.chat.setMuted(this.chatRoom(), client, msg.person, msg.action === 'mute');
      return this.broadcastLobby();
    }
    if (this.stage !== 'playing') return fail('wrongStage', this.notPlaying());
    switch (msg.action) {
      case 'pause':
        if (!this.phaseClock.pause()) return fail('wrongStage', 'The timer is already paused.');
        break;
      case 'resume':
        if (!this.phaseClock.resume()) return fail('wrongStage', 'The timer is not paused.');
        break;
      case 'extend':
        this.phaseClock.extend(msg.seconds * 1000);
        break;
      case 'skip':
        return this.advance();
      case 'inject':
      case 'replaceWithBot':
        return this.hostChange(client, msg);
      case 'end':
        this.stage = 'ended';
        this.endedBy = 'host';
        this.phaseClock.stop();
        this.archive();
        this.broadcastLobby();
        break;
    }
    this.saveClock();
    this.broadcastTimer();
  }

  /** Host actions that change the match: a crisis injected, a seat handed to a bot. */
  private hostChange(client: Client, msg: HostMessage & { action: 'inject' | 'replaceWithBot' }) {
    if (this.play.recovering)
      return this.fail(
        client,
        'host',
        'internal',
        'The server is reloading the match; try again in a moment.',
        'action',
      );
    if (msg.action === 'inject') {
      const { round, phase } = this.match;
      const cmd: Command = { kind: 'injectCrisis', round, phase, card: msg.card };
      const result = this.play.apply(cmd);
      if (!result.ok) return this.fail(client, 'host', 'illegal', result.error, 'card');
    } else {
      if (!this.play.humanSeats.includes(msg.seat))
        return this.fail(client, 'host', 'seatUnavailable', 'No person plays that seat.', 'seat');
      this.play.humanSeats = this.play.humanSeats.filter((s) => s !== msg.seat);
      this.play.bots.add(msg.seat);
      this.seating.unseat(msg.seat);
      this.seating.rotate(msg.seat);
      this.saveSeat(msg.seat);
      this.play.playBots([msg.seat]);
      this.broadcastLobby();
    }
    if (this.play.everyoneDone()) this.advance();
    else this.writes.afterWrites(() => this.sendViews());
  }

  /** Disconnects a person; a seat they held gets a new token, sent to the others holding it. */
  private removePerson(host: Client, person: string) {
    const target = this.clients.getById(person);
    if (!target)
      return this.fail(host, 'host', 'unknownPerson', 'Nobody with that id is here.', 'person');
    const seat = this.seating.seatOf(person);
    this.seating.remove(person);
    if (this.hostSession === person) this.hostSession = null;
    target.leave(REMOVED_BY_HOST);
    if (seat !== null) {
      const token = this.seating.rotate(seat);
      for (const other of this.seating.holders(seat)) {
        const client = this.clients.getById(other.id);
        if (client) sendTo(client, 'seatToken', { seat, token });
      }
      this.saveSeat(seat);
    }
    this.broadcastLobby();
  }

  /**
   * People's seats with nobody connected: a stand-in bot plays each phase
   * that starts while they are away; whoever comes back with the seat's
   * token plays from then on.
   */
  private awaySeats(): string[] {
    return this.play.humanSeats.filter((seat) => this.seating.holders(seat).length === 0);
  }

  /** The engine's state of the match. */
  private get match(): MatchState {
    return this.play.match;
  }

  private notPlaying(): string {
    return this.stage === 'lobby' ? 'The match has not started yet.' : 'The match is over.';
  }

  // ---- the match's flow ----

  private start(): void {
    // A started match runs to its end even if everyone leaves for a while: they can come back.
    this.autoDispose = false;
    this.play.humanSeats = this.match.seats.filter((s) => this.seating.holders(s).length > 0);
    for (const seat of this.match.seats)
      if (!this.play.humanSeats.includes(seat)) this.play.bots.add(seat);
    this.stage = 'playing';
    for (const seat of this.match.seats) this.saveSeat(seat);
    this.play.playBots();
    this.phaseClock.start(this.phaseMs());
    this.saveClock();
    this.broadcastLobby();
    this.writes.afterWrites(() => {
      this.sendViews();
      this.broadcastTimer();
    });
  }

  /** The phase ends: timer ran out, every seat is done, or the host skipped it. */
  private advance(): void {
    if (this.stage !== 'playing' || this.play.recovering) return;
    const events = this.play.advance();
    if (!events) return;
    const asked = this.reflections.ask(this.play.scenario, events, this.play.humanSeats);
    if (this.match.phase === 'ended') {
      this.stage = 'ended';
      this.phaseClock.stop();
      this.archive();
      this.broadcastLobby();
    } else {
      this.play.playBots([...this.play.bots, ...this.awaySeats()]);
      this.phaseClock.start(this.phaseMs());
      this.saveClock();
    }
    this.writes.afterWrites(() => {
      this.sendViews();
      this.broadcastTimer();
      for (const prompt of asked) this.sendToSeat(prompt.seat, 'reflectionPrompt', prompt);
    });
  }

  /** Sends a message to every client holding `seat`. */
  private sendToSeat<K extends ServerMessageType>(
    seat: string,
    type: K,
    message: ServerMessages[K],
  ): void {
    for (const person of this.seating.holders(seat)) {
      const client = this.clients.getById(person.id);
      if (client) sendTo(client, type, message);
    }
  }

  /** What the reflection desk sees of this room; answers join the ordered writes. */
  private reflectRoom(): ReflectRoom {
    return {
      seating: this.seating,
      fail: (client, type, code, reason, field) => this.fail(client, type, code, reason, field),
      answered: (seat, key) => this.sendToSeat(seat, 'reflected', key),
      persist: (reflection) =>
        this.writes.enqueue('store a reflection', async (store) => {
          await store.addReflection?.(this.roomId, reflection);
        }),
    };
  }

  /**
   * A command the store did not take must not stay in the match. The room
   * freezes its clock, waits for the writes in flight, reloads the match
   * from the log the store holds (up to the last command it committed), and
   * sends everyone that state; the senders of the lost commands got an
   * `internal` error instead of an ack. If even that fails the match stays
   * frozen and every command is refused (the host should restart the server).
   */
  private recover(): void {
    const store = this.store;
    if (this.play.recovering || !store?.loadLog) return;
    this.play.recovering = true;
    const before = `${this.match.round}:${this.match.phase}`;
    const wasPaused = this.phaseClock.paused;
    this.phaseClock.pause();
    this.writes
      .settled()
      .then(() => store.loadLog!(this.roomId))
      .then((log) => {
        this.play.reload(log);
        this.play.recovering = false;
        if (`${this.match.round}:${this.match.phase}` !== before) {
          this.phaseClock.start(this.phaseMs());
          if (wasPaused) this.phaseClock.pause();
        } else if (!wasPaused) this.phaseClock.resume();
        this.saveClock();
        this.resumeBots();
        this.writes.afterWrites(() => {
          this.sendViews();
          this.broadcastTimer();
        });
        console.error(
          `Match ${this.roomId}: reloaded from its log (${log.length} commands) after a failed write`,
        );
      })
      .catch((error: unknown) => {
        console.error(`Match ${this.roomId}: could not reload from the store; frozen:`, error);
      });
  }

  private resumeBots(): void {
    if (this.stage === 'playing') this.play.resumeBots();
  }

  /** What the chat sees of this room; chat lines join the ordered writes. */
  private chatRoom(): ChatRoom {
    return {
      stage: this.stage,
      seating: this.seating,
      hostTokenHash: this.hostTokenHash,
      clients: this.clients,
      send: (client, message) => sendTo(client, 'chat', message),
      fail: (client, type, code, reason, field) => this.fail(client, type, code, reason, field),
      persist: (entry) =>
        this.writes.chain(`append chat ${entry.seq}`, async (s) =>
          s.appendChat?.(this.roomId, entry),
        ),
    };
  }

  /** Stores who plays `seat` now: its token's hash, nickname, person or bot. */
  private saveSeat(seat: string): void {
    if (this.archived || !this.store) return;
    const record = seatRecord(
      seat,
      this.play.bots.has(seat),
      this.seating,
      this.seatNames,
      this.play.botLevel,
    );
    if (record)
      this.writes.enqueue(`store seat ${seat}`, (store) => store.upsertSeat(this.roomId, record));
  }

  private saveClock(): void {
    if (this.stage !== 'playing' || this.archived || !this.store) return;
    const clock = clockRecord(this.match, this.phaseClock);
    this.writes.enqueue('save the clock', (store) => store.saveClock(this.roomId, clock));
  }

  /** The match is over (the engine ended it, or the host did): archived after every write before it. */
  private archive(): void {
    if (this.archived) return;
    this.archived = true;
    // A started or restored room was kept without clients; once archived it may go when empty.
    if (!this.autoDispose) this.autoDispose = true;
    if (this.clients.length === 0) this.writes.afterWrites(() => void this.disconnect());
    const result = finishRecord(this.play.scenario, this.match, this.play.phaseHashes);
    this.writes.enqueue('archive the match', (store) => store.finish(this.roomId, result));
  }

  private phaseMs(): number {
    const phase = this.match.phase;
    return phase === 'ended' ? 0 : this.timers[phase] * 1000;
  }

  // ---- what clients receive ----

  private fail(
    client: Client,
    type: string,
    code: ErrorCode,
    reason: string,
    field: string | null = null,
    ref?: string,
  ): void {
    sendError(client, type, code, reason, field, ref);
  }

  private parse<T>(client: Client, type: string, schema: Parser<T>, raw: unknown): T | null {
    return parseOrRefuse(client, type, schema, raw);
  }

  private sendViews(): void {
    this.views.sendChanges(this.clients, (id) => this.seating.seatOf(id), this.match);
  }

  private timerMessage(): TimerMessage {
    return timerMessage(this.match, this.stage, this.phaseClock);
  }

  private broadcastTimer(): void {
    broadcast(this.clients, 'timer', this.timerMessage());
  }

  private broadcastLobby(): void {
    broadcast(this.clients, 'lobby', this.lobbyMessage());
  }

  private lobbyMessage(): LobbyMessage {
    return lobbyMessage({
      code: this.code,
      stage: this.stage,
      scenario: this.play.scenario,
      match: this.match,
      timers: this.timers,
      botLevel: this.play.botLevel,
      seating: this.seating,
      bots: this.play.bots,
      away: this.stage === 'playing' ? new Set(this.awaySeats()) : new Set(),
      isMuted: (person) => this.chat.isMuted(person),
      hostSession: this.hostSession,
      endedBy: this.endedBy,
    });
  }
}
