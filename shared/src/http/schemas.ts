import { z } from 'zod';
import { BOT_LEVELS } from '../bots/bot.ts';
import { PhaseTimersSchema, SeatSpanSchema } from '../protocol.ts';
import { REPLAY_ERROR_CODES } from '../replay/errors.ts';
import { ForkOriginSchema, ForkRequestSchema } from '../replay/fork.ts';
import { MatchFileSchema } from '../replay/match-file.ts';
import { ACTOR_KINDS, CONCEPTS, PHASES } from '../vocabulary.ts';

/**
 * The HTTP API's inputs and answers (docs/server.md, "HTTP API"): the server
 * checks every request with these and the client every answer; the OpenAPI
 * document is generated from them (openapi.ts). Schemas only: no I/O.
 */

/** Page size of GET /api/matches when `limit` is not given, and the largest allowed. */
export const DEFAULT_PAGE = 20;
export const MAX_PAGE = 100;
/** How many matches a browser may ask about at once (POST /api/matches/mine). */
export const MAX_OWN_MATCHES = 200;
/** The longest annotation or reflection text the archive keeps. */
export const MAX_NOTE_LENGTH = 2000;
/** The longest label a host may give a finished match ("Class 9B · period 3"). */
export const MAX_LABEL_LENGTH = 60;
/** The most rounds a match has (the create schema's bound). */
const MAX_ROUNDS = 16;

// ---- refusals ----

/** Every refusal: one sentence for people; a refused input also lists each field at fault. */
export const ApiErrorSchema = z.object({
  error: z.string(),
  problems: z.array(z.string()).optional(),
});
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Where a replay went wrong (ReplayErrorAt). */
const ReplayAtSchema = z.object({
  round: z.number().int().optional(),
  phase: z.string().optional(),
  command: z.number().int().optional(),
});

/** A match that cannot be replayed: the replay's code and where (import 422, a derived document 409). */
export const ReplayRefusalSchema = ApiErrorSchema.extend({
  code: z.enum([...REPLAY_ERROR_CODES, 'tooManyCommands']).optional(),
  at: ReplayAtSchema.optional(),
});

// ---- pieces of the inputs ----

/** A whole number written in the query string; `message` names the field and its range. */
function queryWholeNumber(min: number, max: number, message: string) {
  return z
    .string({ error: message })
    .regex(/^\d+$/, message)
    .transform(Number)
    .pipe(z.number().min(min, message).max(max, message));
}

/** A day (YYYY-MM-DD, UTC) as ms since the epoch at its start. */
function queryDay(name: string) {
  const message = `${name} must be a date written YYYY-MM-DD.`;
  return z
    .string({ error: message })
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((day) => !Number.isNaN(Date.parse(`${day}T00:00:00Z`)), message)
    .transform((day) => Date.parse(`${day}T00:00:00Z`));
}

/** A match id in a path: the room ids and imported ids this server gives. */
const MatchId = z.string().min(1).max(100).describe('The match id (its room id).');

export const MatchIdParamsSchema = z.object({ id: MatchId });

/** The share link's key, as `?key=` (or as the Authorization header's token). */
const ShareKeyQuery = {
  key: z
    .string()
    .max(64)
    .optional()
    .describe("The key of the host's share link (instead of an Authorization header)."),
};

// ---- what the routes answer ----

export const HealthSchema = z.object({ ok: z.literal(true), name: z.literal('entanglement') });

const SeatSummarySchema = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(ACTOR_KINDS),
  colour: z.string().regex(/^#[0-9a-f]{6}$/),
});
/** A scenario as GET /api/scenarios lists it (the engine's ScenarioSummary). */
export const ScenarioSummarySchema = z.object({
  id: z.string(),
  title: z.string(),
  description: z.string(),
  seats: z.object({
    required: z.array(SeatSummarySchema),
    optional: z.array(SeatSummarySchema),
    minOptional: z.number().int(),
    maxOptional: z.number().int(),
  }),
});
export const ScenarioListSchema = z.array(ScenarioSummarySchema);

export const JoinCodeParamsSchema = z.object({
  code: z
    .string()
    .max(40, 'code must be a join code of at most 40 characters.')
    .describe('The join code as people type it (any case, spaces and dashes ignored).'),
});
export const FoundMatchSchema = z.object({ roomId: z.string(), code: z.string() });

/**
 * POST /api/matches/:id/fork: the moment to fork at, fresh dice or not, one
 * seat's changed decisions, and the new lobby's timers and bot level.
 */
export const ForkBodySchema = ForkRequestSchema.extend({
  timers: PhaseTimersSchema.optional(),
  botLevel: z.enum(BOT_LEVELS).optional(),
});
export type ForkBody = z.input<typeof ForkBodySchema>;

/** The answer to POST /api/matches (CreatedMatch), to the creating request only. */
export const CreatedMatchSchema = z.object({
  roomId: z.string(),
  code: z.string(),
  hostToken: z.string().describe('The host credential: keep it; it is never sent again.'),
});

/** A seat as anyone may see it: never a token or its hash. */
export const PublicSeatSchema = z.object({
  seat: z.string(),
  nickname: z.string(),
  kind: z.enum(['human', 'bot']),
  botLevel: z.string().optional(),
});

const LABEL_MESSAGE = `label must be text of at most ${MAX_LABEL_LENGTH} characters, without control characters.`;
/**
 * A match's label as a host types it: hostile input. Spaces are collapsed
 * and trimmed; control characters and the invisible direction overrides
 * (which could make a label read differently from what it is) are refused.
 */
export const MatchLabelSchema = z
  .string({ error: LABEL_MESSAGE })
  .max(MAX_LABEL_LENGTH * 4, LABEL_MESSAGE)
  .transform((text) => text.normalize('NFC').replace(/\s+/g, ' ').trim())
  .pipe(
    z
      .string()
      .max(MAX_LABEL_LENGTH, LABEL_MESSAGE)
      .regex(/^[^\p{Cc}\p{Cf}\u2028\u2029]*$/u, LABEL_MESSAGE),
  );

/** A finished match in the archive's lists. */
export const FinishedSummarySchema = z.object({
  id: z.string(),
  scenarioId: z.string(),
  rulesVersion: z.number().int(),
  createdAt: z.number(),
  finishedAt: z.number(),
  winner: z.string().nullable(),
  rounds: z.number().int(),
  seats: z.array(PublicSeatSchema),
  /** Who held each seat when (none for matches from before it was kept). */
  seatHistory: z.array(SeatSpanSchema).optional(),
  /** A fork's origin: the match and moment it was forked from (docs/replays.md, "Forks"). */
  fork: ForkOriginSchema.optional(),
  /** The host's label (a class, a period); none when not labelled. */
  label: z.string().optional(),
});
export type FinishedSummary = z.infer<typeof FinishedSummarySchema>;

export const ListMatchesQuerySchema = z.object({
  limit: queryWholeNumber(1, MAX_PAGE, `limit must be a whole number from 1 to ${MAX_PAGE}.`)
    .optional()
    .describe(`Page size (default ${DEFAULT_PAGE}).`),
  offset: queryWholeNumber(0, Number.MAX_SAFE_INTEGER, 'offset must be a whole number, 0 or more.')
    .optional()
    .describe('Matches to skip (default 0).'),
  scenario: z
    .string({ error: 'scenario must be one scenario id.' })
    .min(1, 'scenario must be one scenario id.')
    .optional()
    .describe('Only matches of this scenario.'),
  from: queryDay('from').optional().describe('Only matches finished on or after this day (UTC).'),
  to: queryDay('to').optional().describe('Only matches finished on or before this day (UTC).'),
  label: MatchLabelSchema.optional().describe(
    'Only matches with this label (as the host gave it).',
  ),
});
export const MatchPageSchema = z.object({
  total: z.number().int().describe('How many matches the filter keeps (for paging).'),
  limit: z.number().int(),
  offset: z.number().int(),
  matches: z.array(FinishedSummarySchema).describe('Newest first.'),
});

const CREDENTIALS_MESSAGE = `credentials must be a list of at most ${MAX_OWN_MATCHES} { id, token } pairs.`;
export const OwnMatchesBodySchema = z.object(
  {
    credentials: z
      .array(
        z.object(
          {
            id: z.string({ error: CREDENTIALS_MESSAGE }).max(40, CREDENTIALS_MESSAGE),
            token: z.string({ error: CREDENTIALS_MESSAGE }).max(64, CREDENTIALS_MESSAGE),
          },
          { error: CREDENTIALS_MESSAGE },
        ),
        { error: CREDENTIALS_MESSAGE },
      )
      .max(MAX_OWN_MATCHES, CREDENTIALS_MESSAGE)
      .describe('What this browser holds: host tokens, seat passes, share keys.'),
    label: MatchLabelSchema.optional().describe('Only matches with this label.'),
  },
  { error: CREDENTIALS_MESSAGE },
);
/** How a browser may read one of its own matches. */
export const OWN_ROLES = ['host', 'player', 'link'] as const;
export const OwnMatchesSchema = z.object({
  total: z.number().int(),
  matches: z.array(FinishedSummarySchema.extend({ role: z.enum(OWN_ROLES) })),
});

/**
 * Where a live match this browser holds a credential for stands, as the
 * credential's holder may see it: no other seat's orders, no secret.
 */
export const LiveStandingSchema = z.object({
  id: z.string(),
  scenario: z.string().describe('The scenario id.'),
  stage: z.enum(['lobby', 'playing']),
  round: z.number().int(),
  rounds: z.number().int(),
  phase: z.enum(PHASES),
  /** When the phase ends by the server's clock (ms since 1970); null in the lobby or while paused. */
  endsAt: z.number().nullable(),
  paused: z.boolean(),
  role: z.enum(['host', 'player']),
  /** The seat the credential holds (a player's pass), else null. */
  seat: z.string().nullable(),
  /** The seat is asked for its orders or answers now and has not pressed Done. */
  waitingOnMe: z.boolean(),
  /** How many seats in play have not pressed Done in this phase. */
  seatsNotDone: z.number().int(),
  /** The match's join code (the credential's holder has it already, or is invited to a rematch). */
  code: z.string().optional(),
  /** This match is the rematch of the finished match the credential was sent for (its id). */
  rematchOf: z.string().optional(),
});
export type LiveStanding = z.infer<typeof LiveStandingSchema>;
export const LiveMatchesSchema = z.object({ matches: z.array(LiveStandingSchema) });

export const ImportedSchema = z.object({
  id: z.string().describe('The id the imported copy is kept under.'),
  hostToken: z.string().describe("The copy's host token: whoever imported it may annotate it."),
});

/** A teacher's note pinned to a moment of a finished match. */
export const AnnotationSchema = z.object({
  id: z.number().int(),
  round: z.number().int(),
  phase: z.string(),
  text: z.string(),
  at: z.number(),
});
export type Annotation = z.infer<typeof AnnotationSchema>;
export const AnnotationListSchema = z.object({ annotations: z.array(AnnotationSchema) });

/** A player's one line on why their seat did what it did (or how it was entrapped). */
export const ReflectionSchema = z.object({
  id: z.number().int(),
  seat: z.string(),
  round: z.number().int(),
  phase: z.string(),
  eventType: z.string(),
  eventIndex: z.number().int().optional(),
  crisis: z.string().optional(),
  text: z.string(),
  at: z.number(),
});
export type Reflection = z.infer<typeof ReflectionSchema>;

export const ChatQuerySchema = z.object({
  chat: z
    .enum(['public', 'all'], { error: 'chat must be "public" or "all".' })
    .optional()
    .describe('"all" (the host only) includes team and private chat; default "public".'),
  ...ShareKeyQuery,
});
export const ShareKeyQuerySchema = z.object(ShareKeyQuery);
/** GET /api/matches/:id: the match file with the notes and reflections kept beside it. */
export const ArchivedMatchSchema = MatchFileSchema.extend({
  annotations: z.array(AnnotationSchema),
  reflections: z.array(ReflectionSchema),
});

export const VisibilityBodySchema = z.object(
  { public: z.boolean({ error: 'public must be true or false.' }) },
  { error: 'public must be true or false.' },
);
export const VisibilitySchema = z.object({ id: z.string(), public: z.boolean() });

export const LabelBodySchema = z.object(
  {
    label: MatchLabelSchema.nullable().describe(
      'The label (a class, a period); null or empty text removes it.',
    ),
  },
  { error: LABEL_MESSAGE },
);
export const LabelSchema = z.object({ id: z.string(), label: z.string().nullable() });

export const SharedLinkSchema = z.object({
  key: z.string(),
  path: z.string().describe('The replay page that opens with the key: /replay/ID?key=KEY.'),
});

export const AnnotationBodySchema = z.object(
  {
    round: z
      .number({ error: 'round must be a whole number.' })
      .int('round must be a whole number.')
      .min(1, `round must be a whole number from 1 to the match's rounds.`)
      .max(MAX_ROUNDS, `round must be a whole number from 1 to the match's rounds.`),
    phase: z.enum(PHASES, { error: `phase must be one of ${PHASES.join(', ')}.` }),
    text: z
      .string({ error: `text must be 1 to ${MAX_NOTE_LENGTH} characters.` })
      .max(MAX_NOTE_LENGTH, `text must be 1 to ${MAX_NOTE_LENGTH} characters.`)
      .refine((t) => t.trim() !== '', `text must be 1 to ${MAX_NOTE_LENGTH} characters.`),
  },
  { error: 'The body must be an object { round, phase, text }.' },
);
export const NoteParamsSchema = z.object({
  id: MatchId,
  note: z
    .string()
    .regex(/^\d{1,15}$/, 'note must be the number of an annotation.')
    .transform(Number)
    .describe('The annotation id.'),
});

// ---- the debrief (the engine's MatchDebrief) ----

const DebriefCardSchema = z.object({ id: z.string(), title: z.string(), debrief: z.string() });
const CrisisMomentSchema = z.object({
  type: z.enum(['entrapment', 'abandonment']),
  actor: z.string(),
  partner: z.string(),
  round: z.number().int(),
  entry: z.number().int(),
  event: z.number().int(),
  crisis: z.string().nullable(),
  card: DebriefCardSchema.nullable(),
});
const ConceptShownSchema = z.object({
  concept: z.enum(CONCEPTS),
  events: z.number().int(),
  cards: z.array(DebriefCardSchema),
});
const SeatScoreSchema = z.object({
  seat: z.string(),
  goals: z.array(z.object({ label: z.string(), value: z.number(), stars: z.number() })),
  objective: z.object({ id: z.string(), text: z.string(), met: z.boolean() }).nullable(),
  grievancePenalty: z.number(),
  stars: z.number(),
  par: z.number(),
  margin: z.number(),
  warMaker: z.boolean(),
  rank: z.number().int(),
});
export const DebriefSchema = z.object({
  actors: z.array(
    z.object({
      actor: z.string(),
      commitments: z.object({
        offersSent: z.number().int(),
        offersAccepted: z.number().int(),
        treatiesFormed: z.number().int(),
        noticesGiven: z.number().int(),
        tiesLowered: z.number().int(),
        kept: z.number().int(),
        broken: z.number().int(),
      }),
      calls: z.object({
        honoured: z.number().int(),
        hedged: z.number().int(),
        abandoned: z.number().int(),
      }),
      entrapments: z.array(CrisisMomentSchema),
      abandonments: z.object({ by: z.array(CrisisMomentSchema), of: z.array(CrisisMomentSchema) }),
      score: SeatScoreSchema.nullable(),
      concepts: z.array(ConceptShownSchema),
    }),
  ),
  concepts: z.array(ConceptShownSchema),
  awards: z.array(
    z.object({
      id: z.enum(['mostEntrapped', 'abandonedAlly', 'bestBroker', 'mostLoyal', 'closestToChina']),
      title: z.string(),
      seat: z.string(),
      value: z.number(),
    }),
  ),
  ending: z
    .object({
      round: z.number().int(),
      reason: z.enum(['lastRound', 'greatPowerWar', 'endedEarly']),
      roundsPlayed: z.number().int(),
    })
    .nullable(),
});

/** GET /api/address: where other devices on the network reach this server. */
export const AddressesSchema = z.object({
  addresses: z
    .array(z.string())
    .describe("This machine's network addresses; told only to a browser on this machine."),
});

// ---- notifications (docs/server.md, "Notifications") ----

/** How many ways to be told (browsers, e-mail addresses) one seat of a match may register. */
export const MAX_NOTICE_TARGETS_PER_SEAT = 5;
/** The languages a notification is written in (the client's). */
export const NOTICE_LANGUAGES = ['en', 'zh-CN'] as const;

const base64url = (name: string, min: number, max: number) =>
  z
    .string({ error: `${name} must be base64url text.` })
    .min(min, `${name} must be ${min} to ${max} base64url characters.`)
    .max(max, `${name} must be ${min} to ${max} base64url characters.`)
    .regex(/^[A-Za-z0-9_-]+={0,2}$/, `${name} must be base64url text.`);

/** A browser's push subscription (PushSubscription.toJSON()): where to send and how to encrypt. */
export const PushTargetSchema = z.object({
  endpoint: z
    .url({ error: 'push.endpoint must be an https URL.' })
    .max(1024, 'push.endpoint must be at most 1024 characters.'),
  keys: z.object({
    // An uncompressed P-256 point (65 bytes) and a 16-byte secret, base64url-encoded.
    p256dh: base64url('push.keys.p256dh', 86, 90),
    auth: base64url('push.keys.auth', 21, 26),
  }),
});
export type PushTarget = z.infer<typeof PushTargetSchema>;

/** The seat's own credential: the match and the pass this browser holds for it. */
const SeatCredentialShape = {
  matchId: z.string({ error: 'matchId must be a match id.' }).min(1).max(40),
  pass: z.string({ error: 'pass must be the seat pass.' }).min(1).max(64),
};

/** Opting in: the seat's pass, and a browser to push to and/or an e-mail address. */
export const NotifyBodySchema = z
  .object({
    ...SeatCredentialShape,
    push: PushTargetSchema.optional(),
    email: z
      .email({ error: 'email must be an e-mail address.' })
      .max(254, 'email must be at most 254 characters.')
      .optional(),
    language: z.enum(NOTICE_LANGUAGES).default('en'),
    timeZone: z
      .string()
      .max(64)
      .default('UTC')
      .describe("The person's IANA time zone (Europe/Paris): deadlines are written in it."),
  })
  .refine((b) => b.push !== undefined || b.email !== undefined, {
    error: 'Give push, email or both: where to send the notifications.',
  });
export type NotifyBody = z.infer<typeof NotifyBodySchema>;

/** Opting out: the seat's pass, and which browser or address (none given: every one this pass registered). */
export const NotifyOffBodySchema = z.object({
  ...SeatCredentialShape,
  endpoint: z.string().max(1024).optional(),
  email: z.string().max(254).optional(),
});

/** What this server can send: its VAPID public key (null: no Web Push), and whether it sends e-mail. */
export const NotifyInfoSchema = z.object({
  publicKey: z.string().nullable(),
  email: z.boolean(),
});
export const NotifySubscribedSchema = z.object({
  seat: z.string(),
  /** How many ways this seat is now told. */
  targets: z.number().int(),
});
export const NotifyRemovedSchema = z.object({ removed: z.number().int() });
