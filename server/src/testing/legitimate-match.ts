import { getScenario } from '@entanglement/shared';
import { expect } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  eventually,
  joinMatchClient,
  playSeat,
  seatPlayer,
} from '../rooms/test-clients.ts';
import { openSqliteStore } from '../store/sqlite.ts';

const TUTORIAL = getScenario('tutorial-1950');

/**
 * What every attack test ends with: a class's match still plays to its end
 * on the attacked server. A teacher creates the tutorial from 127.0.0.1 and
 * plays China, a student joins and plays the USSR (the USA is a bot), both
 * through the SDK from their own views; then the store under `dataDir` must
 * hold the match as finished, with every command the server acknowledged at
 * the step its ack named. Its clients leave at the end.
 */
export async function playLegitimateMatch(
  base: string,
  dataDir: string,
): Promise<{ roomId: string; acked: number }> {
  const created = await createMatchClient(base, {
    ...TUTORIAL_MATCH,
    timers: { news: 60, diplomacy: 60, resolution: 1 },
  });
  const student = await joinMatchClient(base, created.roomId, 'Student');
  const players = [
    seatPlayer(created.inbox, 'china', await claimSeat(created.inbox, 'china'), 101),
    seatPlayer(student, 'ussr', await claimSeat(student, 'ussr'), 102),
  ];
  created.inbox.room.send('host', { action: 'start', token: created.hostToken });
  await Promise.all(players.map((p) => playSeat(TUTORIAL, p, { perPhase: 4, timeoutMs: 90_000 })));

  const acks = players.flatMap((p) =>
    p.sent.flatMap((s) => (s.ack ? [{ step: s.ack.step, command: s.command }] : [])),
  );
  expect(acks.length).toBeGreaterThan(0);
  const store = openSqliteStore({ dataDir });
  try {
    const match = await eventually(
      () => store.getMatch(created.roomId),
      (m) => m?.finishedAt != null,
    );
    expect(match?.finishedAt, 'the match is archived').not.toBeNull();
    const log = await store.loadLog(created.roomId);
    for (const ack of acks) {
      const entry = log.find((e) => e.seq === ack.step);
      expect(entry?.command, `the acknowledged command at step ${ack.step}`).toEqual(
        JSON.parse(JSON.stringify(ack.command)),
      );
    }
  } finally {
    await store.close();
    await Promise.all([created.inbox.leave(), student.leave()]);
  }
  return { roomId: created.roomId, acked: acks.length };
}
