import type { Client } from '@colyseus/core';
import {
  ClaimSeatSchema,
  CommandMessageSchema,
  type ErrorCode,
  LeaveSeatSchema,
  type Problem,
  ReadySchema,
  RejoinSeatSchema,
  TakeSeatBackSchema,
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
  /** Tells each of `sessions` that it no longer holds `seat`, and why. */
  seatLost(sessions: readonly string[], seat: string, reason: string): void;
}

/**
 * Gives the person a new pass of their own for `seat` and sends it to them
 * only (`seatToken`); a pass they held before stops working.
 */
export function giveSeat(room: SeatRoom, client: Client, seat: string): void {
  const { seating } = room.flow;
  const before = seating.seatOf(client.sessionId);
  const issued = seating.issue(client.sessionId, seat);
  if (!issued) return;
  if (before !== null && issued.revoked.length > 0)
    room.seatLost(issued.revoked, before, 'The person whose pass this was took another seat.');
  if (before !== null && before !== seat) room.flow.saveSeat(before);
  room.flow.saveSeat(seat);
  // The pass goes out once its hash is stored: a server killed just after still knows it.
  room.flow.afterWrites(() => sendTo(client, 'seatToken', { seat, token: issued.pass }));
  room.broadcastLobby();
}

/**
 * `claimSeat`: in the lobby, unless the host has locked seating, the seat
 * asked for (or the first empty one) with a new pass of the claimant's own.
 * Nobody else's pass changes: people already there keep theirs (a team).
 */
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
  if (seating.locked)
    return fail('seatUnavailable', 'The host assigns the seats in this match: ask the host.');
  giveSeat(room, client, seat);
}

/** `leaveSeat`: the person gives up their seat; their pass stops working. */
export function leaveSeat(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'leaveSeat', LeaveSeatSchema, raw);
  if (!msg) return;
  const { seating } = room.flow;
  const { seat, sessions } = seating.revoke(client.sessionId);
  if (seat === null)
    return sendError(client, 'leaveSeat', 'seatUnavailable', 'You hold no seat.', null);
  room.seatLost(sessions, seat, 'You left the seat.');
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

/**
 * `rejoinSeat`: back at a seat with one's own pass, at any stage (a reload,
 * a second device, after a restart). Only a pass valid for that seat now
 * binds: a revoked one (left, removed, handed to a bot) never does.
 */
export function rejoinSeat(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'rejoinSeat', RejoinSeatSchema, raw);
  if (!msg) return;
  const { seating } = room.flow;
  const fail = (code: ErrorCode, reason: string, field: string) =>
    sendError(client, 'rejoinSeat', code, reason, field);
  if (!seating.has(msg.seat))
    return fail('seatUnavailable', `"${msg.seat}" is not a seat here.`, 'seat');
  if (!seating.bind(client.sessionId, msg.seat, msg.token))
    return fail('badToken', 'That is not a pass for this seat (or no longer).', 'token');
  sendTo(client, 'seatToken', { seat: msg.seat, token: msg.token });
  room.flow.saveSeat(msg.seat);
  room.broadcastLobby();
  if (room.flow.stage !== 'lobby') room.sendWholeView(client, msg.seat);
  room.sendOpenQuestions(client, msg.seat);
}

/**
 * `takeSeatBack`: one of the seat's people, holding it now with their own
 * pass, is back at a seat the away rule had handed to a bot: people play it
 * again from now on. (Any command of theirs does the same.)
 */
export function takeSeatBack(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'takeSeatBack', TakeSeatBackSchema, raw);
  if (!msg) return;
  const { flow } = room;
  const fail = (code: ErrorCode, reason: string, field: string) =>
    sendError(client, 'takeSeatBack', code, reason, field);
  if (flow.stage !== 'playing') return fail('wrongStage', flow.notPlaying(), 'seat');
  if (!flow.seating.has(msg.seat))
    return fail('seatUnavailable', `"${msg.seat}" is not a seat here.`, 'seat');
  if (!flow.seating.holds(client.sessionId, msg.seat, msg.token))
    return fail('badToken', 'You do not hold this seat with that pass.', 'token');
  if (!flow.takeBack(msg.seat))
    return fail('seatUnavailable', 'No bot is playing this seat for you.', 'seat');
}

/**
 * `command`: applied through the engine for a seat its sender holds now
 * (with its own valid pass) and a person plays; acknowledged once the store
 * has it.
 */
export function command(room: SeatRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'command', CommandMessageSchema, raw);
  if (!msg) return;
  const { command, ref } = msg;
  const { flow } = room;
  const { play, seating } = flow;
  const fail = (code: ErrorCode, reason: string, field: string, problem?: Problem) =>
    sendError(client, 'command', code, reason, field, ref, problem);
  if (flow.stage !== 'playing') return fail('wrongStage', flow.notPlaying(), 'command');
  if (play.recovering)
    return fail(
      'internal',
      'The server is reloading the match after a storage error: try again in a moment.',
      'command',
    );
  if (!seating.has(command.seat))
    return fail('seatUnavailable', `"${command.seat}" is not a seat here.`, 'command.seat');
  if (!seating.holds(client.sessionId, command.seat, msg.token))
    return fail('badToken', 'You do not hold this seat with that pass.', 'token');
  if (play.bots.has(command.seat))
    return fail('seatUnavailable', 'A bot plays this seat.', 'command.seat');
  // Anything a person sends for the seat says they are there (and takes back a seat the away rule gave a bot).
  flow.takeBack(command.seat);
  flow.heardFrom(command.seat);
  const result = play.apply(command);
  if (!result.ok) {
    // The engine's code says what kind of refusal it is; the server does not judge the command again.
    const problem = result.internal ? undefined : result.problem;
    const refusal = result.internal ? 'internal' : problem?.code === 'stale' ? 'stale' : 'illegal';
    return fail(refusal, result.error, 'command', problem);
  }
  const ack = { ref: ref ?? null, kind: command.kind, step: flow.match.step };
  result.saved.then(
    () => sendTo(client, 'ack', ack),
    () => fail('internal', 'The server could not save this command; tell the host.', 'command'),
  );
  flow.commandsApplied();
}
