import { Client } from '@colyseus/sdk';
import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  stateHash,
} from '@entanglement/shared';
import { expect, test } from 'vitest';
import { MemoryLog } from './memory-log.ts';
import { useTestServer } from './stored-server.ts';
import { hostInbox, hostTokenOf } from './test-clients.ts';

/** A slow log: every append takes 30 ms to "commit". */
const env = useTestServer('entanglement-log-', () =>
  Object.assign(new MemoryLog(), { delayMs: 30 }),
);

test('every accepted command is in the log before its ack, and the log replays to the same hash', async () => {
  const sdk = new Client(env.base);
  const host = await hostInbox(sdk, {
    scenario: 'tutorial-1950',
    nickname: 'Host',
    seats: ['china', 'ussr', 'usa'],
  });
  env.inboxes.push(host);
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const seatToken = (await host.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');

  const record = env.store.matches[0]!;
  expect(record.id).toBe(host.room.roomId);
  expect(record.hostTokenHash).toMatch(/^[0-9a-f]{64}$/);
  expect(JSON.stringify(env.store.matches)).not.toContain(hostToken);

  host.room.send('command', {
    token: seatToken,
    ref: 'news-done',
    command: { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
  });
  const ack = await host.waitFor('ack', (a) => a.ref === 'news-done');
  // The acknowledged command is committed already.
  expect(env.store.entries.some((e) => e.seq === ack.step)).toBe(true);
  const view = await host.waitFor('view', (v) => v.phase === 'diplomacy');

  // Folding the log over the recorded creation gives the state every step had.
  const scenario = getScenario(record.scenarioId);
  const created = createMatch(scenario, record.settings as object, record.seed);
  if (!created.ok) throw new Error(created.error);
  for (const entry of env.store.entries) {
    expect(applyCommand(scenario, created.state, entry.command as Command)).toMatchObject({
      ok: true,
    });
    expect(stateHash(created.state)).toBe(entry.stateHash);
  }
  expect(created.state.step).toBe(view.step);
  expect(created.state.phase).toBe('diplomacy');
});
