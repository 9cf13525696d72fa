import { ErrorCode, matchMaker, ServerError } from '@colyseus/core';
import {
  type CreatedMatch,
  type LiveStanding,
  LiveStandingSchema,
  MATCH_ROOM,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import { hashToken } from '../store/tokens.ts';
import type { SeatRecord } from '../store/types.ts';
import type { ForkLaunch } from './fork-setup.ts';
import { heldMatches } from './held-matches.ts';
import { OneUseTickets } from './one-use-tickets.ts';

/**
 * What a room is created with: the creator's options and the host token's
 * hash (`POST /api/matches`; a rematch also names its room and the seats its
 * people come back to; a fork carries the start the server computed).
 */
export interface CreationTicket {
  options: unknown;
  hostTokenHash: string;
  rematch?: RematchSeed;
  /** A fork of a finished match (POST /api/matches/:id/fork): what the server computed, never a client's. */
  fork?: ForkLaunch;
}

/** A rematch's room id (rematchIdOf of the finished match `of`) and each people's seat with the hashes of the passes held at the end. */
export interface RematchSeed {
  of: string;
  roomId: string;
  seats: SeatRecord[];
}

/**
 * The room id of a match's rematch: fixed by the finished match's id, so
 * that "My matches" finds it from a credential of the finished match in
 * whichever process holds it, after a restart too, and a match has one rematch.
 */
export function rematchIdOf(matchId: string): string {
  return `${matchId}-r`;
}

/**
 * Creations handed to rooms by one-time ticket, as restores are: only this
 * process puts a ticket here, so Colyseus's own matchmaking (`create`,
 * `joinOrCreate`) cannot make a match, and the host token is chosen here,
 * for the request that asked, before any socket connects.
 */
const tickets = new OneUseTickets<'creation', CreationTicket>('creation');

/** The create options that make a room a new match with this host token. */
function offerCreation(ticket: CreationTicket): { creation: string } {
  return tickets.offer(ticket);
}

/** The creation behind create options holding a valid ticket (used once), or null. */
export function takeCreation(options: unknown): CreationTicket | null {
  return tickets.take(options);
}

/** The refusal of a room created any other way than `POST /api/matches`. */
export function creationRefused(): ServerError {
  return new ServerError(
    ErrorCode.MATCHMAKE_UNHANDLED,
    'Create a match with POST /api/matches: matchmaking does not create matches.',
  );
}

/**
 * Where the live match `roomId` stands for the holder of `token`, asked of
 * its room in whichever process holds it; null when no live room answers
 * in time or the token opens nothing there.
 */
export async function liveStanding(roomId: string, token: string): Promise<LiveStanding | null> {
  const answer = await askStanding(roomId, token);
  if (answer) return answer;
  // A finished match answers nothing: its rematch does, to a credential it was started with.
  // (Asked only if it exists: a call to a room no process holds waits for its timeout.)
  const rematchId = rematchIdOf(roomId);
  const exists = await matchMaker.query({ roomId: rematchId }).then(
    (found) => found.length > 0,
    () => false,
  );
  const rematch = exists ? await askStanding(rematchId, token) : null;
  return rematch && { ...rematch, rematchOf: roomId };
}

async function askStanding(roomId: string, token: string): Promise<LiveStanding | null> {
  try {
    const answer: unknown = await matchMaker.remoteRoomCall<StandingRoom>(
      roomId,
      'standing',
      [token],
      STANDING_TIMEOUT_MS,
    );
    const parsed = LiveStandingSchema.safeParse(answer);
    return parsed.success ? parsed.data : null;
  } catch {
    // No such room (finished, never existed, its process gone): nothing to show.
    return null;
  }
}

/** The match room's method "My matches" calls (MatchRoom.standing). */
interface StandingRoom {
  standing(token: unknown): unknown;
}

/** How long "My matches" waits for one room's answer. */
const STANDING_TIMEOUT_MS = 2000;

/**
 * Creates a match in this process from the creator's options (`POST
 * /api/matches`), or a fork's start, and returns its room id, join code and
 * host token: the host credential goes to this request only. A bad option
 * throws the room's refusal (a ServerError naming it).
 */
export async function createMatchRoom(options: unknown, fork?: ForkLaunch): Promise<CreatedMatch> {
  const hostToken = nanoid();
  const created = await createRoom({
    options,
    hostTokenHash: hashToken(hostToken),
    ...(fork ? { fork } : {}),
  });
  return { ...created, hostToken };
}

/**
 * Creates the rematch of a finished match in this process: the same options,
 * the same host token (by its hash) and the seats' passes (by theirs), so
 * nobody is sent a new secret. Returns its room id and join code.
 */
export async function createRematchRoom(
  options: unknown,
  hostTokenHash: string,
  rematch: RematchSeed,
): Promise<{ roomId: string; code: string }> {
  return createRoom({ options, hostTokenHash, rematch });
}

async function createRoom(ticket: CreationTicket): Promise<{ roomId: string; code: string }> {
  const room = await matchMaker.handleCreateRoom(MATCH_ROOM, offerCreation(ticket));
  const code =
    (room.metadata as { code?: string } | undefined)?.code ?? heldMatches.get(room.roomId);
  if (!code) throw new Error(`Match ${room.roomId} was created without a join code.`);
  return { roomId: room.roomId, code };
}
