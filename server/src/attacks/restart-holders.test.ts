import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  type Inbox,
  joinMatchClient,
  pacedSend,
  sendCommand,
} from '../rooms/test-clients.ts';
import { playLegitimateMatch } from '../testing/legitimate-match.ts';
import { killServer, type ServerProcess, spawnServer } from '../testing/spawn-server.ts';

/**
 * Issue 13, item 9: restarts change no holder. A lobby's seat is held; the
 * server is killed (-9) and started again; a stranger claims the same seat:
 * the stranger gets a pass of their own, and the holder's pass still works.
 */
const children: ServerProcess[] = [];
const inboxes: Inbox[] = [];
const dirs: string[] = [];

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  for (const child of children) await killServer(child);
  for (const dir of dirs) await rm(dir, { recursive: true, force: true });
});

test('after kill -9 a stranger’s lobby claim does not rotate the holder’s pass', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-holders-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  const first = await spawnServer(dataDir);
  children.push(first);
  const host = await createMatchClient(first.base, TUTORIAL_MATCH);
  const ana = await joinMatchClient(first.base, host, 'Ana');
  inboxes.push(host.inbox, ana);
  const anaPass = await claimSeat(ana, 'china');
  host.inbox.room.reconnection.enabled = false;
  ana.room.reconnection.enabled = false;
  await killServer(first);

  const second = await spawnServer(dataDir);
  children.push(second);
  const mallory = await joinMatchClient(second.base, host, 'Mallory');
  inboxes.push(mallory);
  const malloryPass = await claimSeat(mallory, 'china');
  expect(malloryPass).not.toBe(anaPass);
  // Ana comes back with her pass: still hers; the host with the host token.
  const back = await joinMatchClient(second.base, host, 'Ana');
  inboxes.push(back);
  const since = back.mark();
  await pacedSend(back, 'rejoinSeat', { seat: 'china', token: anaPass });
  expect((await back.waitFor('seatToken', () => true, since)).token).toBe(anaPass);
  const teacher = await joinMatchClient(second.base, host, 'Teacher');
  inboxes.push(teacher);
  await pacedSend(teacher, 'host', { action: 'start', token: host.hostToken });
  await back.waitFor('view', (v) => v.phase === 'news' && v.viewer === 'china');
  const done = { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true } as const;
  expect((await sendCommand(back, anaPass, done, 'ana')).ack).not.toBeNull();
  expect(JSON.stringify(mallory.received)).not.toContain(anaPass);
  await playLegitimateMatch(second.base, dataDir);
});

test('after kill -9 the host’s seating lock and mutes still hold', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-host-state-'));
  dirs.push(dir);
  const dataDir = join(dir, 'data');
  const first = await spawnServer(dataDir);
  children.push(first);
  const host = await createMatchClient(first.base, TUTORIAL_MATCH);
  const ben = await joinMatchClient(first.base, host, 'Ben');
  inboxes.push(host.inbox, ben);
  const benPass = await claimSeat(ben, 'ussr');
  const act = (payload: Record<string, unknown>) =>
    pacedSend(host.inbox, 'host', { ...payload, token: host.hostToken });
  await act({ action: 'mute', person: ben.room.sessionId });
  await act({ action: 'lockSeating', locked: true });
  await ben.waitFor(
    'lobby',
    (l) => l.seatingLocked && l.seats.some((s) => s.people.some((p) => p.muted)),
  );
  for (const inbox of [host.inbox, ben]) inbox.room.reconnection.enabled = false;
  await killServer(first);

  const second = await spawnServer(dataDir);
  children.push(second);
  const mallory = await joinMatchClient(second.base, host, 'Mallory');
  inboxes.push(mallory);
  expect((await mallory.waitFor('lobby')).seatingLocked).toBe(true);
  let since = mallory.mark();
  await pacedSend(mallory, 'claimSeat', { seat: 'china' });
  expect((await mallory.waitFor('error', (e) => e.type === 'claimSeat', since)).code).toBe(
    'seatUnavailable',
  );
  // Ben comes back under another name with his pass: still muted.
  const back = await joinMatchClient(second.base, host, 'Not Ben');
  inboxes.push(back);
  since = back.mark();
  await pacedSend(back, 'rejoinSeat', { seat: 'ussr', token: benPass });
  await back.waitFor('seatToken', () => true, since);
  since = back.mark();
  await pacedSend(back, 'chat', { channel: 'public', token: benPass, text: 'I am back' });
  expect((await back.waitFor('error', (e) => e.type === 'chat', since)).code).toBe('muted');
  // And a newcomer under his name is shown muted too.
  const namesake = await joinMatchClient(second.base, host, ' BEN ');
  inboxes.push(namesake);
  const lobby = await namesake.waitFor('lobby', (l) =>
    l.spectators.some((p) => p.id === namesake.room.sessionId),
  );
  expect(lobby.spectators.find((p) => p.id === namesake.room.sessionId)?.muted).toBe(true);
  // The host opens seating again (after the restart, with the host token): Mallory sits.
  const teacher = await joinMatchClient(second.base, host, 'Teacher');
  inboxes.push(teacher);
  since = mallory.mark();
  await pacedSend(teacher, 'host', { action: 'lockSeating', locked: false, token: host.hostToken });
  await mallory.waitFor('lobby', (l) => !l.seatingLocked, since);
  expect(await claimSeat(mallory, 'china')).toBeTruthy();
});
