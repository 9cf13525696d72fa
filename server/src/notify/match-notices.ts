import type { Clock, Delayed } from '@colyseus/core';
import type { MatchFlow } from '../rooms/match-flow.ts';
import type { NoticeOutbox } from './notice-outbox.ts';
import type { NoticeFacts, NoticeKind } from './texts.ts';

/** The deadline is near when this much of the phase is left (or an hour, whichever is less). */
const NEAR_SHARE = 1 / 4;
const NEAR_MAX_MS = 3600_000;
/** A reminder this close to the one already set is not set again. */
const REMINDER_SLACK_MS = 1000;

/** When, before a phase's end, seats not done are reminded: a quarter of it, at most an hour. */
export function nearDeadlineMs(phaseMs: number): number {
  return Math.min(phaseMs * NEAR_SHARE, NEAR_MAX_MS);
}

/** What the notices of one match read of its room. */
export interface NoticeRoom {
  clock(): Clock;
  /** Where notifications are queued; null: none are sent. */
  outbox(): NoticeOutbox | null;
  matchId(): string;
  /** The server's time (ms since 1970), as the match's deadlines read it (a test may inject it). */
  now(): number;
  /** The match's course; undefined before it is set up. */
  flow(): MatchFlow | undefined;
}

/**
 * When one match's notifications go out (docs/server.md, "Notifications"):
 * a phase starts (to every seat), its deadline is near (to the seats that
 * have not pressed Done, once per phase, when `nearDeadlineMs` is left), the
 * match ends (to every seat; then its targets are removed), a seat goes
 * away under the away rule (to that seat). The room calls
 * `check` whenever the match may have moved on (its timer or views are
 * sent); each notice is queued on the outbox and the room goes on.
 */
export class MatchNotices {
  /** The phase last announced ("round:phase"), and whether its reminder is done with. */
  private phaseKey: string | null = null;
  private reminded = false;
  private ended = false;
  private reminder: Delayed | null = null;
  /** When the reminder set is due (ms since 1970). */
  private reminderDue = 0;
  private readonly room: NoticeRoom;

  constructor(room: NoticeRoom) {
    this.room = room;
  }

  /**
   * A restored match: the phase under way was announced before the restart,
   * and so was its reminder if its time had come. It is reminded only if it
   * is still ahead.
   */
  restored(): void {
    const flow = this.room.flow();
    if (!flow) return;
    if (flow.stage === 'ended') this.ended = true;
    this.phaseKey = keyOf(flow);
    this.reminded = flow.phaseClock.remainingMs <= nearDeadlineMs(phaseMsOf(flow));
    this.check();
  }

  check(): void {
    const flow = this.room.flow();
    if (!this.room.outbox() || !flow || flow.stage === 'lobby' || this.ended) return;
    if (flow.stage === 'ended') {
      this.ended = true;
      this.stop();
      this.queue(flow, 'matchEnded', null);
      return;
    }
    const key = keyOf(flow);
    if (key !== this.phaseKey) {
      this.phaseKey = key;
      this.reminded = false;
      this.queue(flow, 'phaseStarted', null);
    }
    this.scheduleReminder(flow);
  }

  /**
   * The away rule handed these people's seats to a bot (rooms/away-seats.ts):
   * their people are told, so that a match over days does not go on without
   * them unnoticed.
   */
  seatsAway(seats: readonly string[]): void {
    const flow = this.room.flow();
    if (!this.room.outbox() || !flow || seats.length === 0) return;
    this.queue(flow, 'seatAway', new Set(seats));
  }

  stop(): void {
    this.reminder?.clear();
    this.reminder = null;
  }

  /** (Re)sets the reminder for the time now left: a pause holds it, an extension moves it. */
  private scheduleReminder(flow: MatchFlow): void {
    const clock = flow.phaseClock;
    const wait = clock.remainingMs - nearDeadlineMs(phaseMsOf(flow));
    if (!this.reminded && clock.running && !clock.paused && wait <= 0) this.reminded = true;
    if (this.reminded || !clock.running || clock.paused) {
      this.stop();
      return;
    }
    // Checked after every command: a reminder already set for about this time is kept.
    const due = this.room.now() + wait;
    if (this.reminder && Math.abs(due - this.reminderDue) < REMINDER_SLACK_MS) return;
    this.stop();
    this.reminderDue = due;
    const key = this.phaseKey;
    this.reminder = this.room.clock().setTimeout(() => {
      this.reminder = null;
      const now = this.room.flow();
      if (now?.stage !== 'playing' || keyOf(now) !== key || now.phaseClock.paused) return;
      this.reminded = true;
      const owing = now.play.humanSeats.filter((s) => !now.match.drafts[s]?.done);
      if (owing.length > 0) this.queue(now, 'deadlineNear', new Set(owing));
    }, wait);
  }

  private queue(flow: MatchFlow, kind: NoticeKind, seats: Set<string> | null): void {
    this.room.outbox()?.send({
      kind,
      facts: factsOf(this.room.matchId(), flow, this.room.now()),
      seats,
      stillHolds: (t) => flow.seating.passHashes(t.seat).includes(t.passHash),
    });
  }
}

function keyOf(flow: MatchFlow): string {
  return `${flow.match.round}:${flow.match.phase}`;
}

function phaseMsOf(flow: MatchFlow): number {
  const phase = flow.match.phase;
  return phase === 'ended' ? 0 : flow.timers[phase] * 1000;
}

/** The public facts of the match now: what a notification may say. */
function factsOf(matchId: string, flow: MatchFlow, now: number): NoticeFacts {
  const { match, phaseClock } = flow;
  const counting = flow.stage === 'playing' && phaseClock.running && !phaseClock.paused;
  return {
    matchId,
    scenarioId: match.scenarioId,
    round: match.round,
    rounds: match.settings.rounds,
    phase: match.phase,
    endsAt: counting ? now + phaseClock.remainingMs : null,
  };
}
