import type { LiveStanding } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { credentialsToSend, groupMatches } from './my-matches-model.ts';

const base: LiveStanding = {
  id: 'a',
  scenario: 'main',
  stage: 'playing',
  round: 1,
  rounds: 6,
  phase: 'diplomacy',
  endsAt: 1000,
  paused: false,
  role: 'player',
  seat: 'china',
  waitingOnMe: true,
  seatsNotDone: 2,
};

describe('My matches', () => {
  it('puts what waits on me first, nearest deadline first; lobbies and others apart', () => {
    const groups = groupMatches([
      { ...base, id: 'late', endsAt: 9000 },
      { ...base, id: 'paused', endsAt: null, paused: true },
      { ...base, id: 'soon', endsAt: 500 },
      { ...base, id: 'lobby', stage: 'lobby', endsAt: null, waitingOnMe: false },
      { ...base, id: 'done', waitingOnMe: false },
    ]);
    expect(groups.waitingOnMe.map((m) => m.id)).toEqual(['soon', 'late', 'paused']);
    expect(groups.lobby.map((m) => m.id)).toEqual(['lobby']);
    expect(groups.waitingOnOthers.map((m) => m.id)).toEqual(['done']);
  });
  it('sends each match’s host token and seat pass, within the bound', () => {
    const saved = [
      { roomId: 'x', hostToken: 'h', seatToken: 's' },
      { roomId: 'y', seatToken: 't' },
      { roomId: 'z' },
    ];
    expect(credentialsToSend(saved, 10)).toEqual([
      { id: 'x', token: 'h' },
      { id: 'x', token: 's' },
      { id: 'y', token: 't' },
    ]);
    expect(credentialsToSend(saved, 2)).toHaveLength(2);
  });
});
