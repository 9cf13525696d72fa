import type { Client } from '@colyseus/core';
import {
  ClaimSeatSchema,
  CommandMessageSchema,
  type ErrorCode,
  ReadySchema,
  RejoinSeatSchema,
} from '@entanglement/shared';
import type { MatchFlow } from './match-flow.ts';
import { parseOrRefuse, sendError, sendTo } from './outbox.ts';

/** What the messages of a seat's players need of their match room. */
export interface SeatRoom {
  readonly flow: MatchFlow;
  broadcastLobby(): void;
  /** Sends the client its whole view as `seat` sees it. */
  sendWholeView(client: Client, seat: string): void;
  /** Sends the client the seat's reflection questions still open. */
  sendOpenQuestions(client: Client, seat: string): void;
}

/** `claimSeat`: in the lobby, the seat asked for (or the first empty one) and its token. */
export function claimSeat(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'claimSeat', ClaimSeatSchema, raw);
  if (!msg) return;
  const { stage, seating, match } = room.flow;
  const fail = (code: ErrorCode, reason: string) =>
    sendError(client, 'claimSeat', code, reason, 'seat');
  if (stage !== 'lobby')
    return fail('wrongStage', 'Seats are chosen in the lobby; the match has started.');
  const seat = msg.seat ?? seating.firstEmpty(match.seats);
  if (seat === null) return fail('seatUnavailable', 'Every seat is taken: pick one to join.');
  if (!seating.has(seat)) return fail('seatUnavailable', `"${seat}" is not a seat in this match.`);
  // A seat restored after a restart knows only its token's hash: it gets a new token.
  const token = seating.token(seat) ?? seating.rotate(seat);
  seating.sit(client.sessionId, seat);
  sendTo(client, 'seatToken', { seat, token });
  room.flow.saveSeat(seat);
  room.broadcastLobby();
}

/** `ready`: the lobby's ready mark. */
export function ready(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'ready', ReadySchema, raw);
  if (!msg) return;
  if (room.flow.stage !== 'lobby')
    return sendError(client, 'ready', 'wrongStage', 'Ready marks are for the lobby.', 'ready');
  room.flow.seating.setReady(client.sessionId, msg.ready);
  room.broadcastLobby();
}

/** `rejoinSeat`: back at a seat with its token, at any stage (a team mate, or after a restart). */
export function rejoinSeat(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'rejoinSeat', RejoinSeatSchema, raw);
  if (!msg) return;
  const { seating } = room.flow;
  const fail = (code: ErrorCode, reason: string, field: string) =>
    sendError(client, 'rejoinSeat', code, reason, field);
  if (!seating.has(msg.seat))
    return fail('seatUnavailable', `"${msg.seat}" is not a seat here.`, 'seat');
  if (!seating.matches(msg.seat, msg.token))
    return fail('badToken', 'Not this seat’s token.', 'token');
  seating.sit(client.sessionId, msg.seat);
  sendTo(client, 'seatToken', { seat: msg.seat, token: msg.token });
  room.flow.saveSeat(msg.seat);
  room.broadcastLobby();
  if (room.flow.stage !== 'lobby') room.sendWholeView(client, msg.seat);
  room.sendOpenQuestions(client, msg.seat);
}

/**
 * `command`: applied through the engine for a seat its sender holds (with
 * its token) and a person plays; acknowledged once the store has it.
 */
export function command(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'command', CommandMessageSchema, raw);
  if (!msg) return;
  const { command, ref } = msg;
  const { flow } = room;
  const { play, seating } = flow;
  const fail = (code: ErrorCode, reason: string, field: string) =>
    sendError(client, 'command', code, reason, field, ref);
  if (flow.stage !== 'playing') return fail('wrongStage', flow.notPlaying(), 'command');
  if (play.recovering)
    return fail(
      'internal',
      'The server is reloading the match after a storage error: try again in a moment.',
      'command',
    );
  if (!seating.has(command.seat))
    return fail('seatUnavailable', `"${command.seat}" is not a seat here.`, 'command.seat');
  if (!seating.matches(command.seat, msg.token))
    return fail('badToken', 'That is not this seat’s token.', 'token');
  if (play.bots.has(command.seat))
    return fail('seatUnavailable', 'A bot plays this seat.', 'command.seat');
  const stale = command.round !== flow.match.round || command.phase !== flow.match.phase;
  const result = play.apply(command);
  const refusal = result.internal ? 'internal' : stale ? 'stale' : 'illegal';
  if (!result.ok) return fail(refusal, result.error, 'command');
  const ack = { ref: ref ?? null, kind: command.kind, step: flow.match.step };
  result.saved.then(
    () => sendTo(client, 'ack', ack),
    () => fail('internal', 'The server could not save this command; tell the host.', 'command'),
  );
  flow.commandsApplied();
}
