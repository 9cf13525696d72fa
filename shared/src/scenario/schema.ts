import { z } from 'zod';
import { RULES } from '../rules.ts';
import {
  ACTOR_KINDS,
  CONCEPTS,
  INSTITUTION_KINDS,
  PACES,
  PHASES,
  RIDER_KINDS,
  STAKES,
  TIE_LEVELS,
} from '../vocabulary.ts';

/** Ids are short lowercase words so that logs and URLs stay readable. */
const Id = z.string().regex(/^[a-z][a-z0-9-]*$/, 'a lowercase id (letters, digits, dashes)');
const Count = z.number().int().min(0);
const Ten = z.number().int().min(0).max(10);
const Thresholds = z.array(z.number().int()).min(1).max(3);
const LonLat = z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]);

export const TieLevelSchema = z.enum(TIE_LEVELS);

export const LeverSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('holdsCards'),
    cards: z.array(Id).min(1),
    /** Cards dealt from `cards` at the start (by the match's seed). */
    handSize: z.number().int().min(1).default(3),
    /** A card may be prepared once every this many rounds. */
    every: z.number().int().min(1).default(2),
    label: z.string().min(1),
  }),
  z.object({
    kind: z.literal('courtedVote'),
    multiplier: z.number().int().min(2).max(3).default(2),
    label: z.string().min(1),
  }),
  z.object({ kind: z.literal('choosesMediators'), label: z.string().min(1) }),
  z.object({
    kind: z.literal('hostsDrill'),
    maxPartners: z.number().int().min(1).max(3).default(2),
    label: z.string().min(1),
  }),
  z.object({ kind: z.literal('invitesBloc'), blocs: z.array(Id).min(1), label: z.string().min(1) }),
  z.object({
    kind: z.literal('convenesSummit'),
    autonomy: z.number().int().min(1).max(2).default(1),
    label: z.string().min(1),
  }),
  z.object({
    kind: z.literal('leadsBrics'),
    bloc: Id,
    wealth: z.number().int().min(1).max(2).default(1),
    label: z.string().min(1),
  }),
]);
export type Lever = z.infer<typeof LeverSchema>;

/** Values for other numbers of rounds or seats in play, keyed by that number ("4": …), fitted by the balance harness. */
const CountKey = z.string().regex(/^\d+$/, 'a number of rounds or seats');
const goalBase = {
  /** `{thresholds}` in the label is replaced by the thresholds of the match ("6/8/10"). */
  label: z.string().min(1),
  /** At the scenario's default rounds with every seat in play. */
  thresholds: Thresholds,
  byRounds: z.record(CountKey, Thresholds).optional(),
  bySeats: z.record(CountKey, Thresholds).optional(),
};
export const GoalSchema = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('trackAtLeast'),
    track: z.enum(['power', 'wealth', 'autonomy', 'reputation', 'security', 'cohesion']),
    ...goalBase,
  }),
  /** Number of regions where the actor's influence is at least `min`. */
  z.object({ kind: z.literal('regionsWithInfluence'), min: Ten, ...goalBase }),
  /** Sum of the actor's influence over the listed regions. */
  z.object({ kind: z.literal('influenceInRegions'), regions: z.array(Id).min(1), ...goalBase }),
  /** Thresholds are maxima, best first reversed: [1★ at most, 2★ at most, 3★ at most]. */
  z.object({ kind: z.literal('roundsEntangledAtMost'), ...goalBase }),
  /** Honour answers given by others on this actor's side. */
  z.object({ kind: z.literal('partnersHonoured'), ...goalBase }),
  /** Treaty calls honoured, counted only if the actor never abandoned a treaty. */
  z.object({ kind: z.literal('treatiesKept'), ...goalBase }),
  /** Own influence minus a rival's over the listed regions. */
  z.object({
    kind: z.literal('influenceLead'),
    regions: z.array(Id).min(1),
    rival: Id,
    ...goalBase,
  }),
  z.object({ kind: z.literal('wealthGrowth'), ...goalBase }),
  /** Great powers tied to this actor at `level` or above. */
  z.object({ kind: z.literal('greatPowerPartners'), level: TieLevelSchema, ...goalBase }),
  /** Any actors tied to this actor at `level` or above. */
  z.object({ kind: z.literal('tiesAtLeast'), level: TieLevelSchema, ...goalBase }),
  /** Stars by thresholds on rounds played without abandoning anyone (usually [n]). */
  z.object({ kind: z.literal('noAbandonment'), ...goalBase }),
]);
export type Goal = z.infer<typeof GoalSchema>;

export const SeatSchema = z.object({
  goals: z.array(GoalSchema).length(3),
  /** Stars expected from an average game (default rounds, every seat in play): the seat's score is its margin over par. */
  par: z.number().min(0).max(15),
  /** Par for other numbers of rounds and of seats in play (docs/rules.md §13). */
  parByRounds: z.record(CountKey, z.number().min(0).max(15)).optional(),
  parBySeats: z.record(CountKey, z.number().min(0).max(15)).optional(),
  lever: LeverSchema.optional(),
});

export const NpcSchema = z.object({
  /** Chance (0–1) that this actor presses a crisis it instigates. */
  pressChance: z.number().min(0).max(1),
  /** Power it commits when it presses. */
  pressPower: Count,
});

export const CohesionSchema = z.object({
  start: Ten,
  /** Raising a tie with one of these in a round costs 1 Cohesion. */
  indoPacificPartners: z.array(Id),
  /** Honouring a call from one of these gives +1 Cohesion, abandoning one −2. */
  europeanAllies: z.array(Id),
  /** The theatre in which Power always counts in full. */
  homeTheatre: Id,
});

export const ActorSchema = z.object({
  id: Id,
  name: z.string().min(1),
  short: z.string().min(1).max(14),
  kind: z.enum(ACTOR_KINDS),
  /** Two or three capital letters shown beside the colour, for colour-blind players. */
  emblem: z.string().regex(/^[A-Z]{2,3}$/, 'two or three capital letters'),
  colour: z.string().regex(/^#[0-9a-f]{6}$/, 'a colour like #1f77b4'),
  description: z.string().min(1),
  home: Id,
  capital: LonLat,
  /** ISO 3166-1 numeric codes of the countries this actor stands for on the map. */
  iso: z.array(z.number().int().min(1).max(999)).min(1),
  start: z.object({
    power: z.number().int().min(0).max(20),
    wealth: Count,
    autonomy: Ten,
    reputation: Ten,
    security: Ten,
  }),
  income: z.number().int().min(0).max(20),
  influence: z.record(z.string(), Ten).default({}),
  cohesion: CohesionSchema.optional(),
  canInvestigate: z.boolean().default(false),
  seat: SeatSchema.optional(),
  npc: NpcSchema.default({ pressChance: 0.5, pressPower: 1 }),
});
export type ActorDef = z.infer<typeof ActorSchema>;

export const RegionSchema = z.object({
  id: Id,
  name: z.string().min(1),
  theatre: Id,
  /** ISO 3166-1 numeric codes of the countries in this region. */
  iso: z.array(z.number().int().min(1).max(999)).min(1),
  /** Where the map puts this region's crisis marker. */
  anchor: LonLat,
});
export type RegionDef = z.infer<typeof RegionSchema>;

export const RiderSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('trade') }),
  z.object({ kind: z.literal('armsSale'), seller: Id }),
  z.object({ kind: z.literal('training'), trainer: Id }),
  z.object({ kind: z.literal('jointExercise'), region: Id }),
  z.object({ kind: z.literal('baseAccess'), guest: Id }),
  z.object({
    kind: z.literal('investment'),
    amount: z
      .number()
      .int()
      .min(RULES.investmentRiderAmount.min)
      .max(RULES.investmentRiderAmount.max),
  }),
  z.object({ kind: z.literal('unPledge') }),
]);
export type Rider = z.infer<typeof RiderSchema>;
export const RIDER_KIND_SET: ReadonlySet<string> = new Set(RIDER_KINDS);

export const TieSchema = z.object({
  a: Id,
  b: Id,
  level: TieLevelSchema,
  /** Standing riders (trade deals, bases…) made at the tie's level. */
  riders: z.array(RiderSchema).default([]),
});

export const InstitutionSchema = z.object({
  id: Id,
  name: z.string().min(1),
  kind: z.enum(INSTITUTION_KINDS),
  leader: Id,
  members: z.array(Id).min(2),
  /** The tie level the bloc sets among its members. */
  level: TieLevelSchema,
  description: z.string().min(1),
});
export type InstitutionDef = z.infer<typeof InstitutionSchema>;

/** A Security Council member that no actor stands for. */
export const OtherMemberSchema = z.object({
  name: z.string().min(1),
  /** Votes yes when this council member votes yes, abstains otherwise; never vetoes. */
  follows: Id,
});

/**
 * How an elected member no actor stands for votes (rules version 6,
 * docs/rules.md section 8): with an ally, for non-intervention, or with its region.
 */
export const COUNCIL_DOCTRINES = ['ally', 'sovereignty', 'regional'] as const;

/** An elected member no actor stands for, voting by its doctrine (rules version 6). */
export const ElectedMemberSchema = z.object({
  name: z.string().min(1),
  doctrine: z.enum(COUNCIL_DOCTRINES),
  /** The regions it counts as its own: a regional member backs mandates there. */
  regions: z.array(Id).min(1),
  /** An ally votes yes when this council member votes yes. */
  with: Id.optional(),
});
export type ElectedMemberDef = z.infer<typeof ElectedMemberSchema>;

export const CardSchema = z.object({
  id: Id,
  title: z.string().min(1),
  /** Reference year of the real case the card draws on. */
  year: z.number().int().min(1900).max(2100),
  eras: z.array(Id).min(1),
  kind: z.enum(['crisis', 'vote']).default('crisis'),
  region: Id,
  instigator: Id.nullable(),
  target: Id.nullable(),
  severity: z.number().int().min(1).max(5),
  /** Actors not listed have a low stake. */
  stakes: z.record(z.string(), z.enum(STAKES)).default({}),
  callLevel: TieLevelSchema.default('partnership'),
  /** Set on cards held in a lever's hand: only that actor can bring them into play. */
  holder: Id.optional(),
  /** Vote cards: the actor that asks the Security Council for a mandate. */
  mandateFor: Id.optional(),
  /**
   * Vote cards: the government of the country concerned asked for the
   * mandate (Kabul's interim government in 2001). Bots read it: a permanent
   * member guarding its sphere does not block help a government asked for.
   */
  hostConsent: z.boolean().optional(),
  /** Only actors invited by one of these may mediate (the Iran–Saudi rule). */
  mediatorsChosenBy: z.array(Id).optional(),
  /** Actors allowed to invite a bloc into this crisis (the Kazakhstan rule). */
  blocInviteBy: Id.optional(),
  /** Sanctions in force from the moment the card is revealed. */
  sanctionsOnReveal: z.array(z.object({ by: Id, target: Id })).default([]),
  /**
   * Allies of the instigator that this card binds to its side by treaty,
   * where history did (a defensive treaty otherwise only lets the instigator ask).
   */
  binds: z.array(Id).default([]),
  /** When set, the only partners the instigator's operation calls to its side (the rest stay out). */
  asks: z.array(Id).optional(),
  /** Grievances the operation leaves when the instigator presses (the 1999 embassy bombing). */
  grievancesOnPress: z.array(z.object({ holder: Id, against: Id })).default([]),
  concepts: z.array(z.enum(CONCEPTS)).min(1),
  /** What the players read at Briefing. */
  news: z.string().min(1),
  /** The lesson, for the debrief: our own words. */
  debrief: z.string().min(1),
});
export type CardDef = z.infer<typeof CardSchema>;

export const ObjectiveSchema = z.object({
  id: Id,
  /** `{threshold}` in the text is replaced by the goal's threshold in the match. */
  text: z.string().min(1),
  for: z.enum(['any', 'greatPower', 'globalSouth']).default('any'),
  /** One threshold: the objective is met when the goal scores at least one star. */
  goal: GoalSchema,
});
export type ObjectiveDef = z.infer<typeof ObjectiveSchema>;

export const ScenarioSchema = z.object({
  id: Id,
  title: z.string().min(1),
  description: z.string().min(1),
  /** Card eras this scenario draws from. */
  eras: z.array(Id).min(1),
  rounds: z.object({
    default: z.number().int().min(1).max(16),
    min: z.number().int().min(1).max(16),
    max: z.number().int().min(1).max(16),
  }),
  /** The year or period each round stands for; at least `rounds.max` labels. */
  roundLabels: z.array(z.string().min(1)).min(1),
  tension: Ten,
  theatres: z.array(z.object({ id: Id, name: z.string().min(1) })).min(1),
  regions: z.array(RegionSchema).min(1),
  actors: z.array(ActorSchema).min(2),
  seats: z.object({
    required: z.array(Id).min(1),
    optional: z.array(Id),
    minOptional: Count,
    maxOptional: Count,
  }),
  rivals: z.array(z.tuple([Id, Id])),
  ties: z.array(TieSchema),
  institutions: z.array(InstitutionSchema),
  securityCouncil: z.object({
    /** Actors with a permanent seat: only these may veto. */
    permanent: z.array(Id),
    /** Actors with an elected seat. */
    elected: z.array(Id),
    /** Permanent members no actor stands for (the UK and France where Europe is one actor). */
    otherPermanent: z.array(OtherMemberSchema).default([]),
    /** Elected members no actor stands for: a fixed block, whatever the mandate. */
    otherElected: z
      .object({
        yes: z.number().int().min(0).max(15),
        abstain: z.number().int().min(0).max(15),
        /** Who the block stands for, on the scenario page. */
        label: z.string().min(1).optional(),
      })
      .default({ yes: 0, abstain: 0 }),
    /**
     * The same elected members one by one, each voting by its doctrine from
     * rules version 6 on (the fixed block is kept for matches of version 5).
     */
    electedMembers: z.array(ElectedMemberSchema).optional(),
    /** Yes votes a mandate needs (RULES.councilYes when not set: 9 of 15 since 1965). */
    yesNeeded: z.number().int().min(1).max(30).optional(),
  }),
  cards: z.array(CardSchema).min(1),
  /** Cards revealed at the start of given rounds instead of a draw (the tutorial's script). */
  scriptedCards: z.record(z.string(), z.array(Id)).default({}),
  objectives: z.array(ObjectiveSchema).min(1),
  rules: z
    .object({
      actionPoints: z
        .object({ greatPower: z.number().int().min(1), globalSouth: z.number().int().min(1) })
        .default({ greatPower: 4, globalSouth: 3 }),
      treatyNotice: z.number().int().min(0).max(4).default(2),
    })
    .default({ actionPoints: { greatPower: 4, globalSouth: 3 }, treatyNotice: 2 }),
});
export type ScenarioInput = z.input<typeof ScenarioSchema>;
export type Scenario = z.infer<typeof ScenarioSchema>;

export const SettingsSchema = z.object({
  rounds: z.number().int().min(1).max(16).optional(),
  /** Actors seated by people or bots; the rest play as non-player actors. */
  seats: z.array(Id).min(1).optional(),
  pace: z.enum(PACES).default('quick'),
  /** The class preset: fewer action points and shorter treaty notice (docs/rules.md §15). */
  preset: z.enum(['standard', 'class']).default('standard'),
});
export type SettingsInput = z.input<typeof SettingsSchema>;
export type Settings = z.infer<typeof SettingsSchema>;

export const PhaseSchema = z.enum(PHASES);
