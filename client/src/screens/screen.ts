import type { MatchSnapshot } from '../net/match-connection.ts';

/** One of the match page's screens (lobby, game, projector, end): shown while the match is at its stage. */
export interface Screen {
  readonly element: HTMLElement;
  update(snapshot: MatchSnapshot): void;
  destroy?(): void;
}
