import type { Client } from '@colyseus/core';
import { type ErrorCode, type SeatRequest, SeatRequestSchema } from '@entanglement/shared';
import { parseOrRefuse, sendError, sendTo } from './outbox.ts';
import { RateWindow } from './rate-window.ts';
import type { SeatRoom } from './seat-messages.ts';

/** Seat requests one person (their connection and their nickname) may make per window. */
const SEAT_REQUESTS_PER_PERSON = 3;
const SEAT_REQUEST_WINDOW_MS = 60_000;

/** What seat requests need of their match room. */
export interface RequestRoom extends SeatRoom {
  readonly requests: SeatRequests;
  /** Sends the host (if connected) every open request. */
  sendRequestsToHost(): void;
}

/**
 * Spectators' open requests for a seat during play: one per person (a new
 * one replaces theirs), kept while the asker is connected, until the host
 * approves or declines it. Kept in the room's memory: the host sees them
 * again after a reload, not after a server restart (the askers' connections
 * are gone then too).
 */
export class SeatRequests {
  private readonly open = new Map<string, SeatRequest>();
  private readonly rate = new RateWindow(SEAT_REQUEST_WINDOW_MS);

  /** Whether the person may ask once more now (counted by connection and by nickname). */
  take(person: string, nickname: string, now: number): boolean {
    const name = `name:${nickname.trim().toLowerCase()}`;
    return (
      this.rate.take(person, SEAT_REQUESTS_PER_PERSON, now) &&
      this.rate.take(name, SEAT_REQUESTS_PER_PERSON, now)
    );
  }

  put(request: SeatRequest): void {
    this.open.set(request.person, request);
  }

  of(person: string): SeatRequest | undefined {
    return this.open.get(person);
  }

  /** Drops the person's request; whether there was one. */
  drop(person: string): boolean {
    return this.open.delete(person);
  }

  /** Every open request, oldest first. */
  list(): SeatRequest[] {
    return [...this.open.values()].sort((a, b) => a.at - b.at);
  }
}

/**
 * `requestSeat`: a spectator during play asks the host for a seat (to join
 * its team, or to take it over from a bot), or withdraws their request
 * (`seat: null`). The host is sent the open requests; nothing else changes
 * until the host answers (host-actions.ts, `approveRequest`, `declineRequest`).
 */
export function requestSeat(room: RequestRoom, client: Client, raw: unknown, now = Date.now()) {
  const msg = parseOrRefuse(client, 'requestSeat', SeatRequestSchema, raw);
  if (!msg) return;
  const { flow, requests } = room;
  const { seating, play } = flow;
  const fail = (code: ErrorCode, reason: string, field: string | null = 'seat') =>
    sendError(client, 'requestSeat', code, reason, field);
  const person = client.sessionId;
  if (msg.seat === null) {
    if (requests.drop(person)) room.sendRequestsToHost();
    return;
  }
  if (flow.stage !== 'playing')
    return fail('wrongStage', 'Seats are asked for during play; in the lobby, take one.');
  if (!seating.has(msg.seat)) return fail('seatUnavailable', `"${msg.seat}" is not a seat here.`);
  if (seating.seatOf(person) !== null)
    return fail('seatUnavailable', 'You hold a seat already: ask the host to move you.');
  const nickname = seating.nickname(person) ?? '';
  if (!requests.take(person, nickname, now))
    return fail(
      'limited',
      `At most ${SEAT_REQUESTS_PER_PERSON} seat requests a minute: wait for the host's answer.`,
      null,
    );
  requests.put({ person, nickname, seat: msg.seat, bot: play.bots.has(msg.seat), at: now });
  room.sendRequestsToHost();
}

/** Tells the asker what became of their request and drops it. */
export function answerRequest(
  room: RequestRoom,
  target: Client | undefined,
  request: SeatRequest,
  approved: boolean,
  reason: string,
): void {
  room.requests.drop(request.person);
  if (target) sendTo(target, 'seatRequestAnswer', { seat: request.seat, approved, reason });
  room.sendRequestsToHost();
}
