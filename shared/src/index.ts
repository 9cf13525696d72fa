/**
 * The rules engine of Entanglement: pure, deterministic, no I/O. A match is
 * its scenario, settings, seed and ordered commands; every state is the fold
 * of that log (docs/architecture.md).
 */
export { type ApplyResult, allSeatsDone, applyCommand } from './apply.ts';
export { BOT_LEVELS, type Bot, type BotLevel, type BotOptions, doctrineBot } from './bots/bot.ts';
export type { Doctrine } from './bots/doctrine.ts';
export { type PlayedGame, playRandomGame } from './bots/play.ts';
export { playBotGame, playBots, playBotsOn } from './bots/play-bots.ts';
export { nextRandomCommand } from './bots/random.ts';
export { DOCTRINES, doctrineBots, doctrineFor } from './bots/roster.ts';
export { defaultCommands } from './commands/defaults.ts';
export {
  nextPhase,
  PHASE_NAMES,
  PHASE_NAMES_ZH,
  phaseAccepting,
  roundPhases,
  seatKindsIn,
} from './commands/phases.ts';
export {
  PROBLEM_CODES,
  type Problem,
  type ProblemCode,
  type ProblemParams,
} from './commands/problem.ts';
export * from './commands/schema.ts';
export { commandProblem, commandRefusal } from './commands/validate.ts';
export { getScenario, SCENARIO_IDS } from './content/index.ts';
export { type CreateResult, checkSeats, createMatch } from './create.ts';
export { computeCalls, deterrence, footprint, previewSeverity, stakeOf } from './crisis.ts';
export { canVeto, ctxOf } from './ctx.ts';
export { describeEvent } from './events/describe.ts';
export {
  type AccountGroup,
  type AccountPart,
  accountPart,
  groupAccount,
  seatDigest,
} from './events/digest.ts';
export { article, count, isPluralName } from './events/grammar.ts';
export {
  HEADLINE_KINDS,
  type Headline,
  type HeadlineKind,
  roundHeadlines,
} from './events/headlines.ts';
export { type EngineEvent, EVENT_TYPES, type EventType } from './events/types.ts';
export {
  type AnswerCost,
  answerCosts,
  answerKindsFor,
  possessive,
  silentAnswer,
} from './explain/answer-costs.ts';
export { type ClassBrief, classBrief } from './explain/class-brief.ts';
export { type SeatNow, seatNow } from './explain/now.ts';
export {
  fullSeatCount,
  type MatchGoal,
  matchGoal,
  parFor,
  scoringRounds,
  seatGoals,
  seatPar,
  thresholdsFor,
} from './goals.ts';
export { canonicalJson, cloneState, StateParts, scenarioHash, stateHash } from './hash.ts';
export * from './http/openapi.ts';
export * from './http/problems.ts';
export * from './http/routes.ts';
export * from './http/schemas.ts';
export {
  hostCommands,
  type LegalOption,
  type LowerEffect,
  legalCommands,
  type OptionCost,
} from './legal.ts';
export { type EntanglementReading, entanglementMeter } from './meter.ts';
export { type SeatBudget, seatBudget } from './plan.ts';
export { type CrisisPreview, injectableCards, previewCrisis } from './preview.ts';
export * from './protocol.ts';
export type * from './readonly.ts';
export {
  REFLECTED_EVENTS,
  type ReflectedEvent,
  type ReflectionPrompt,
  reflectionPrompts,
} from './reflection.ts';
export {
  type ActorDebrief,
  type Calls,
  type Commitments,
  type ConceptShown,
  type CrisisMoment,
  type DebriefCard,
  debrief,
  type MatchDebrief,
} from './replay/debrief.ts';
export {
  REPLAY_ERROR_CODES,
  ReplayError,
  type ReplayErrorAt,
  type ReplayErrorCode,
} from './replay/errors.ts';
export {
  type ForkChange,
  ForkChangeSchema,
  type ForkOrigin,
  ForkOriginSchema,
  type ForkPlan,
  type ForkPreview,
  type ForkRequest,
  ForkRequestSchema,
  type ForkResult,
  planFork,
  previewFork,
} from './replay/fork.ts';
export {
  MATCH_FILE_FORMAT,
  MATCH_FILE_VERSION,
  type MatchFileInput,
  MatchFileSchema,
  matchFileProblems,
  PhaseHashSchema,
} from './replay/match-file.ts';
export {
  actualOutcome,
  type OutcomeSummary,
  playOnOnce,
  type RunOutcome,
  type SeatOutcome,
  type Spread,
  summariseOutcomes,
} from './replay/outcomes.ts';
export { PINNED_MATCHES, type PinnedRecording } from './replay/pinned.ts';
export { recordRandomMatch } from './replay/recorded.ts';
export {
  openReplay,
  type Replay,
  type ReplayEvent,
  type ReplayInput,
  type ReplayOptions,
  type StoredPhaseHash,
  type TimelineEntry,
} from './replay/replay.ts';
export {
  type ActorTracks,
  CHARTED_TRACKS,
  type ChartedTrack,
  TRACKS_CSV_HEADER,
  type TrackSeries,
  trackSeries,
  tracksCsv,
} from './replay/tracks.ts';
export {
  type IncomeParts,
  incomeParts,
  partnerIncomeCap,
  upkeepOn,
} from './resolve/economy.ts';
export { RULES, RULES_VERSION } from './rules.ts';
export { OLDEST_RULES_VERSION, rulesAtLeast, unsupportedRulesVersion } from './rules-version.ts';
export { parseScenario, type ScenarioIssue, type ScenarioResult } from './scenario/load.ts';
export * from './scenario/schema.ts';
export { type Award, awards, objectiveOf, type SeatScore, scoreMatch } from './scoring.ts';
export { stateOfView } from './seat-state.ts';
export type * from './state.ts';
export { type ScenarioSummary, type SeatSummary, summariseScenario } from './summary.ts';
export { tieKey, tieLevel } from './ties.ts';
export { type SeatView, viewFor, viewsFor } from './view.ts';
export { applyViewPatch, type ViewPatch } from './view-patch.ts';
export * from './vocabulary.ts';
