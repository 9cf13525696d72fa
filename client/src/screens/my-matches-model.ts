import type { LiveStanding } from '@entanglement/shared';

/** The groups of "My matches", in the order they are shown: what needs this person first. */
export const MY_GROUPS = ['waitingOnMe', 'lobby', 'waitingOnOthers'] as const;
export type MyGroup = (typeof MY_GROUPS)[number];

export const GROUP_TITLES: Record<MyGroup, string> = {
  waitingOnMe: 'Waiting on you',
  lobby: 'In the lobby',
  waitingOnOthers: 'Waiting on others',
};

/** Which group a live match belongs to for this browser. */
function groupOf(m: LiveStanding): MyGroup {
  if (m.stage === 'lobby') return 'lobby';
  return m.waitingOnMe ? 'waitingOnMe' : 'waitingOnOthers';
}

/** Live matches by group; within a group, the nearest deadline first (paused ones last). */
export function groupMatches(matches: readonly LiveStanding[]): Record<MyGroup, LiveStanding[]> {
  const groups: Record<MyGroup, LiveStanding[]> = {
    waitingOnMe: [],
    lobby: [],
    waitingOnOthers: [],
  };
  for (const m of matches) groups[groupOf(m)].push(m);
  const deadline = (m: LiveStanding) => m.endsAt ?? Number.POSITIVE_INFINITY;
  for (const list of Object.values(groups)) list.sort((a, b) => deadline(a) - deadline(b));
  return groups;
}

/** The credentials this browser sends: each match's host token and seat pass, the host's first. */
export function credentialsToSend(
  saved: readonly { roomId: string; hostToken?: string; seatToken?: string }[],
  max: number,
): { id: string; token: string }[] {
  const out: { id: string; token: string }[] = [];
  for (const c of saved) {
    if (c.hostToken) out.push({ id: c.roomId, token: c.hostToken });
    if (c.seatToken) out.push({ id: c.roomId, token: c.seatToken });
  }
  return out.slice(0, max);
}
