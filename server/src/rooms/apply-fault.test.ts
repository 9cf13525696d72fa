import { matchMaker } from '@colyseus/core';
import {
  applyCommand,
  cloneState,
  getScenario,
  type MatchState,
  type SeatCommand,
  stateHash,
} from '@entanglement/shared';
import { afterEach, expect, test, vi } from 'vitest';
import { captureLog } from '../log.ts';
import type { MatchFlow } from './match-flow.ts';
import { MemoryLog } from './memory-log.ts';
import { replayLog } from './replay-log.ts';
import { TUTORIAL_MATCH, useTestServer } from './stored-server.ts';
import { createMatchClient } from './test-clients.ts';

/** Rules that throw once when armed, part-way through changing the state (a bug in a rule). */
const faults = vi.hoisted(() => ({ emit: false, income: false }));

vi.mock('../../../shared/src/tx.ts', async (original) => {
  const tx = await original<typeof import('../../../shared/src/tx.ts')>();
  return {
    ...tx,
    emit: (...args: Parameters<typeof tx.emit>) => {
      if (faults.emit) {
        faults.emit = false;
        throw new Error('injected fault in emit');
      }
      tx.emit(...args);
    },
  };
});

vi.mock('../../../shared/src/resolve/economy.ts', async (original) => {
  const economy = await original<typeof import('../../../shared/src/resolve/economy.ts')>();
  return {
    ...economy,
    applyIncome: (...args: Parameters<typeof economy.applyIncome>) => {
      if (faults.income) {
        faults.income = false;
        throw new Error('injected fault in applyIncome');
      }
      economy.applyIncome(...args);
    },
  };
});

const env = useTestServer('entanglement-fault-', () => new MemoryLog());
let captured: ReturnType<typeof captureLog> | null = null;

afterEach(() => {
  captured?.restore();
  captured = null;
});

/** The live match of the room and what the stored log replays to. */
function liveAndReplayed(roomId: string) {
  const room = matchMaker.getLocalRoomById(roomId) as unknown as { flow: MatchFlow };
  const live = room.flow.match;
  const record = env.store.matches.find((m) => m.id === roomId)!;
  const replayed = replayLog(
    getScenario(record.scenarioId),
    record.settings as object,
    record.seed,
    env.store.logOf(roomId),
  ).match;
  return { live, replayed };
}

/** An offer from China the engine accepts now (the bots' own offers may have taken some pairs). */
function someOffer(state: MatchState): SeatCommand {
  const stamp = { seat: 'china', round: state.round, phase: state.phase };
  for (const to of ['ussr', 'usa'])
    for (const riders of [[], [{ kind: 'trade' as const }]])
      for (const raise of [true, false]) {
        const cmd: SeatCommand = { kind: 'offer', ...stamp, to, raise, riders, favour: false };
        if (applyCommand(getScenario('tutorial-1950'), cloneState(state), cmd).ok) return cmd;
      }
  throw new Error('China can make no offer now');
}

test('a rule that throws leaves no half-applied match: the sender gets internal and play goes on', async () => {
  const { inbox: host, roomId, hostToken } = await createMatchClient(env.base, TUTORIAL_MATCH);
  env.inboxes.push(host);
  host.room.send('claimSeat', { seat: 'china' });
  const token = (await host.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  host.room.send('host', { action: 'skip', token: hostToken });
  const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy');
  const stamp = { seat: 'china', round: 1, phase: 'diplomacy' } as const;
  const before = liveAndReplayed(roomId).live;
  const offer = someOffer(before);
  const send = (ref: string, command: SeatCommand) =>
    host.room.send('command', { token, ref, command });
  const hashBefore = stateHash(before);
  const offersBefore = before.offers.length;

  // The offer is half made (pushed, counted) when its event throws.
  captured = captureLog();
  faults.emit = true;
  let mark = host.mark();
  send('faulty', offer);
  expect(await host.waitFor('error', (e) => e.ref === 'faulty', mark)).toMatchObject({
    code: 'internal',
  });
  expect(faults.emit).toBe(false);
  const { live, replayed } = liveAndReplayed(roomId);
  expect(stateHash(live)).toBe(stateHash(replayed));
  expect(stateHash(live)).toBe(hashBefore);
  expect(live.offers).toHaveLength(offersBefore);
  const stepAfterFault = live.step;
  const fault = captured.lines.find((l) => String(l.msg).startsWith('fault applying offer'));
  expect(fault).toMatchObject({ level: 50, roomId, err: { message: 'injected fault in emit' } });

  // The same command goes through once the rule works again.
  mark = host.mark();
  send('again', offer);
  const ack = await host.waitFor('ack', (a) => a.ref === 'again', mark);
  expect(ack.step).toBe(stepAfterFault + 1);

  // Resolution throws half-way (after presence, mediation, crises, offers, spending): the phase stays.
  faults.income = true;
  const atSkip = liveAndReplayed(roomId).live;
  const hashAtSkip = stateHash(atSkip);
  host.room.send('host', { action: 'skip', token: hostToken });
  await vi.waitFor(() => expect(faults.income).toBe(false), { timeout: 45_000 });
  const afterFault = liveAndReplayed(roomId);
  expect(afterFault.live.phase).toBe('diplomacy');
  expect(stateHash(afterFault.live)).toBe(hashAtSkip);
  expect(stateHash(afterFault.live)).toBe(stateHash(afterFault.replayed));
  expect(captured.lines.some((l) => String(l.msg).startsWith('fault applying advance'))).toBe(true);

  // The match plays on: commands are taken, and the next skip resolves the round.
  mark = host.mark();
  send('done', { kind: 'done', ...stamp, done: true });
  await host.waitFor('ack', (a) => a.ref === 'done', mark);
  host.room.send('host', { action: 'skip', token: hostToken });
  const resolution = await host.waitFor('view', (v) => v.phase === 'resolution', mark);
  expect(resolution.step).toBeGreaterThan(diplomacy.step);
  const end = liveAndReplayed(roomId);
  expect(stateHash(end.live)).toBe(stateHash(end.replayed));
  expect(end.live.account.some((e) => e.type === 'offerSent')).toBe(true);
});

test('a phase whose timer ran out while its end threw is tried again: the match does not wait for the host', async () => {
  const timers = { news: 60, diplomacy: 1, resolution: 60 };
  const {
    inbox: host,
    roomId,
    hostToken,
  } = await createMatchClient(env.base, {
    ...TUTORIAL_MATCH,
    timers,
  });
  env.inboxes.push(host);
  host.room.send('claimSeat', { seat: 'china' });
  await host.waitFor('seatToken');
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  captured = captureLog();
  faults.income = true;
  const mark = host.mark();
  host.room.send('host', { action: 'skip', token: hostToken });
  await host.waitFor('timer', (t) => t.phase === 'diplomacy', mark);
  const started = host.mark();
  // The diplomacy second runs out, its resolution throws, and the timer starts again (longer than 1 s).
  await vi.waitFor(() => expect(faults.income).toBe(false), { timeout: 45_000 });
  const retry = await host.waitFor('timer', (t) => t.phase === 'diplomacy', started);
  expect(retry.remainingMs).toBeGreaterThan(1000);
  expect(retry.remainingMs).toBeLessThanOrEqual(5000);
  const resolution = await host.waitFor('view', (v) => v.phase === 'resolution', mark);
  expect(resolution.round).toBe(1);
  const { live, replayed } = liveAndReplayed(roomId);
  expect(stateHash(live)).toBe(stateHash(replayed));
  expect(captured.lines.some((l) => String(l.msg).startsWith('fault applying advance'))).toBe(true);
});
