import { z } from 'zod';
import { BOT_LEVELS, type BotLevel } from './bots/bot.ts';
import type { ProblemCode, ProblemParams } from './commands/problem.ts';
import { SeatCommandSchema } from './commands/schema.ts';
import { REFLECTED_EVENTS, type ReflectionPrompt } from './reflection.ts';
import type { ForkOrigin } from './replay/fork.ts';
import type { SeatView } from './view.ts';
import type { ViewPatch } from './view-patch.ts';
import { PACES, PHASES, type Phase } from './vocabulary.ts';

/**
 * The match room's wire protocol (docs/protocol.md): the name of every
 * message, the zod schemas the server checks incoming payloads with and the
 * client builds them with, and the types of what the server sends.
 */

/** The Colyseus room type of a match. */
export const MATCH_ROOM = 'match';

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L). */
export const JOIN_CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const JOIN_CODE_LENGTH = 6;
export const JoinCodeSchema = z
  .string()
  .length(JOIN_CODE_LENGTH)
  .regex(/^[2-9A-HJKMNP-Z]+$/, 'not a join code');

/** Host and seat tokens are nanoids (21 URL-safe characters). */
export const TokenSchema = z.string().min(21).max(64);

export const NicknameSchema = z
  .string()
  .trim()
  .min(1)
  .max(24)
  .regex(/^[^\p{Cc}\p{Cf}]+$/u, 'no control characters');

/** The longest phase a host may set: a week, for matches played over days. */
export const MAX_PHASE_SECONDS = 7 * 24 * 3600;
const Seconds = z.number().int().min(1).max(MAX_PHASE_SECONDS);
/**
 * How often and by how much a host may extend a match's phases (the
 * webDiplomacy lesson: unbounded extensions let one side stall a match).
 * Each extension adds at most the phase's own length, and never less than
 * `minimumSeconds` may be asked for; everyone sees the extensions left.
 */
export const EXTENSIONS = { perMatch: 3, minimumSeconds: 300, maximumSeconds: 24 * 3600 } as const;
/** The most one extension of a phase `phaseSeconds` long may add. */
export function extensionCapSeconds(phaseSeconds: number): number {
  return Math.min(EXTENSIONS.maximumSeconds, Math.max(EXTENSIONS.minimumSeconds, phaseSeconds));
}
/** Seconds per phase; a phase left out takes its default. */
export const PhaseTimersSchema = z
  .object({
    news: Seconds,
    diplomacy: Seconds,
    responses: Seconds,
    calls: Seconds,
    resolution: Seconds,
  })
  .partial();
export type PhaseTimers = Record<Exclude<Phase, 'ended'>, number>;
export const DEFAULT_TIMERS: PhaseTimers = {
  news: 60,
  diplomacy: 300,
  responses: 120,
  calls: 120,
  resolution: 45,
};

/**
 * The away rule (diplicity's civil disorder), a setting of the match the
 * host chooses: with it on, a seat whose people sent nothing for
 * `afterPhases` deciding phases in a row (Negotiate & Commit, Responses,
 * Crisis calls; Briefing and Resolution only take a done mark) is played by
 * a bot until one of them comes back with their pass. With it off, a
 * stand-in bot plays each phase that starts while nobody holding the seat
 * is connected (the live default). A room setting: it changes no rule.
 */
export const AwayRuleSchema = z.object({
  on: z.boolean(),
  afterPhases: z.number().int().min(1).max(9),
});
export type AwayRule = z.infer<typeof AwayRuleSchema>;
/** Phases this long or longer make a match played over hours or days. */
export const LONG_PHASE_SECONDS = 3600;
/** The away rule a match gets when its host does not choose: on (after 2 phases) for matches over hours or days. */
export function defaultAwayRule(timers: PhaseTimers): AwayRule {
  return { on: Math.max(...Object.values(timers)) >= LONG_PHASE_SECONDS, afterPhases: 2 };
}

/** The body of `POST /api/matches`: the match's settings and the creator's nickname. */
export const CreateMatchSchema = z.object({
  scenario: z.string().min(1).max(40),
  nickname: NicknameSchema,
  rounds: z.number().int().min(1).max(16).optional(),
  pace: z.enum(PACES).optional(),
  /** Seats in play (the scenario's required ones plus the optional ones chosen). */
  seats: z.array(z.string().min(1).max(40)).min(1).max(32).optional(),
  timers: PhaseTimersSchema.optional(),
  /** The class preset: fewer action points and a shorter treaty notice (docs/rules.md §15). */
  preset: z.enum(['standard', 'class']).optional(),
  /** How well the doctrine bots play the seats nobody takes (and stand in for absent people). */
  botLevel: z.enum(BOT_LEVELS).optional(),
  /** The away rule; left out, `defaultAwayRule` of the timers. */
  away: AwayRuleSchema.optional(),
});
export type CreateMatchOptions = z.input<typeof CreateMatchSchema>;

/**
 * Options of `client.joinById(roomId, …)`: the match's join code is the gate
 * (docs/security.md); the creator (or the host coming back) also shows the
 * host token `POST /api/matches` answered. A seat is taken back with
 * `rejoinSeat` and one's own pass.
 */
export const JoinMatchSchema = z.object({
  nickname: NicknameSchema,
  code: z.string().trim().min(1).max(12),
  hostToken: TokenSchema.optional(),
});
export type JoinMatchOptions = z.input<typeof JoinMatchSchema>;

/** The answer to `POST /api/matches`, to the creating request only. */
export interface CreatedMatch {
  roomId: string;
  code: string;
  /** The host credential: kept by the creator's browser, never sent in a room message. */
  hostToken: string;
}

// ---- client → server ----

/** Take a seat in the lobby (`seat: null` = any seat nobody holds). */
export const ClaimSeatSchema = z.object({ seat: z.string().min(1).max(40).nullable() });
/** The lobby's ready mark of this person (no token: it is about the person, not the seat). */
export const ReadySchema = z.object({ ready: z.boolean() });
/** Give up one's seat: one's pass stops working (the seat stays for its other holders). */
export const LeaveSeatSchema = z.object({}).strict();
/** Bind this connection to a seat with one's own pass (a reload, a second device, a restart). */
export const RejoinSeatSchema = z.object({ seat: z.string().min(1).max(40), token: TokenSchema });
/** A seat command with one's own pass for that seat (`token`); `ref` comes back in the `ack`. */
export const CommandMessageSchema = z.object({
  token: TokenSchema,
  ref: z.string().max(40).optional(),
  command: SeatCommandSchema,
});
/**
 * Back at a seat the away rule had handed to a bot, with one's own pass for
 * it: people play it again from now on (any command of theirs does the same).
 */
export const TakeSeatBackSchema = z.object({ seat: z.string().min(1).max(40), token: TokenSchema });
const host = { token: TokenSchema };
export const HostMessageSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('start'), ...host }),
  z.object({ action: z.literal('pause'), ...host }),
  z.object({ action: z.literal('resume'), ...host }),
  z.object({
    action: z.literal('extend'),
    ...host,
    seconds: z.number().int().min(1).max(EXTENSIONS.maximumSeconds),
  }),
  z.object({ action: z.literal('skip'), ...host }),
  z.object({ action: z.literal('end'), ...host }),
  /**
   * Once the match is over: a new match with the same scenario and settings,
   * its lobby open to the same people, each at the seat they held at the end
   * with the pass they hold (bots' seats stay empty: bots again if nobody takes them).
   */
  z.object({ action: z.literal('rematch'), ...host }),
  /** Reveal a crisis card from the deck or discard now (before resolution). */
  z.object({ action: z.literal('inject'), ...host, card: z.string().min(1).max(40) }),
  /** A stand-in bot takes over the seat; its people become spectators and every pass of it stops working. */
  z.object({ action: z.literal('replaceWithBot'), ...host, seat: z.string().min(1).max(40) }),
  /**
   * During play, hand a seat a bot plays to a person (by the `id` in the
   * lobby): the bot stops, and the person gets a pass of their own for it.
   */
  z.object({
    action: z.literal('giveBotSeat'),
    ...host,
    person: z.string().min(1).max(40),
    seat: z.string().min(1).max(40),
  }),
  /** Disconnect a person (by the `id` in the lobby); their pass stops working. */
  z.object({ action: z.literal('remove'), ...host, person: z.string().min(1).max(40) }),
  /** While locked, nobody claims a seat: people sit only where the host assigns them. */
  z.object({ action: z.literal('lockSeating'), ...host, locked: z.boolean() }),
  /**
   * Give a person (by the `id` in the lobby) a pass of their own for `seat`
   * (a seat people play; in the lobby any seat), or take theirs away (`seat: null`).
   */
  z.object({
    action: z.literal('assignSeat'),
    ...host,
    person: z.string().min(1).max(40),
    seat: z.string().min(1).max(40).nullable(),
  }),
  /** Grant a spectator's open seat request (their team's seat, or a bot's: as `assignSeat` / `giveBotSeat`). */
  z.object({ action: z.literal('approveRequest'), ...host, person: z.string().min(1).max(40) }),
  /** Refuse a spectator's open seat request: they are told, and stay a spectator. */
  z.object({ action: z.literal('declineRequest'), ...host, person: z.string().min(1).max(40) }),
  /** Refuse a person's chat (by the `id` in the lobby) until `unmute`. */
  z.object({ action: z.literal('mute'), ...host, person: z.string().min(1).max(40) }),
  z.object({ action: z.literal('unmute'), ...host, person: z.string().min(1).max(40) }),
]);
export type HostMessage = z.infer<typeof HostMessageSchema>;
export type HostAction = HostMessage['action'];

export const CHAT_CHANNELS = ['public', 'team', 'private'] as const;
export type ChatChannel = (typeof CHAT_CHANNELS)[number];
export const CHAT_MAX_LENGTH = 500;
/**
 * Chat text: plain text, trimmed, 1–500 characters. Control characters other
 * than newline and tab, and bidirectional overrides, are refused. It is
 * stored and sent as given: clients render it as text (`textContent`), never
 * as HTML.
 */
export const ChatTextSchema = z
  .string()
  .trim()
  .min(1, 'write something')
  .max(CHAT_MAX_LENGTH, `at most ${CHAT_MAX_LENGTH} characters`)
  .regex(
    /^(?:[^\p{Cc}\u202A-\u202E\u2066-\u2069]|[\n\t])+$/u,
    'plain text only (no control characters)',
  );
/** A chat line, with the token of the sender's seat (or the host token, public only). */
export const ChatSchema = z.discriminatedUnion('channel', [
  z.object({ channel: z.literal('public'), token: TokenSchema, text: ChatTextSchema }),
  z.object({ channel: z.literal('team'), token: TokenSchema, text: ChatTextSchema }),
  z.object({
    channel: z.literal('private'),
    token: TokenSchema,
    to: z.string().min(1).max(40),
    text: ChatTextSchema,
  }),
]);
export type ChatInput = z.infer<typeof ChatSchema>;

/**
 * A player's one-line answer to a reflection prompt (why the seat honoured,
 * hedged, abandoned, or how it was entrapped), with the seat's token; the
 * fields name the prompt it answers.
 */
export const ReflectSchema = z.object({
  token: TokenSchema,
  round: z.number().int().min(1).max(16),
  phase: z.enum(PHASES),
  eventType: z.enum(REFLECTED_EVENTS),
  crisis: z.string().min(1).max(40).nullable(),
  text: ChatTextSchema.pipe(z.string().max(300, 'one line: at most 300 characters')),
});

/**
 * A spectator during play asks the host for a seat: to join the team of a
 * seat people play, or to take over a seat a bot plays. One open request per
 * person (a new one replaces it); `seat: null` withdraws it.
 */
export const SeatRequestSchema = z.object({ seat: z.string().min(1).max(40).nullable() });

export const CLIENT_MESSAGES = {
  requestSeat: SeatRequestSchema,
  claimSeat: ClaimSeatSchema,
  leaveSeat: LeaveSeatSchema,
  rejoinSeat: RejoinSeatSchema,
  takeSeatBack: TakeSeatBackSchema,
  ready: ReadySchema,
  command: CommandMessageSchema,
  host: HostMessageSchema,
  chat: ChatSchema,
  reflect: ReflectSchema,
} as const;
export type ClientMessageType = keyof typeof CLIENT_MESSAGES;
export type ClientMessage<T extends ClientMessageType> = z.input<(typeof CLIENT_MESSAGES)[T]>;

// ---- server → client ----

export const ERROR_CODES = [
  /** The payload does not match the message's schema (see `field`). */
  'badMessage',
  /** No such message type. */
  'unknownMessage',
  /** A seat or host token that does not match. */
  'badToken',
  /** The seat does not exist, is not in play, or is not yours to take now. */
  'seatUnavailable',
  /** Not possible in the match's current stage (lobby / playing / ended). */
  'wrongStage',
  /** The command was written for another round or phase. */
  'stale',
  /** The engine refused the command (the reason says why). */
  'illegal',
  /** No connected person has that id. */
  'unknownPerson',
  /** The host muted this person: their chat is refused. */
  'muted',
  /** Past a limit (chat lines per person or seat, a match's stored chat): the reason names it. */
  'limited',
  /** The server could not save an accepted command. */
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
export interface ErrorMessage {
  code: ErrorCode;
  /** A plain-language sentence for the player. */
  reason: string;
  /** The offending field as a dotted path (`command.order.amount`), or null. */
  field: string | null;
  /** The message type that was refused. */
  type: string;
  /** The `ref` of a refused command, when it had one. */
  ref?: string;
  /** For a command the engine refused (`illegal`, `stale`): the engine's code and parameters, as it gave them. */
  problem?: { code: ProblemCode; params: ProblemParams };
}

export type MatchStage = 'lobby' | 'playing' | 'ended';

/** The WebSocket close code of a person the host removed. */
export const REMOVED_BY_HOST = 4401;

/** A connected person: `id` is their Colyseus session id (what the host's `remove` names). */
export interface PersonInfo {
  id: string;
  nickname: string;
  /** Their ready mark in the lobby. */
  ready: boolean;
  /** The host muted their chat. */
  muted: boolean;
}

export interface LobbyMessage {
  code: string;
  stage: MatchStage;
  scenario: string;
  rounds: number;
  pace: 'quick' | 'full';
  timers: PhaseTimers;
  /** The level of the doctrine bots that play empty seats. */
  botLevel: BotLevel;
  /**
   * Every seat in play: who holds it, or a bot once the match has started.
   * `away`: a person's seat a bot plays meanwhile during play: under the away
   * rule, one whose people sent nothing for `awayRule.afterPhases` deciding
   * phases (until they take it back); without it, one with nobody connected
   * (a stand-in plays each phase that starts while it is away).
   */
  seats: { seat: string; name: string; people: PersonInfo[]; bot: boolean; away: boolean }[];
  /** The away rule of this match (the host's setting, shown to everyone). */
  awayRule: AwayRule;
  spectators: PersonInfo[];
  host: string | null;
  /** The host has locked seating: people sit only where the host assigns them. */
  seatingLocked: boolean;
  /** Why the match ended early, when the host ended it. */
  endedBy: 'host' | null;
  /** Who held each seat when, since the start (empty in the lobby). */
  seatHistory: SeatSpan[];
  /** A fork's origin: the finished match and moment it starts from (docs/replays.md, "Forks"). */
  fork?: ForkOrigin;
}

/** A spectator's open request for a seat during play, as the host sees it. */
export interface SeatRequest {
  /** The asker's session id (what `approveRequest` / `declineRequest` name). */
  person: string;
  nickname: string;
  seat: string;
  /** A bot plays the seat (taking it over) rather than people (joining their team). */
  bot: boolean;
  at: number;
}

const SeatMoment = z.object({ round: z.number().int().min(0).max(16), phase: z.enum(PHASES) });
/**
 * Who held a seat when, for the end screen, the archive and the match file:
 * a person (`nickname`) or a bot (`nickname: null`), from a round and phase
 * to another (`to: null`: until the match ended).
 */
export const SeatSpanSchema = z.object({
  seat: z.string().min(1).max(40),
  nickname: z.string().min(1).max(200).nullable(),
  from: SeatMoment,
  to: SeatMoment.nullable(),
});
export type SeatSpan = z.infer<typeof SeatSpanSchema>;

export interface WelcomeMessage {
  roomId: string;
  code: string;
  sessionId: string;
  nickname: string;
}

export interface TimerMessage {
  round: number;
  phase: Phase;
  /** Milliseconds left when this was sent (frozen while paused; 0 once ended). */
  remainingMs: number;
  paused: boolean;
  /**
   * When the phase ends by the server's clock (ms since 1970), while it counts
   * down; null when paused or ended. Clients show it in their own time zone;
   * the server's clock decides.
   */
  endsAt: number | null;
  /** Extensions the host may still give this match (EXTENSIONS.perMatch in all). */
  extensionsLeft: number;
  /** The most the next extension may add, in seconds (extensionCapSeconds of this phase). */
  extensionCapSeconds: number;
}

export interface AckMessage {
  ref: string | null;
  kind: string;
  /** The engine's step after the command. */
  step: number;
}

/** A chat line, sent only to its recipients. */
export interface ChatMessage {
  /** The match's chat counter: 1, 2, 3, … */
  seq: number;
  /** The sender's seat id, or 'host'. */
  from: string;
  nickname: string;
  channel: ChatChannel;
  /** The seat addressed (private only). */
  to?: string;
  /** Plain text: render it with `textContent`, never as HTML. */
  text: string;
  at: number;
}

export interface ServerMessages {
  welcome: WelcomeMessage;
  /** Only to the person the pass is for: it claimed, was assigned or rejoined the seat with it. */
  seatToken: { seat: string; token: string };
  /** To a connection that no longer holds its seat: it left, was replaced by a bot, or the host took it away. */
  seatLost: { seat: string; reason: string };
  lobby: LobbyMessage;
  /** Only to the host: every open seat request, oldest first (again whenever the host comes back). */
  seatRequests: { requests: SeatRequest[] };
  /** Only to the asker: what became of their seat request. */
  seatRequestAnswer: { seat: string; approved: boolean; reason: string };
  /** Each client's own view (`viewFor(state, its seat or null)`). */
  view: SeatView;
  /** What changed in the client's view since the last `view` or `viewPatch` it was sent. */
  viewPatch: ViewPatch;
  timer: TimerMessage;
  ack: AckMessage;
  error: ErrorMessage;
  chat: ChatMessage;
  /**
   * The chat lines this connection may read, oldest first: on joining (public
   * lines) and whenever it comes to hold a seat (with that seat's team and
   * private lines), so a reload or rejoin brings the history back.
   */
  chatHistory: { lines: ChatMessage[] };
  /** Only to the people holding the seat asked: why did it do that? (optional) */
  reflectionPrompt: ReflectionPrompt;
  /**
   * Only to the host and the people holding a seat when the host started a
   * rematch: where it is. Their host token and pass open it as they opened this match.
   */
  rematch: { roomId: string; code: string };
  /** The answer to a prompt was kept. */
  reflected: { round: number; phase: string; eventType: string; crisis: string | null };
}
export type ServerMessageType = keyof ServerMessages;
