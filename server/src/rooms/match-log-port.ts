import type { MatchStore } from '../store/types.ts';

/** What a room needs of the store: the match record, its command log, its seats and the archive. */
export type MatchLog = Pick<
  MatchStore,
  'createMatch' | 'appendCommand' | 'upsertSeat' | 'saveClock' | 'finish'
> &
  Partial<
    Pick<MatchStore, 'appendChat' | 'discard' | 'loadLog' | 'addReflection' | 'saveHostState'>
  >;
