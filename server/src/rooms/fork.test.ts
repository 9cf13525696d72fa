import { Client } from '@colyseus/sdk';
import {
  type Command,
  getScenario,
  openReplay,
  recordRandomMatch,
  scenarioHash,
  stateHash,
} from '@entanglement/shared';
import { beforeAll, expect, test } from 'vitest';
import type { MatchFile } from '../store/types.ts';
import { restoredSetup } from './match-setup.ts';
import { loadPlan } from './restore.ts';
import { useStoredServer } from './stored-server.ts';
import { eventually, Inbox } from './test-clients.ts';

const env = useStoredServer('entanglement-fork-');

type Json = Record<string, unknown> & { error?: string };

async function call(
  path: string,
  body: unknown,
  token?: string,
): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${env.base}/api${path}`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as Json };
}

const recorded = recordRandomMatch('tutorial-1950', {}, 'fork-server');
const replay = openReplay(recorded);

/** The recorded tutorial as a match file, imported: the finished match the tests fork. */
let original: { id: string; hostToken: string };
beforeAll(async () => {
  const final = replay.finalState();
  const file: MatchFile = {
    format: 'entanglement-match',
    version: 1,
    id: 'played-elsewhere',
    scenarioId: recorded.scenarioId,
    scenarioHash: scenarioHash(getScenario(recorded.scenarioId)),
    rulesVersion: recorded.rulesVersion,
    seed: recorded.seed,
    settings: recorded.settings,
    seats: final.seats.map((seat) => ({ seat, nickname: `N ${seat}`, kind: 'bot' as const })),
    commands: [...recorded.log],
    chat: [],
    phaseHashes: [...recorded.phaseHashes],
    createdAt: 1,
    finishedAt: 2,
    winner: null,
    rounds: final.round,
  };
  const imported = await call('/matches/import', file);
  expect(imported.status).toBe(201);
  original = imported.body as unknown as { id: string; hostToken: string };
}, 60_000);

/** A timeline entry of the original where `seat` gave at least one command. */
function entryWith(seat: string) {
  return replay.timeline.find((e) =>
    recorded.log.slice(e.startStep, e.endStep).some((c) => 'seat' in c && c.seat === seat),
  )!;
}

test('a fork opens a lobby at the moment asked: its log is the original up to it, and it plays on to its own archive entry', async () => {
  const entry = replay.timeline[3]!;
  const made = await call(
    `/matches/${original.id}/fork`,
    { entry: entry.index, reseed: false, timers: { news: 60, diplomacy: 60, resolution: 60 } },
    original.hostToken,
  );
  expect(made.status, made.body.error).toBe(201);
  const { roomId, code, hostToken } = made.body as {
    roomId: string;
    code: string;
    hostToken: string;
  };
  expect(code).toMatch(/^[A-Z0-9]{6}$/);

  // Stored before anyone joins: the original's commands up to the moment, hash for hash.
  const log = await env.store.loadLog(roomId);
  expect(log.map((e) => e.command)).toEqual(recorded.log.slice(0, entry.endStep));

  const host = new Inbox(
    await new Client(env.base).joinById(roomId, { nickname: 'Teacher', code, hostToken }),
  );
  env.inboxes.push(host);
  const lobby = await host.waitFor('lobby');
  expect(lobby.stage).toBe('lobby');
  // The lobby says what it is a fork of.
  expect(lobby.fork).toMatchObject({ from: original.id, entry: entry.index, round: entry.round });
  // Nobody takes a seat: every seat goes to a bot, and the host moves the match on to its end.
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.round === entry.round && v.phase === entry.phase, 0, 15_000);
  for (let i = 0; i < 60; i++) {
    const since = host.mark();
    if (host.all('lobby').at(-1)?.stage === 'ended') break;
    host.room.send('host', { action: 'skip', token: hostToken });
    const view = await host.waitFor('view', () => true, since, 15_000);
    if (view.phase === 'ended') break;
  }
  await host.waitFor('lobby', (l) => l.stage === 'ended', 0, 15_000);
  await eventually(
    () => env.store.getMatch(roomId),
    (m) => m?.finishedAt != null,
  );

  // Its file names where it came from, and replays like any match.
  const res = await fetch(`${env.base}/api/matches/${roomId}`, {
    headers: { authorization: `Bearer ${hostToken}` },
  });
  const file = (await res.json()) as MatchFile;
  expect(file.fork).toMatchObject({
    from: original.id,
    entry: entry.index,
    round: entry.round,
    phase: entry.phase,
    step: entry.endStep,
    reseeded: false,
  });
  expect(file.fork?.fromHash).toBe(recorded.phaseHashes[entry.index]!.hash);
  // Its archive entry names it too.
  const mine = await call('/matches/mine', { credentials: [{ id: roomId, token: hostToken }] });
  expect((mine.body.matches as { fork?: unknown }[])[0]?.fork).toEqual(file.fork);
  const forkReplay = openReplay({ ...file, log: file.commands as Command[] });
  expect(forkReplay.timeline.length).toBeGreaterThan(entry.index);
  expect(file.phaseHashes.slice(0, entry.index)).toEqual(
    recorded.phaseHashes.slice(0, entry.index),
  );
}, 120_000);

test('fresh dice: the fork log ends with a reseed command; a changed decision replaces that seat’s commands', async () => {
  const entry = entryWith('china');
  const phase = recorded.log.slice(entry.startStep, entry.endStep);
  const china = phase.filter((c) => 'seat' in c && c.seat === 'china');
  // China gives only its "done" this time.
  const done = { kind: 'done', seat: 'china', round: entry.round, phase: entry.phase, done: true };
  const made = await call(
    `/matches/${original.id}/fork`,
    { entry: entry.index, reseed: true, change: { seat: 'china', commands: [done] } },
    original.hostToken,
  );
  expect(made.status, made.body.error).toBe(201);
  const log = (await env.store.loadLog(made.body.roomId as string)).map(
    (e) => e.command as Command,
  );
  expect(log.at(-1)).toMatchObject({ kind: 'reseed', round: entry.round, phase: entry.phase });
  const forked = log.slice(entry.startStep, -1);
  expect(forked.filter((c) => 'seat' in c && c.seat === 'china')).toEqual([done]);
  expect(forked.length).toBe(phase.length - china.length + 1);
  const room = await env.store.getMatch(made.body.roomId as string);
  expect(room?.roomSettings).toMatchObject({
    fork: { from: original.id, reseeded: true, changedSeat: 'china' },
  });
  // After a restart the fork is rebuilt from its stored log as any match is, reseed included.
  const restored = restoredSetup(await loadPlan(env.store, room!));
  expect(restored.match.step).toBe(log.length);
  expect(stateHash(restored.match)).toBe(
    (await env.store.loadLog(made.body.roomId as string)).at(-1)!.stateHash,
  );
  expect(restored.fork).toMatchObject({ reseeded: true });
});

test('the server trusts nothing of the request: no credential, a malformed body, a moment not played, another seat, a command the engine refuses', async () => {
  const path = `/matches/${original.id}/fork`;
  const entry = entryWith('china');
  const token = original.hostToken;
  expect((await call(path, { entry: 1 })).status).toBe(404);
  expect((await call(path, { entry: 'one' }, token)).status).toBe(400);
  // A system command is no seat's decision.
  const advance = { kind: 'advance', round: entry.round, phase: entry.phase };
  expect(
    (await call(path, { entry: 1, change: { seat: 'china', commands: [advance] } }, token)).status,
  ).toBe(400);
  const tooMany = Array.from({ length: 61 }, () => ({
    kind: 'done',
    seat: 'china',
    round: 1,
    phase: 'news',
    done: true,
  }));
  expect(
    (await call(path, { entry: 1, change: { seat: 'china', commands: tooMany } }, token)).status,
  ).toBe(400);
  const last = replay.timeline.length - 1;
  const notPlayed = await call(path, { entry: last }, token);
  expect(notPlayed.status).toBe(422);
  expect(notPlayed.body.error).toContain('not a phase that was played');
  const usa = { kind: 'done', seat: 'usa', round: entry.round, phase: entry.phase, done: true };
  const other = await call(
    path,
    { entry: entry.index, change: { seat: 'china', commands: [usa] } },
    token,
  );
  expect(other.status).toBe(422);
  const aid = {
    kind: 'order',
    seat: 'china',
    round: entry.round,
    phase: entry.phase,
    order: { kind: 'aid', to: 'nowhere', amount: 1 },
  };
  const refused = await call(
    path,
    { entry: entry.index, change: { seat: 'china', commands: [aid] } },
    token,
  );
  expect(refused.status).toBe(422);
  expect(refused.body.error).toContain('is refused');
  expect((await call('/matches/no-such-match/fork', { entry: 1 }, token)).status).toBe(404);
});
