import { RULES_VERSION } from './rules.ts';

/**
 * The oldest rules version this engine still plays. Versions 1 to 4 were
 * never released to users and their behaviour is no longer in the code, so
 * files naming them are refused (docs/replays.md); every version from this
 * one to RULES_VERSION is played exactly, each rule change gated on
 * `rulesAtLeast`.
 */
export const OLDEST_RULES_VERSION = 5;

/**
 * Whether a match plays under rules version `version` or later. A rule change
 * keeps the old behaviour for matches recorded before it (the Gaia Project
 * engine's `isVersionOrLater`), so every earlier match file still replays.
 */
export function rulesAtLeast(state: { readonly rulesVersion: number }, version: number): boolean {
  return state.rulesVersion >= version;
}

/** Why this engine cannot play `version`, or null when it can. */
export function unsupportedRulesVersion(version: number): string | null {
  if (!Number.isInteger(version) || version < 1)
    return `rules version ${version} is not a rules version (a whole number from 1).`;
  if (version < OLDEST_RULES_VERSION) {
    return (
      `rules version ${version} was never released and its rules are no longer in this engine ` +
      `(it plays versions ${OLDEST_RULES_VERSION} to ${RULES_VERSION}).`
    );
  }
  if (version > RULES_VERSION) {
    return (
      `rules version ${version} is newer than this engine's (it plays versions ` +
      `${OLDEST_RULES_VERSION} to ${RULES_VERSION}): update the game to replay it.`
    );
  }
  return null;
}
