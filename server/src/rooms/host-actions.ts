import type { Client } from '@colyseus/core';
import {
  type Command,
  type ErrorCode,
  EXTENSIONS,
  type HostMessage,
  HostMessageSchema,
  REMOVED_BY_HOST,
  type ServerMessages,
  type ServerMessageType,
} from '@entanglement/shared';
import { tokenMatches } from '../store/tokens.ts';
import { parseOrRefuse, sendError } from './outbox.ts';
import { giveSeat } from './seat-messages.ts';
import { answerRequest, type RequestRoom } from './seat-requests.ts';

/** What the host's actions need of their match room. */
export interface HostRoom extends RequestRoom {
  readonly hostTokenHash: string;
  readonly clients: { getById(sessionId: string): Client | undefined };
  /** Whoever shows the host token is the host (after a restart nobody is until then). */
  claimHost(sessionId: string): void;
  /** The person is gone: if they were the host, nobody is until the token is shown again. */
  hostGone(sessionId: string): void;
  /** Starts the match (from the lobby). */
  start(): void;
  /** Once the match is over: a new one with the same settings and people (rooms/rematch.ts). */
  startRematch(host: Client): Promise<void>;
  setMuted(host: Client, person: string, muted: boolean): void;
  /** Stores the seating lock and the mutes, so that a restart keeps them. */
  saveHostState(): void;
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
  if (msg.action === 'rematch') return void room.startRematch(client);
  if (msg.action === 'lockSeating') {
    flow.seating.locked = msg.locked;
    room.saveHostState();
    return room.broadcastLobby();
  }
  if (msg.action === 'assignSeat') {
    if (assignSeat(room, client, msg.person, msg.seat) && room.requests.drop(msg.person))
      room.sendRequestsToHost();
    return;
  }
  if (msg.action === 'mute' || msg.action === 'unmute') {
    room.setMuted(client, msg.person, msg.action === 'mute');
    room.saveHostState();
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
    case 'extend': {
      const { left, capSeconds } = flow.extensions();
      if (left === 0)
        return fail(
          'limited',
          `This match has had its ${EXTENSIONS.perMatch} extensions: none is left.`,
        );
      if (msg.seconds > capSeconds)
        return fail(
          'limited',
          `One extension adds at most ${capSeconds} s in this phase, not ${msg.seconds} s.`,
        );
      flow.phaseClock.extend(msg.seconds * 1000);
      flow.extensionsUsed++;
      room.saveHostState();
      break;
    }
    case 'skip':
      return flow.advance();
    case 'inject':
    case 'replaceWithBot':
      return changeMatch(room, client, msg);
    case 'giveBotSeat':
      if (giveBotSeat(room, client, msg.person, msg.seat) && room.requests.drop(msg.person))
        room.sendRequestsToHost();
      return;
    case 'approveRequest':
    case 'declineRequest':
      return answer(room, client, msg.person, msg.action === 'approveRequest');
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
    if (!result.ok) {
      const problem = result.internal ? undefined : result.problem;
      const code = result.internal ? 'internal' : problem?.code === 'stale' ? 'stale' : 'illegal';
      return sendError(client, 'host', code, result.error, 'card', undefined, problem);
    }
  } else {
    if (!play.humanSeats.includes(msg.seat))
      return sendError(client, 'host', 'seatUnavailable', 'No person plays that seat.', 'seat');
    play.humanSeats = play.humanSeats.filter((s) => s !== msg.seat);
    play.bots.add(msg.seat);
    flow.away.forget(msg.seat);
    // A bot's seat is closed: every pass of it stops working, and its secrets reach no one.
    const sessions = seating.revokeSeat(msg.seat);
    room.seatLost(
      sessions,
      msg.seat,
      `The host handed ${seatName(room, msg.seat)} to a bot; you are now watching.`,
    );
    flow.saveSeat(msg.seat);
    play.playBots([msg.seat]);
    room.broadcastLobby();
  }
  flow.commandsApplied();
}

function seatName(room: HostRoom, seat: string): string {
  return room.flow.play.scenario.actors.find((a) => a.id === seat)?.name ?? seat;
}

/**
 * The host answers a spectator's open seat request: approving it seats them
 * the way the host's own actions would (a bot's seat with `giveBotSeat`,
 * a seat people play with `assignSeat`, as the seat is now); either way the
 * asker is told.
 */
function answer(room: HostRoom, host: Client, person: string, approve: boolean) {
  const request = room.requests.of(person);
  if (!request)
    return sendError(
      host,
      'host',
      'unknownPerson',
      'That person has no open seat request.',
      'person',
    );
  const name = seatName(room, request.seat);
  const target = room.clients.getById(person);
  if (!approve)
    return answerRequest(
      room,
      target,
      request,
      false,
      `The host declined your request for ${name}.`,
    );
  const seated = room.flow.play.bots.has(request.seat)
    ? giveBotSeat(room, host, person, request.seat)
    : assignSeat(room, host, person, request.seat);
  if (seated) answerRequest(room, target, request, true, `The host gave you a place at ${name}.`);
}

/** The connected person the host names, or null after telling the host nobody with that id is here. */
function personHere(room: HostRoom, host: Client, person: string): Client | null {
  const target = room.clients.getById(person);
  if (target && room.flow.seating.nickname(person) !== null) return target;
  sendError(host, 'host', 'unknownPerson', 'Nobody with that id is here.', 'person');
  return null;
}

/** Gives `target` a pass for `seat` during play, with the seat's whole view and its open questions. */
function seatDuringPlay(room: HostRoom, target: Client, seat: string) {
  giveSeat(room, target, seat);
  room.sendWholeView(target, seat);
  room.sendOpenQuestions(target, seat);
}

/**
 * The host hands a seat a bot plays back to a person (a student who came
 * late, or back): the bot stops playing it, and the person gets a new pass
 * of their own for it, sent to them only. A pass they held for another seat
 * stops working, as when they take any other seat.
 */
function giveBotSeat(room: HostRoom, host: Client, person: string, seat: string): boolean {
  const target = personHere(room, host, person);
  if (!target) return false;
  const { flow } = room;
  const { play } = flow;
  const fail = (code: ErrorCode, reason: string, field: string) => {
    sendError(host, 'host', code, reason, field);
    return false;
  };
  if (play.recovering)
    return fail('internal', 'The server is reloading the match; try again in a moment.', 'action');
  if (!play.bots.has(seat)) return fail('seatUnavailable', 'No bot plays that seat.', 'seat');
  play.bots.delete(seat);
  play.humanSeats = flow.match.seats.filter((s) => s === seat || play.humanSeats.includes(s));
  seatDuringPlay(room, target, seat);
  return true;
}

/**
 * Disconnects a person and revokes their pass: they cannot come back to
 * their seat with it, under any name or connection. Their team mates keep
 * their own passes; a mute on the person stays on that pass (chat.ts).
 */
function removePerson(room: HostRoom, host: Client, person: string) {
  const target = room.clients.getById(person);
  if (!target)
    return sendError(host, 'host', 'unknownPerson', 'Nobody with that id is here.', 'person');
  const { seating } = room.flow;
  const { seat, sessions } = seating.revoke(person);
  seating.remove(person);
  room.hostGone(person);
  target.leave(REMOVED_BY_HOST);
  if (seat !== null) {
    // Other connections with the same pass (the person's other tab) lose the seat too.
    room.seatLost(
      sessions.filter((id) => id !== person),
      seat,
      'The host removed the holder of this pass.',
    );
    room.flow.saveSeat(seat);
  }
  room.broadcastLobby();
}

/**
 * The host gives a person a pass of their own for a seat (in the lobby any
 * seat; during play a seat people play, never a bot's), or takes theirs
 * away (`seat: null`). With seating locked this is the only way to a seat.
 */
function assignSeat(room: HostRoom, host: Client, person: string, seat: string | null): boolean {
  const target = personHere(room, host, person);
  if (!target) return false;
  const { flow } = room;
  const { seating, play } = flow;
  const fail = (code: ErrorCode, reason: string, field: string) => {
    sendError(host, 'host', code, reason, field);
    return false;
  };
  if (flow.stage === 'ended') return fail('wrongStage', 'The match is over.', 'action');
  if (seat === null) {
    const { seat: held, sessions } = seating.revoke(person);
    if (held === null) return fail('seatUnavailable', 'That person holds no seat.', 'person');
    room.seatLost(sessions, held, 'The host took your seat away; you are now watching.');
    flow.saveSeat(held);
    room.broadcastLobby();
    return true;
  }
  if (!seating.has(seat)) return fail('seatUnavailable', `"${seat}" is not a seat here.`, 'seat');
  if (flow.stage === 'playing' && !play.humanSeats.includes(seat))
    return fail('seatUnavailable', 'A bot plays this seat.', 'seat');
  if (flow.stage === 'playing') seatDuringPlay(room, target, seat);
  else giveSeat(room, target, seat);
  return true;
}
