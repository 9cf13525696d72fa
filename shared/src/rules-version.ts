/**
 * Whether a match plays under rules version `version` or later. A rule change
 * keeps the old behaviour for matches recorded before it (the Gaia Project
 * engine's `isVersionOrLater`), so every earlier match file still replays.
 */
export function rulesAtLeast(state: { readonly rulesVersion: number }, version: number): boolean {
  return state.rulesVersion >= version;
}
