import type { Client } from '@colyseus/core';
import type { CreateMatchOptions } from '@entanglement/shared';
import { reasonOf, roomLog } from '../log.ts';
import type { SeatRecord } from '../store/types.ts';
import { createRematchRoom, rematchIdOf } from './creation.ts';
import type { MatchFlow } from './match-flow.ts';
import { sendError, sendTo } from './outbox.ts';

/** What a rematch needs of the finished match's room. */
export interface RematchRoom {
  readonly flow: MatchFlow;
  readonly hostTokenHash: string;
  matchId(): string;
  /** The host's nickname in this match (the rematch's creator). */
  hostNickname(): string;
  /** The connected clients to tell: the host and whoever holds a seat with a valid pass. */
  invitees(): Client[];
}

type Where = { roomId: string; code: string };

/**
 * The host's rematch of a finished match: a new match of the same scenario
 * and settings whose lobby opens to the same credentials. The rematch
 * keeps the host token's hash and, seat by seat, the hashes of the passes
 * held at the end, so the host and every person come back to it with what
 * their browser already holds: no new secret is sent to anyone, and only
 * the holder of a valid credential of this match learns where it is (here,
 * or through "My matches", see creation.ts `liveStanding`). Seats bots
 * played at the end have no pass: bots again unless someone takes them.
 */
export class Rematch {
  private made: Where | null = null;
  private making = false;

  /** The host asked (again: they are told where the one already made is). */
  async start(room: RematchRoom, host: Client): Promise<void> {
    const { flow } = room;
    if (flow.stage !== 'ended')
      return sendError(
        host,
        'host',
        'wrongStage',
        'A rematch starts once the match is over.',
        null,
      );
    if (this.made) return sendTo(host, 'rematch', this.made);
    if (this.making) return;
    this.making = true;
    try {
      this.made = await createRematchRoom(optionsOf(room), room.hostTokenHash, {
        of: room.matchId(),
        roomId: rematchIdOf(room.matchId()),
        seats: seatsAtTheEnd(flow),
      });
    } catch (error) {
      roomLog(room.matchId()).error({ err: error }, 'could not start a rematch');
      return sendError(host, 'host', 'internal', `No rematch: ${reasonOf(error)}`, null);
    } finally {
      this.making = false;
    }
    roomLog(room.matchId()).info(`Rematch ${this.made.roomId} started`);
    for (const client of room.invitees()) sendTo(client, 'rematch', this.made);
  }

  /** Tells a person who came to hold a credential here (the host, a seat's pass) where the rematch is, if any. */
  tell(client: Client): void {
    if (this.made) sendTo(client, 'rematch', this.made);
  }
}

/** The finished match's settings as a creator gives them: the same scenario, seats, timers, bots and away rule. */
function optionsOf(room: RematchRoom): CreateMatchOptions {
  const { play, match, timers, away } = room.flow;
  return {
    scenario: play.scenario.id,
    nickname: room.hostNickname(),
    rounds: match.settings.rounds,
    pace: match.settings.pace,
    seats: [...match.seats],
    timers: { ...timers },
    preset: play.settings.preset,
    botLevel: play.botLevel,
    away: away.rule,
  };
}

/** Each seat people held at the end, with the hashes of their passes valid then. */
function seatsAtTheEnd(flow: MatchFlow): SeatRecord[] {
  return flow.match.seats.flatMap((seat) => {
    const passHashes = flow.seating.passHashes(seat);
    if (passHashes.length === 0 || flow.play.bots.has(seat)) return [];
    const nickname = flow.seating.passHolders(seat).names.join(' & ') || seat;
    return [{ seat, tokenHash: null, passHashes, nickname, kind: 'human' as const }];
  });
}
