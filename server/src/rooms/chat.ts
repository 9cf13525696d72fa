import type { Client } from '@colyseus/core';
import {
  type ChatMessage,
  ChatSchema,
  type ErrorCode,
  type MatchStage,
} from '@entanglement/shared';
import { tokenMatches } from '../store/tokens.ts';
import type { ChatEntry } from '../store/types.ts';
import { RateWindow } from './rate-window.ts';
import type { Seating } from './seating.ts';
import { checkMessage } from './validation.ts';

function nameKey(nickname: string): string {
  return nickname.trim().toLowerCase();
}

/** What the chat needs of its match room. */
export interface ChatRoom {
  readonly stage: MatchStage;
  readonly seating: Seating;
  readonly hostTokenHash: string;
  readonly clients: Iterable<Client>;
  send(client: Client, message: ChatMessage): void;
  /** Sends one connection the history it may read (`chatHistory`). */
  sendHistory(client: Client, lines: ChatMessage[]): void;
  fail(client: Client, type: string, code: ErrorCode, reason: string, field: string | null): void;
  /** Stores the entry after every earlier write (resolves at once without a store). */
  persist(entry: ChatEntry): Promise<void>;
}

/** Lines one person (a pass, or the host) may write in CHAT_WINDOW_MS, over all their connections. */
const CHAT_LINES_PER_PERSON = 6;
/** Lines one seat (all its people together) may write in CHAT_WINDOW_MS. */
const CHAT_LINES_PER_SEAT = 12;
export const CHAT_WINDOW_MS = 10_000;
/** The most chat lines a match stores: past it, chat is refused (docs/security.md, "Limits"). */
export const MAX_CHAT_LINES = 3000;
/** The most history lines sent to one connection at once: the newest (the client keeps 300). */
const CHAT_HISTORY_LINES = 300;

/**
 * A match's chat: public (everyone in the match, spectators included), team
 * (the people holding the sender's seat) and private (the sender's seat and
 * the `to` seat). Only a seat's holders write, with their own valid pass;
 * the host may also write publicly with the host token. Spectators read
 * public chat but do not write. Text is plain text and stays so: it is never
 * turned into HTML here, and clients render it with `textContent`.
 *
 * A mute follows the person three ways: their session, their nickname and
 * their pass (a rejoin under a new name with the same pass stays muted).
 * Lines are counted per person (their pass: all their connections) and per
 * seat, and a match stores at most MAX_CHAT_LINES.
 */
export class Chat {
  /** The last seq given (restored from the store after a restart). */
  private seq: number;
  /** Muted people, by session id. */
  private readonly muted = new Set<string>();
  /**
   * And by nickname (case and spaces aside), so that leaving and joining
   * again under the same name, in a new tab, does not lift a mute.
   */
  private readonly mutedNames = new Set<string>();
  /** And by the hash of the pass they held their seat with. */
  private readonly mutedPasses = new Set<string>();
  private readonly rate = new RateWindow(CHAT_WINDOW_MS);
  /** Every line delivered, oldest first, for those who join or take a seat later. */
  private readonly history: ChatMessage[];

  /** `restored`: the lines stored before a restart (their nicknames are not stored: ''). */
  constructor(lastSeq = 0, restored: readonly ChatEntry[] = []) {
    this.seq = lastSeq;
    this.history = restored.map((entry) => ({ ...entry, nickname: '' }));
  }

  /** The lines a connection at `seat` (null: a spectator) may read, oldest first, the newest CHAT_HISTORY_LINES. */
  historyFor(seat: string | null): ChatMessage[] {
    return this.history.filter((m) => reaches(m, seat)).slice(-CHAT_HISTORY_LINES);
  }

  /** Sends a connection the history it may read now: after joining (public) and on holding a seat. */
  sendHistory(room: ChatRoom, client: Client, seat: string | null): void {
    const lines = this.historyFor(seat);
    if (lines.length > 0) room.sendHistory(client, lines);
  }

  isMuted(person: string, nickname: string | null, pass: string | null = null): boolean {
    return (
      this.muted.has(person) ||
      (nickname !== null && this.mutedNames.has(nameKey(nickname))) ||
      (pass !== null && this.mutedPasses.has(pass))
    );
  }

  /** The host (already checked) mutes or unmutes a person, by session id: the session and its nickname. */
  setMuted(room: ChatRoom, host: Client, person: string, muted: boolean) {
    const nickname = room.seating.nickname(person);
    if (nickname === null)
      return room.fail(host, 'host', 'unknownPerson', 'Nobody with that id is here.', 'person');
    const pass = room.seating.passOf(person);
    if (muted) {
      this.muted.add(person);
      this.mutedNames.add(nameKey(nickname));
      if (pass !== null) this.mutedPasses.add(pass);
    } else {
      this.muted.delete(person);
      this.mutedNames.delete(nameKey(nickname));
      if (pass !== null) this.mutedPasses.delete(pass);
    }
  }

  /** The mutes that outlast a restart (sessions do not): by nickname and by pass. */
  standingMutes(): { mutedNames: string[]; mutedPasses: string[] } {
    return { mutedNames: [...this.mutedNames], mutedPasses: [...this.mutedPasses] };
  }

  /** Mutes brought back from the store after a restart. */
  restoreMutes(mutes: { mutedNames: readonly string[]; mutedPasses: readonly string[] }): void {
    for (const name of mutes.mutedNames) this.mutedNames.add(nameKey(name));
    for (const pass of mutes.mutedPasses) this.mutedPasses.add(pass);
  }

  /** A person who left is forgotten (their session id is not reused). */
  forget(person: string): void {
    this.muted.delete(person);
  }

  /** Checks a `chat` message, stores it and delivers it to its recipients only. */
  receive(room: ChatRoom, client: Client, raw: unknown) {
    const checked = checkMessage('chat', ChatSchema, raw);
    if (!checked.ok) return client.send('error', checked.error);
    const msg = checked.data;
    const fail = (code: ErrorCode, reason: string, field: string | null) =>
      room.fail(client, 'chat', code, reason, field);
    if (room.stage === 'ended') return fail('wrongStage', 'The match is over.', null);
    const id = client.sessionId;
    const nickname = room.seating.nickname(id);
    if (nickname === null) return fail('unknownPerson', 'Join the match first.', null);
    const pass = room.seating.passOf(id);
    if (this.isMuted(id, nickname, pass))
      return fail('muted', 'The host has muted you: you cannot chat.', null);
    const seat = room.seating.seatOf(id);
    let from: string;
    if (seat !== null && room.seating.holds(id, seat, msg.token)) from = seat;
    else if (msg.channel === 'public' && tokenMatches(msg.token, room.hostTokenHash)) from = 'host';
    else return fail('badToken', 'Only seated players chat, with their own pass.', 'token');
    if (this.seq >= MAX_CHAT_LINES)
      return fail('limited', `This match's chat is full: at most ${MAX_CHAT_LINES} lines.`, null);
    const now = Date.now();
    const person = from === 'host' ? 'host' : `pass:${pass}`;
    if (!this.rate.take(person, CHAT_LINES_PER_PERSON, now))
      return fail(
        'limited',
        `Slow down: at most ${CHAT_LINES_PER_PERSON} lines in ${CHAT_WINDOW_MS / 1000} s from one person.`,
        null,
      );
    if (from !== 'host' && !this.rate.take(`seat:${from}`, CHAT_LINES_PER_SEAT, now))
      return fail(
        'limited',
        `Slow down: at most ${CHAT_LINES_PER_SEAT} lines in ${CHAT_WINDOW_MS / 1000} s from one seat.`,
        null,
      );
    let to: string | undefined;
    if (msg.channel === 'team') to = from;
    if (msg.channel === 'private') {
      if (!room.seating.has(msg.to))
        return fail('seatUnavailable', `"${msg.to}" is not a seat here.`, 'to');
      if (msg.to === from)
        return fail('seatUnavailable', 'Use the team channel to write to your own seat.', 'to');
      to = msg.to;
    }
    const entry: ChatEntry = {
      seq: ++this.seq,
      from,
      channel: msg.channel,
      ...(to === undefined ? {} : { to }),
      text: msg.text,
      at: now,
    };
    const message: ChatMessage = { ...entry, nickname };
    room.persist(entry).then(
      () => {
        this.history.push(message);
        for (const other of room.clients)
          if (reaches(entry, room.seating.seatOf(other.sessionId))) room.send(other, message);
      },
      () => fail('internal', 'The server could not save this message; tell the host.', null),
    );
  }
}

/** Whether a client at `seat` (null: spectator) receives `entry`. */
function reaches(entry: Pick<ChatEntry, 'channel' | 'from' | 'to'>, seat: string | null): boolean {
  if (entry.channel === 'public') return true;
  if (seat === null) return false;
  return seat === entry.from || seat === entry.to;
}
