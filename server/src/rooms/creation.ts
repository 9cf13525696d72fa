import { ErrorCode, matchMaker, ServerError } from '@colyseus/core';
import {
  type CreatedMatch,
  type LiveStanding,
  LiveStandingSchema,
  MATCH_ROOM,
} from '@entanglement/shared';
import { nanoid } from 'nanoid';
import type { ForkLaunch } from './fork-setup.ts';
import { heldMatches } from './held-matches.ts';
import { OneUseTickets } from './one-use-tickets.ts';

/** What a room is created with through `POST /api/matches`: the creator's options and the host token. */
export interface CreationTicket {
  options: unknown;
  hostToken: string;
  /** A fork of a finished match (POST /api/matches/:id/fork): what the server computed, never a client's. */
  fork?: ForkLaunch;
}

/**
 * Creations handed to rooms by one-time ticket, as restores are: only this
 * process puts a ticket here, so Colyseus's own matchmaking (`create`,
 * `joinOrCreate`) cannot make a match, and the host token is chosen here,
 * for the request that asked, before any socket connects.
 */
const tickets = new OneUseTickets<'creation', CreationTicket>('creation');

/** The create options that make a room a new match with this host token. */
function offerCreation(
  options: unknown,
  hostToken: string,
  fork?: ForkLaunch,
): { creation: string } {
  return tickets.offer({ options, hostToken, ...(fork ? { fork } : {}) });
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
 * Creates a match in this process from the creator's options (`POST
 * /api/matches`) and returns its room id, join code and host token: the
 * host credential goes to this request only. A bad option throws the
 * room's refusal (a ServerError naming it).
 */
/**
 * Where the live match `roomId` stands for the holder of `token`, asked of
 * its room in whichever process holds it; null when no live room answers
 * in time or the token opens nothing there.
 */
export async function liveStanding(roomId: string, token: string): Promise<LiveStanding | null> {
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

export async function createMatchRoom(options: unknown, fork?: ForkLaunch): Promise<CreatedMatch> {
  const hostToken = nanoid();
  const room = await matchMaker.handleCreateRoom(
    MATCH_ROOM,
    offerCreation(options, hostToken, fork),
  );
  const code =
    (room.metadata as { code?: string } | undefined)?.code ?? heldMatches.get(room.roomId);
  if (!code) throw new Error(`Match ${room.roomId} was created without a join code.`);
  return { roomId: room.roomId, code, hostToken };
}
