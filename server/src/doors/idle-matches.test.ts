import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  eventually,
  type Inbox,
  joinMatchClient,
} from '../rooms/test-clients.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';
import { TEST_LIMITS } from '../testing/test-limits.ts';

/**
 * Issue 13, item 8: nothing lives forever. A started match with nobody
 * connected for IDLE_MATCH_MINUTES (here 0.4 s) is ended as the host's
 * "end" ends it and archived; one that someone is still connected to goes
 * on; a lobby nobody is in is discarded as before.
 */

const IDLE_MS = 400;
let dir = '';
let store: SqliteMatchStore;
let server: RunningServer;
let base = '';
const inboxes: Inbox[] = [];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-idle-'));
  store = openSqliteStore({ dataDir: join(dir, 'data') });
  server = await startGameServer({
    port: 0,
    host: '127.0.0.1',
    clientDist: join(dir, 'dist'),
    store,
    limits: { ...TEST_LIMITS, idleMatchMs: IDLE_MS },
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  await server?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A started tutorial with the host at China and a student at the USSR. */
async function startedMatch(nickname: string) {
  const host = await createMatchClient(base, {
    ...TUTORIAL_MATCH,
    nickname,
    timers: { news: 600, diplomacy: 600, resolution: 600 },
  });
  const student = await joinMatchClient(base, host.roomId, `${nickname} student`);
  inboxes.push(host.inbox, student);
  await claimSeat(host.inbox, 'china');
  await claimSeat(student, 'ussr');
  host.inbox.room.send('host', { action: 'start', token: host.hostToken });
  await host.inbox.waitFor('view', (v) => v.phase === 'news');
  return { ...host, student };
}

test('a started match nobody is connected to is ended and archived; one with someone connected goes on', async () => {
  const kept = await startedMatch('Kept');
  const deserted = await startedMatch('Gone');
  // Kept: the student leaves, the host stays. Gone: both leave, after Kept's student.
  await kept.student.leave();
  await Promise.all([deserted.student.leave(), deserted.inbox.leave()]);

  const archived = await eventually(
    () => store.getMatch(deserted.roomId),
    (m) => m?.finishedAt != null,
  );
  expect(archived?.finishedAt).not.toBeNull();
  // Ended as the host's "end" ends it: the engine's endMatch, scored on the rounds played (none here).
  expect(archived?.winner).toMatch(/^(china|ussr|usa)$/);
  const file = await store.getMatchFile(deserted.roomId);
  expect(file?.phaseHashes.at(-1)).toMatchObject({ round: 1, phase: 'news' });
  expect(file?.commands.at(-1)).toMatchObject({ kind: 'endMatch' });
  // Its join code is free again, and the room is gone.
  expect((await fetch(`${base}/api/join/${deserted.code}`)).status).toBe(404);

  // The match its host is still in was deserted longer, and goes on.
  expect((await store.getMatch(kept.roomId))?.finishedAt).toBeNull();
  expect(kept.inbox.all('lobby').at(-1)?.stage).toBe('playing');
});

test('a lobby nobody is in is discarded at once, as before', async () => {
  const lobby = await createMatchClient(base, { ...TUTORIAL_MATCH, nickname: 'Lobby' });
  expect(await store.getMatch(lobby.roomId)).not.toBeNull();
  await lobby.inbox.leave();
  const gone = await eventually(
    () => store.getMatch(lobby.roomId),
    (m) => m === null,
  );
  expect(gone).toBeNull();
});

test('a match restored after a restart that nobody comes back to is ended and archived too', async () => {
  const restartDir = await mkdtemp(join(tmpdir(), 'entanglement-idle-restart-'));
  const own = openSqliteStore({ dataDir: join(restartDir, 'data') });
  const options = {
    port: 0,
    host: '127.0.0.1',
    clientDist: join(restartDir, 'dist'),
    store: own,
    limits: { ...TEST_LIMITS, idleMatchMs: IDLE_MS },
  };
  try {
    const first = await startGameServer(options);
    const host = await createMatchClient(`http://127.0.0.1:${first.port}`, {
      ...TUTORIAL_MATCH,
      timers: { news: 600, diplomacy: 600, resolution: 600 },
    });
    await claimSeat(host.inbox, 'china');
    host.inbox.room.send('host', { action: 'start', token: host.hostToken });
    await host.inbox.waitFor('view', (v) => v.phase === 'news');
    // A shutdown keeps the match live in the store; the next start brings it back, with nobody in it.
    await first.stop();
    expect((await own.getMatch(host.roomId))?.finishedAt).toBeNull();
    const second = await startGameServer(options);
    try {
      const archived = await eventually(
        () => own.getMatch(host.roomId),
        (m) => m?.finishedAt != null,
      );
      expect(archived?.finishedAt).not.toBeNull();
    } finally {
      await second.stop();
    }
  } finally {
    await own.close();
    await rm(restartDir, { recursive: true, force: true });
  }
});
