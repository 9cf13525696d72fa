import type { Client } from '@colyseus/core';
import {
  type Command,
  type ErrorCode,
  type HostMessage,
  HostMessageSchema,
  REMOVED_BY_HOST,
  type ServerMessages,
  type ServerMessageType,
} from '@entanglement/shared';
import { tokenMatches } from '../store/tokens.ts';
import { parseOrRefuse, sendError } from './outbox.ts';
import type { SeatRoom } from './seat-messages.ts';

/** What the host's actions need of their match room. */
export interface HostRoom extends SeatRoom {
  readonly hostTokenHash: string;
  readonly clients: { getById(sessionId: string): Client | undefined };
  /** Whoever shows the host token is the host (after a restart nobody is until then). */
  claimHost(sessionId: string): void;
  /** The person is gone: if they were the host, nobody is until the token is shown again. */
  hostGone(sessionId: string): void;
  /** Starts the match (from the lobby). */
  start(): void;
  setMuted(host: Client, person: string, muted: boolean): void;
  broadcastTimer(): void;
  sendToSeat<K extends ServerMessageType>(seat: string, type: K, message: ServerMessages[K]): void;
}

/** A `host` message: checked against the host token, then the action if the stage allows it. */
export function hostAction(room: HostRoom, client: Client, raw: unknown) {
  const msg = parseOrRefuse(client, 'host', HostMessageSchema, raw);
  if (!msg) return;
  const { flow } = room;
  const fail = (code: ErrorCode, reason: string) =>
    sendError(client, 'host', code, reason, code === 'badToken' ? 'token' : 'action');
  if (!tokenMatches(msg.token, room.hostTokenHash))
    return fail('badToken', 'Only the host can do this.');
  room.claimHost(client.sessionId);
  if (msg.action === 'start') {
    if (flow.stage !== 'lobby') return fail('wrongStage', 'The match has already started.');
    return room.start();
  }
  if (msg.action === 'remove') return removePerson(room, client, msg.person);
  if (msg.action === 'mute' || msg.action === 'unmute') {
    room.setMuted(client, msg.person, msg.action === 'mute');
    return room.broadcastLobby();
  }
  if (flow.stage !== 'playing') return fail('wrongStage', flow.notPlaying());
  switch (msg.action) {
    case 'pause':
      if (!flow.phaseClock.pause()) return fail('wrongStage', 'The timer is already paused.');
      break;
    case 'resume':
      if (!flow.phaseClock.resume()) return fail('wrongStage', 'The timer is not paused.');
      break;
    case 'extend':
      flow.phaseClock.extend(msg.seconds * 1000);
      break;
    case 'skip':
      return flow.advance();
    case 'inject':
    case 'replaceWithBot':
      return changeMatch(room, client, msg);
    case 'end':
      return flow.endEarly();
  }
  flow.saveClock();
  room.broadcastTimer();
}

/** Host actions that change the match: a crisis injected, a seat handed to a bot. */
function changeMatch(
  room: HostRoom,
  client: Client,
  msg: HostMessage & { action: 'inject' | 'replaceWithBot' },
) {
  const { flow } = room;
  const { play, seating } = flow;
  if (play.recovering)
    return sendError(
      client,
      'host',
      'internal',
      'The server is reloading the match; try again in a moment.',
      'action',
    );
  if (msg.action === 'inject') {
    const { round, phase } = flow.match;
    const cmd: Command = { kind: 'injectCrisis', round, phase, card: msg.card };
    const result = play.apply(cmd);
    const code = result.internal ? 'internal' : 'illegal';
    if (!result.ok) return sendError(client, 'host', code, result.error, 'card');
  } else {
    if (!play.humanSeats.includes(msg.seat))
      return sendError(client, 'host', 'seatUnavailable', 'No person plays that seat.', 'seat');
    play.humanSeats = play.humanSeats.filter((s) => s !== msg.seat);
    play.bots.add(msg.seat);
    seating.unseat(msg.seat);
    seating.rotate(msg.seat);
    flow.saveSeat(msg.seat);
    play.playBots([msg.seat]);
    room.broadcastLobby();
  }
  flow.commandsApplied();
}

/** Disconnects a person; a seat they held gets a new token, sent to the others holding it. */
function removePerson(room: HostRoom, host: Client, person: string) {
  const target = room.clients.getById(person);
  if (!target)
    return sendError(host, 'host', 'unknownPerson', 'Nobody with that id is here.', 'person');
  const { seating } = room.flow;
  const seat = seating.seatOf(person);
  seating.remove(person);
  room.hostGone(person);
  target.leave(REMOVED_BY_HOST);
  if (seat !== null) {
    const token = seating.rotate(seat);
    room.sendToSeat(seat, 'seatToken', { seat, token });
    room.flow.saveSeat(seat);
  }
  room.broadcastLobby();
}
