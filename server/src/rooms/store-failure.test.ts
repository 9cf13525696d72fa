import { Client } from '@colyseus/sdk';
import { getScenario } from '@entanglement/shared';
import { expect, test } from 'vitest';
import { MemoryLog } from './memory-log.ts';
import { replayLog } from './replay-log.ts';
import { useTestServer } from './stored-server.ts';
import { hostInbox, hostTokenOf } from './test-clients.ts';

/** An in-memory log whose next append can be made to fail. */
const env = useTestServer('entanglement-flaky-', () => new MemoryLog());

test('a command the store could not save is refused and taken back out of the match', async () => {
  const sdk = new Client(env.base);
  const host = await hostInbox(sdk, {
    scenario: 'tutorial-1950',
    nickname: 'Host',
    seats: ['china', 'ussr', 'usa'],
    timers: { news: 600, diplomacy: 600, resolution: 600 },
  });
  env.inboxes.push(host);
  const hostToken = hostTokenOf(host);
  host.room.send('claimSeat', { seat: 'china' });
  const token = (await host.waitFor('seatToken')).token;
  host.room.send('host', { action: 'start', token: hostToken });
  await host.waitFor('view', (v) => v.phase === 'news');
  host.room.send('host', { action: 'skip', token: hostToken });
  const diplomacy = await host.waitFor('view', (v) => v.phase === 'diplomacy');
  const region = getScenario('tutorial-1950').regions[0]!.id;
  const order = (ref: string) => ({
    token,
    ref,
    command: {
      kind: 'order',
      seat: 'china',
      round: 1,
      phase: 'diplomacy',
      order: { kind: 'invest', region, amount: 2 },
    },
  });

  env.store.failNext = true;
  let mark = host.mark();
  host.room.send('command', order('lost'));
  expect(await host.waitFor('error', (e) => e.ref === 'lost', mark)).toMatchObject({
    code: 'internal',
  });
  // Everyone is sent the match as the store has it: the lost order is not in it.
  const reloaded = await host.waitFor('view', (v) => v.step === diplomacy.step, mark);
  expect(reloaded.drafts.china!.orders).toEqual([]);

  // Play goes on, and the log has no gap: it replays to the hash of every step.
  mark = host.mark();
  host.room.send('command', order('kept'));
  const ack = await host.waitFor('ack', (a) => a.ref === 'kept', mark);
  expect(ack.step).toBe(diplomacy.step + 1);
  const record = env.store.matches[0]!;
  const replayed = replayLog(
    getScenario(record.scenarioId),
    record.settings as object,
    record.seed,
    env.store.entries,
  );
  expect(replayed.match.step).toBe(ack.step);
  expect(replayed.match.drafts.china!.orders).toHaveLength(1);
});
