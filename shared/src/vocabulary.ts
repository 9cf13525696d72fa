/** The game's fixed vocabulary. Everything else (actors, regions, cards) is scenario data. */

/** The commitment ladder, lowest first; a tie's level is its index here. */
export const TIE_LEVELS = ['none', 'dialogue', 'partnership', 'strategic', 'alliance'] as const;
export type TieLevelName = (typeof TIE_LEVELS)[number];
export const NONE = 0;
export const DIALOGUE = 1;
export const PARTNERSHIP = 2;
export const STRATEGIC = 3;
export const ALLIANCE = 4;

export const ACTOR_KINDS = ['greatPower', 'globalSouth', 'nonPlayer'] as const;
export type ActorKind = (typeof ACTOR_KINDS)[number];

export const STAKES = ['low', 'medium', 'high'] as const;
export type Stake = (typeof STAKES)[number];

export const TRACKS = [
  'power',
  'wealth',
  'autonomy',
  'reputation',
  'security',
  'cohesion',
] as const;
export type Track = (typeof TRACKS)[number];

export const RIDER_KINDS = [
  'trade',
  'armsSale',
  'training',
  'jointExercise',
  'baseAccess',
  'investment',
  'unPledge',
] as const;
export type RiderKind = (typeof RIDER_KINDS)[number];

export const INSTITUTION_KINDS = ['alliance', 'paperAlliance', 'coordination', 'economic'] as const;
export type InstitutionKind = (typeof INSTITUTION_KINDS)[number];

/** A Global South seat's one special lever (docs/rules.md §14). */
export const LEVER_KINDS = [
  'holdsCards',
  'courtedVote',
  'choosesMediators',
  'hostsDrill',
  'invitesBloc',
  'convenesSummit',
  'leadsBrics',
] as const;
export type LeverKind = (typeof LEVER_KINDS)[number];

/** Goal kinds the scorer knows; a scenario combines them with thresholds. */
export const GOAL_KINDS = [
  'trackAtLeast',
  'regionsWithInfluence',
  'influenceInRegions',
  'roundsEntangledAtMost',
  'partnersHonoured',
  'treatiesKept',
  'influenceLead',
  'wealthGrowth',
  'greatPowerPartners',
  'tiesAtLeast',
  'noAbandonment',
] as const;
export type GoalKind = (typeof GOAL_KINDS)[number];

/** Concepts of the article that the game teaches (docs/rules.md §1); cards and events are tagged with them. */
export const CONCEPTS = [
  'entrapment',
  'abandonment',
  'commitmentLadder',
  'swiftScaling',
  'deterrence',
  'protractedWar',
  'isolation',
  'twoFront',
  'institutions',
  'mandates',
  'secondarySanctions',
  'mediation',
  'diversification',
] as const;
export type Concept = (typeof CONCEPTS)[number];

export const PHASES = ['news', 'diplomacy', 'responses', 'calls', 'resolution', 'ended'] as const;
export type Phase = (typeof PHASES)[number];

export const PACES = ['quick', 'full'] as const;
export type Pace = (typeof PACES)[number];

export const PRESETS = ['standard', 'class'] as const;
export type Preset = (typeof PRESETS)[number];

/** A tie level's number from its name. */
export function levelOf(name: TieLevelName): number {
  return TIE_LEVELS.indexOf(name);
}
