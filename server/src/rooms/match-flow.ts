import type { Clock } from '@colyseus/core';
import {
  EXTENSIONS,
  extensionCapSeconds,
  type MatchStage,
  type MatchState,
  type Phase,
  type PhaseTimers,
  type ServerMessages,
  type ServerMessageType,
  type StateParts,
} from '@entanglement/shared';
import { roomLog } from '../log.ts';
import type { AwayState, ClockRecord, HostState, SeatRecord } from '../store/types.ts';
import { AwaySeats } from './away-seats.ts';
import { MatchPlay } from './match-play.ts';
import { clockRecord, finishRecord, seatRecord } from './match-records.ts';
import type { MatchSetup } from './match-setup.ts';
import { PhaseClock } from './phase-clock.ts';
import type { ReflectionDesk } from './reflections.ts';
import { SeatHistory } from './seat-history.ts';
import { Seating } from './seating.ts';
import type { WriteQueue } from './write-queue.ts';

/** How soon a phase whose end failed is tried again once its timer has run out. */
const ADVANCE_RETRY_MS = 5000;

/** What the match's flow needs of its room. */
export interface FlowRoom {
  /** The match's id in the store (the room's id, read when a write is made). */
  matchId(): string;
  /** Hashes the state after every command (and tells the views what changed). */
  readonly stateParts: StateParts;
  readonly clock: Clock;
  /** The server's time (ms since 1970): `Date.now` unless a test injects a clock. */
  now(): number;
  /** The store's writes, in order; its store is null when matches live in memory only. */
  readonly writes: WriteQueue;
  readonly reflections: ReflectionDesk;
  /** Sends every client what changed in its view. */
  sendViews(): void;
  broadcastTimer(): void;
  broadcastLobby(): void;
  sendToSeat<K extends ServerMessageType>(seat: string, type: K, message: ServerMessages[K]): void;
  /** The match is archived: the room may close once nobody is in it. */
  archived(): void;
  /** Who held a seat when changed: stored with the host state, so that a restart keeps it. */
  seatHistoryChanged(): void;
  /** What the away rule counts changed: stored with the host state too. */
  awayChanged(): void;
  /** The away rule handed these people's seats to a bot just now (their people are notified). */
  seatsWentAway(seats: readonly string[]): void;
}

/**
 * A match's course from the lobby to its end, apart from who is connected:
 * the stage, the phase clock, starting, ending each phase, ending the match,
 * and what the store keeps as it goes (seats, the clock, the archive),
 * reloading the match from the store's log after a write it lost.
 */
export class MatchFlow {
  /** The engine's match: state, log, bots. */
  readonly play: MatchPlay;
  readonly seating: Seating;
  readonly phaseClock: PhaseClock;
  readonly timers: PhaseTimers;
  stage: MatchStage = 'lobby';
  endedBy: 'host' | null = null;
  /** Phase extensions the host has given this match (kept in the host state). */
  extensionsUsed = 0;
  /** The last nickname stored for each seat (kept when its people leave). */
  private readonly seatNames = new Map<string, string>();
  private archived = false;
  private readonly room: FlowRoom;
  /** Who held each seat when, since the start (for the end screen, archive and match file). */
  history = new SeatHistory();
  /** The away rule's counts: which people's seats a bot plays until they come back. */
  away: AwaySeats;

  constructor(setup: MatchSetup, room: FlowRoom) {
    this.room = room;
    const { scenario, settings, seed, match, log, botLevel } = setup;
    this.play = new MatchPlay({
      scenario,
      settings,
      seed,
      match,
      log,
      botLevel,
      parts: room.stateParts,
      writes: room.writes,
      matchId: () => room.matchId(),
      onLostWrite: () => this.recover(),
    });
    this.play.phaseHashes.push(...setup.phaseHashes);
    this.timers = setup.timers;
    this.away = new AwaySeats(setup.away);
    this.seating = new Seating(this.match.seats);
    this.phaseClock = new PhaseClock(room.clock, () => this.advance());
  }

  /** The engine's state of the match. */
  get match(): MatchState {
    return this.play.match;
  }

  /**
   * Seats as stored before a restart: each holder's pass is valid again (by
   * its hash: nobody's pass changes), bots stay bots and have none. A seat a
   * server before personal passes stored has its one shared token as a pass.
   */
  restoreSeats(seats: readonly SeatRecord[]): void {
    for (const seat of seats) {
      const legacy = seat.tokenHash === null ? [] : [seat.tokenHash];
      if (seat.kind !== 'bot') this.seating.restore(seat.seat, seat.passHashes ?? legacy);
      this.seatNames.set(seat.seat, seat.nickname);
      if (seat.kind === 'bot') this.play.bots.add(seat.seat);
    }
  }

  /** A restored match that was being played goes on with the time its phase had left. */
  resumePlay(clock: ClockRecord | null): void {
    this.stage = 'playing';
    this.play.humanSeats = this.match.seats.filter((s) => !this.play.bots.has(s));
    const current = clock?.round === this.match.round && clock.phase === this.match.phase;
    if (!current || clock === null) this.phaseClock.start(this.phaseMs());
    else if (clock.paused) this.phaseClock.startPaused(clock.remainingMs);
    else this.phaseClock.start(Math.max(0, clock.phaseEndsAt - this.room.now()));
    if (!current) this.saveClock();
    // A kill can land between two bot commands: bots finish the phase they were playing.
    this.resumeBots();
  }

  /**
   * People play the seats they hold; bots play the rest, and a bot's seat is
   * closed: a pass made for it in the lobby by someone not there now stops
   * working.
   */
  start(): void {
    this.play.humanSeats = this.match.seats.filter((s) => this.seating.holders(s).length > 0);
    for (const seat of this.match.seats)
      if (!this.play.humanSeats.includes(seat)) {
        this.play.bots.add(seat);
        this.seating.revokeSeat(seat);
      }
    this.stage = 'playing';
    for (const seat of this.match.seats) this.saveSeat(seat);
    this.play.playBots();
    this.phaseClock.start(this.phaseMs());
    this.saveClock();
    this.room.broadcastLobby();
    this.room.writes.afterWrites(() => {
      this.room.sendViews();
      this.room.broadcastTimer();
    });
  }

  /** The phase ends: timer ran out, every seat is done, or the host skipped it. */
  advance(): void {
    if (this.stage !== 'playing' || this.play.recovering) return;
    const ending = this.match.phase;
    const events = this.play.advance();
    if (!events) {
      this.advanceFailed();
      return;
    }
    const asked = this.room.reflections.ask(this.play.scenario, events, this.play.humanSeats);
    if (this.match.phase === 'ended') this.finish(null);
    else {
      this.countSilence(ending);
      this.play.playBots([...this.play.bots, ...this.awaySeats()]);
      this.phaseClock.start(this.phaseMs());
      this.saveClock();
    }
    this.room.writes.afterWrites(() => {
      this.room.sendViews();
      this.room.broadcastTimer();
      for (const prompt of asked) this.room.sendToSeat(prompt.seat, 'reflectionPrompt', prompt);
    });
  }

  /**
   * The phase could not end (the engine threw and the match was rebuilt, or
   * it refused): the match stays in its phase, and a timer that had run out
   * tries again shortly rather than leaving it waiting for the host.
   */
  private advanceFailed(): void {
    if (!this.phaseClock.running) {
      this.phaseClock.start(ADVANCE_RETRY_MS);
      this.saveClock();
    }
    this.room.writes.afterWrites(() => {
      this.room.sendViews();
      this.room.broadcastTimer();
    });
  }

  /**
   * Commands were applied: bots answer what they now owe (a person's offer,
   * invitation, or a crisis the host injected), then the phase ends early if
   * every seat is done, else clients see them.
   */
  commandsApplied(): void {
    this.resumeBots();
    if (this.play.everyoneDone()) this.advance();
    else this.room.writes.afterWrites(() => this.room.sendViews());
  }

  /** The host ends the match: the engine scores it on the rounds played, then it is archived. */
  endEarly(): void {
    if (this.stage !== 'playing' || this.play.recovering) return;
    if (!this.play.endEarly()) return;
    this.finish('host');
    this.room.writes.afterWrites(() => this.room.sendViews());
  }

  /** The match is over: the engine ended it, or the host did (`endedBy`). */
  finish(endedBy: 'host' | null): void {
    this.stage = 'ended';
    this.endedBy = endedBy;
    const ending = this.match.ending;
    roomLog(this.room.matchId()).info(
      `match ended in round ${this.match.round}: ${endedBy === 'host' ? 'the host ended it' : (ending?.reason ?? 'over')}`,
    );
    this.phaseClock.stop();
    this.archive();
    this.room.broadcastLobby();
  }

  /**
   * People's seats a bot plays meanwhile. Under the away rule, those whose
   * people sent nothing for its number of deciding phases, until one of them
   * takes the seat back. Without it, those with nobody connected: a stand-in
   * bot plays each phase that starts while they are away, and whoever comes
   * back with the seat's pass plays from then on.
   */
  awaySeats(): string[] {
    if (this.away.rule.on) return this.play.humanSeats.filter((seat) => this.away.isAway(seat));
    return this.play.humanSeats.filter((seat) => this.seating.holders(seat).length === 0);
  }

  /** The phase `ending` is over: the away rule counts who was silent, and hands the long silent to a bot. */
  private countSilence(ending: Phase): void {
    if (!this.away.rule.on) return;
    const gone = this.away.phaseEnded(ending, this.play.humanSeats);
    for (const seat of gone) this.noteHolders(seat);
    this.room.awayChanged();
    if (gone.length === 0) return;
    roomLog(this.room.matchId()).info(`away: a bot plays ${gone.join(', ')} until they come back`);
    this.room.broadcastLobby();
    this.room.seatsWentAway(gone);
  }

  /** Someone at the people's seat `seat` sent a command: they are not silent this phase. */
  heardFrom(seat: string): void {
    if (this.away.heard(seat)) this.room.awayChanged();
  }

  /** One of the seat's people is back (their pass, checked by the caller): people play it again. */
  takeBack(seat: string): boolean {
    if (!this.away.takeBack(seat)) return false;
    this.noteHolders(seat);
    this.room.awayChanged();
    this.room.broadcastLobby();
    return true;
  }

  /** The away rule's counts as a restart must find them. */
  awayState(): AwayState {
    return this.away.state();
  }

  /** The away rule's counts from the host state stored before a restart. */
  restoreAway(state: AwayState | undefined): void {
    this.away = new AwaySeats(this.away.rule, state);
  }

  /** Why a message that needs the match under way is refused now. */
  notPlaying(): string {
    return this.stage === 'lobby' ? 'The match has not started yet.' : 'The match is over.';
  }

  // ---- what the store keeps ----

  /** Runs `fn` once every store write queued so far has settled (at once without a store). */
  afterWrites(fn: () => void): void {
    this.room.writes.afterWrites(fn);
  }

  /** Stores who plays `seat` now: its passes' hashes, nickname, person or bot. */
  saveSeat(seat: string): void {
    this.noteHolders(seat);
    if (this.archived || !this.room.writes.store) return;
    const bot = this.play.bots.has(seat);
    const record = seatRecord(seat, bot, this.seating, this.seatNames, this.play.botLevel);
    if (record)
      this.room.writes.enqueue(`store seat ${seat}`, (store) =>
        store.upsertSeat(this.room.matchId(), record),
      );
  }

  /** Notes in the seat history who holds `seat` now (during play): its pass holders, or a bot. */
  private noteHolders(seat: string): void {
    if (this.stage !== 'playing' || this.archived) return;
    const { names, complete } = this.seating.passHolders(seat);
    const bot = this.play.bots.has(seat) || this.away.isAway(seat);
    const holders = bot ? [null] : names;
    const { round, phase } = this.match;
    // A bot at the seat closes its people's spans even while some of their names are unknown.
    if (this.history.sync(seat, holders, { round, phase }, bot || complete))
      this.room.seatHistoryChanged();
  }

  /** Stores the host's seating lock and mutes (they must outlast a restart). */
  saveHostState(state: HostState): void {
    if (this.archived || !this.room.writes.store?.saveHostState) return;
    this.room.writes.enqueue('store the host state', (store) =>
      store.saveHostState!(this.room.matchId(), state),
    );
  }

  saveClock(): void {
    if (this.stage !== 'playing' || this.archived || !this.room.writes.store) return;
    const clock = clockRecord(this.match, this.phaseClock, this.room.now());
    this.room.writes.enqueue('save the clock', (store) =>
      store.saveClock(this.room.matchId(), clock),
    );
  }

  /** The match is over (the engine ended it, or the host did): archived after every write before it. */
  archive(): void {
    if (this.archived) return;
    this.archived = true;
    this.room.archived();
    const result = finishRecord(this.play.scenario, this.match, this.play.phaseHashes);
    this.room.writes.enqueue('archive the match', (store) =>
      store.finish(this.room.matchId(), result),
    );
  }

  /**
   * A command the store did not take must not stay in the match. The flow
   * freezes its clock, waits for the writes in flight, reloads the match
   * from the log the store holds (up to the last command it committed), and
   * sends everyone that state; the senders of the lost commands got an
   * `internal` error instead of an ack. If even that fails the match stays
   * frozen and every command is refused (the host should restart the server).
   */
  private recover(): void {
    const { writes } = this.room;
    const matchId = () => this.room.matchId();
    const store = writes.store;
    if (this.play.recovering || !store?.loadLog) return;
    this.play.recovering = true;
    const before = `${this.match.round}:${this.match.phase}`;
    const wasPaused = this.phaseClock.paused;
    this.phaseClock.pause();
    writes
      .settled()
      .then(() => store.loadLog!(matchId()))
      .then((log) => {
        this.play.reload(log);
        this.play.recovering = false;
        if (`${this.match.round}:${this.match.phase}` !== before) {
          this.phaseClock.start(this.phaseMs());
          if (wasPaused) this.phaseClock.pause();
        } else if (!wasPaused) this.phaseClock.resume();
        this.saveClock();
        this.resumeBots();
        writes.afterWrites(() => {
          this.room.sendViews();
          this.room.broadcastTimer();
        });
        roomLog(matchId()).error(
          `reloaded from its log (${log.length} commands) after a failed write`,
        );
      })
      .catch((error: unknown) => {
        roomLog(matchId()).error({ err: error }, 'could not reload from the store; frozen');
      });
  }

  /** Bots play what they have to do now (their turn, or answers they owe). */
  private resumeBots(): void {
    if (this.stage === 'playing' && !this.play.recovering) this.play.playBots();
  }

  private phaseMs(): number {
    const phase = this.match.phase;
    return phase === 'ended' ? 0 : this.timers[phase] * 1000;
  }

  /** What the host may still extend: how many times, and by how much now. */
  extensions(): { left: number; capSeconds: number } {
    return {
      left: Math.max(0, EXTENSIONS.perMatch - this.extensionsUsed),
      capSeconds: extensionCapSeconds(this.phaseMs() / 1000),
    };
  }

  /** The longest phase of this match, in ms: a match played over days is not "deserted" overnight. */
  longestPhaseMs(): number {
    return Math.max(...Object.values(this.timers)) * 1000;
  }
}
