import { Client } from '@colyseus/sdk';
import { MATCH_ROOM } from '@entanglement/shared';
import { describe, expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import { createMatch, createMatchClient, Inbox, joinMatchClient } from '../rooms/test-clients.ts';
import { postJson } from '../testing/raw-clients.ts';
import { useAttackServer } from './attack-server.ts';

/**
 * Issue 13, items 3 and 4, attacked with raw HTTP and SDK clients against
 * the real server: the join code is the gate, and the host is the creator.
 */
const target = useAttackServer('entanglement-gate-');

describe('the code is the gate', () => {
  test('matchmaking by room name (create, join, joinOrCreate) is refused before any seat is reserved', async () => {
    const match = await createMatchClient(target.base, TUTORIAL_MATCH);
    target.inboxes.push(match.inbox);
    for (const method of ['create', 'join', 'joinOrCreate', 'JOIN', 'joinorcreate']) {
      const answer = await postJson(target.base, `/matchmake/${method}/${MATCH_ROOM}`, {
        ...TUTORIAL_MATCH,
        code: match.code,
      });
      expect(answer.status, `${method}: ${answer.text}`).toBe(403);
      expect(answer.json.error).toMatch(/POST \/api\/matches.*join code/);
    }
    const sdk = new Client(target.base);
    await expect(sdk.join(MATCH_ROOM, { nickname: 'Mallory' })).rejects.toThrow(/join code/);
    await expect(sdk.joinOrCreate(MATCH_ROOM, { ...TUTORIAL_MATCH })).rejects.toThrow(/join code/);
    await expect(sdk.create(MATCH_ROOM, { ...TUTORIAL_MATCH })).rejects.toThrow(
      /POST \/api\/matches/,
    );
    // Nobody landed in the class's match.
    const lobby = match.inbox.all('lobby').at(-1)!;
    expect(lobby.spectators.map((p) => p.nickname)).toEqual(['Teacher']);
    await target.stillServes();
  });

  test('joinById without the code, with a wrong code or with another match’s code is refused', async () => {
    const match = await createMatchClient(target.base, TUTORIAL_MATCH);
    const other = await createMatchClient(target.base, { ...TUTORIAL_MATCH, nickname: 'Other' });
    target.inboxes.push(match.inbox, other.inbox);
    const path = `/matchmake/joinById/${match.roomId}`;
    for (const body of [
      { nickname: 'Mallory' },
      { nickname: 'Mallory', code: '' },
      { nickname: 'Mallory', code: 'ZZZZZZ' },
      { nickname: 'Mallory', code: other.code },
      { nickname: 'Mallory', code: ['x'] },
    ]) {
      const answer = await postJson(target.base, path, body);
      expect(answer.status, JSON.stringify(body)).toBe(403);
      expect(answer.json.error).toMatch(/join code/);
    }
    await expect(
      new Client(target.base).joinById(match.roomId, { nickname: 'Mallory' }),
    ).rejects.toThrow(/join code/);
    // The code, typed in lower case, opens it.
    const student = await joinMatchClient(
      target.base,
      { roomId: match.roomId, code: match.code.toLowerCase() },
      'Student',
    );
    target.inboxes.push(student);
    expect((await student.waitFor('welcome')).roomId).toBe(match.roomId);
    await target.stillServes();
  });
});

describe('the host is the creator', () => {
  test('the host token is the answer to POST /api/matches only: the first socket in is not the host', async () => {
    const created = await createMatch(target.base, TUTORIAL_MATCH);
    // A student who has the code connects before the teacher does.
    const first = new Inbox(
      await new Client(target.base).joinById(created.roomId, {
        nickname: 'Quick',
        code: created.code,
      }),
    );
    target.inboxes.push(first);
    const lobby = await first.waitFor('lobby');
    expect(lobby.host).toBeNull();
    expect(JSON.stringify(first.received)).not.toContain(created.hostToken);
    const since = first.mark();
    first.room.send('host', { action: 'start', token: 'x'.repeat(21) });
    expect((await first.waitFor('error', () => true, since)).code).toBe('badToken');
    // A forged host token at the door is refused; the creator's is taken.
    await expect(
      new Client(target.base).joinById(created.roomId, {
        nickname: 'Forger',
        code: created.code,
        hostToken: 'y'.repeat(21),
      }),
    ).rejects.toThrow(/host token/);
    const teacher = new Inbox(
      await new Client(target.base).joinById(created.roomId, {
        nickname: 'Teacher',
        code: created.code,
        hostToken: created.hostToken,
      }),
    );
    target.inboxes.push(teacher);
    await teacher.waitFor('lobby', (l) => l.host === 'Teacher');
    expect(JSON.stringify(teacher.received)).not.toContain(created.hostToken);
    await target.stillServes();
  });

  test('a bad option is refused with its reason and makes no match', async () => {
    const answer = await postJson(target.base, '/api/matches', { ...TUTORIAL_MATCH, rounds: 99 });
    expect(answer.status).toBe(400);
    expect(answer.json.error).toMatch(/^Cannot create the match: rounds/);
    const notJson = await postJson(target.base, '/api/matches', 'nope');
    expect(notJson.status).toBe(400);
  });
});
