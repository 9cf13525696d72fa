export const REPLAY_ERROR_CODES = [
  /** The file names a rules version that is not one (not a whole number from 1). */
  'rulesVersion',
  /** The file names a rules version from before the oldest this engine plays (never released). */
  'rulesVersionRetired',
  /** The file names a rules version newer than this engine's. */
  'rulesVersionNewer',
  /** The scenario is not one this engine knows. */
  'scenario',
  /** The scenario's content is not the one the match was played on (its recorded hash differs). */
  'scenarioChanged',
  /** `createMatch` refuses the settings. */
  'settings',
  /** The engine refuses a command of the log. */
  'refused',
  /** A phase ends with another state than the file says. */
  'hashMismatch',
  /** The log ends more or fewer phases than the file has hashes for. */
  'phaseCount',
] as const;
export type ReplayErrorCode = (typeof REPLAY_ERROR_CODES)[number];

/** Where a replay went wrong, when it is one moment of the match. */
export interface ReplayErrorAt {
  round?: number;
  phase?: string;
  /** The command's place in the log, counting from 1 (the store's `seq`). */
  command?: number;
}

/** Why a match file cannot be replayed exactly; the message is meant for people. */
export class ReplayError extends Error {
  override readonly name = 'ReplayError';
  readonly code: ReplayErrorCode;
  readonly at: ReplayErrorAt;
  constructor(code: ReplayErrorCode, message: string, at: ReplayErrorAt = {}) {
    super(message);
    this.code = code;
    this.at = at;
  }
}
