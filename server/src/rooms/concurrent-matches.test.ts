import { type Command, getScenario, type SeatView } from '@entanglement/shared';
import { expect, test } from 'vitest';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  eventually,
  type Inbox,
  joinMatchClient,
  lastView,
  pacedSend,
  playSeat,
  type SeatPlayer,
  seatPlayer,
  sendCommand,
} from './test-clients.ts';

/**
 * Issue 3, item 8: two matches on one server at once, played interleaved by
 * SDK clients, do not reach into each other: codes, rooms, messages, chat,
 * host actions and tokens all stay inside their own match.
 */

const env = useStoredServer('entanglement-concurrent-');
const TUTORIAL = getScenario('tutorial-1950');
const LIBERAL = getScenario('liberal-era');

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface Side {
  roomId: string;
  code: string;
  hostToken: string;
  host: Inbox;
  players: SeatPlayer[];
  inboxes: Inbox[];
  seats: string[];
  scenario: string;
}

test('two matches played at once do not interfere', async () => {
  // Match A: the tutorial, host without a seat, two people (USA is a bot).
  const a0 = await createMatchClient(env.base, {
    ...TUTORIAL_MATCH,
    nickname: 'Host A',
    timers: { ...TUTORIAL_MATCH.timers, resolution: 1 },
  });
  // Match B: the liberal era, quick, 4 rounds; its host plays China; five bots.
  const b0 = await createMatchClient(env.base, {
    scenario: 'liberal-era',
    nickname: 'Host B',
    rounds: 4,
    timers: { resolution: 1 },
  });
  env.inboxes.push(a0.inbox, b0.inbox);
  expect(a0.roomId).not.toBe(b0.roomId);
  expect(a0.code).not.toBe(b0.code);
  for (const m of [a0, b0]) {
    const found = await (await fetch(`${env.base}/api/join/${m.code}`)).json();
    expect(found).toEqual({ roomId: m.roomId, code: m.code });
  }

  const aChina = await joinMatchClient(env.base, a0.roomId, 'A china');
  const aUssr = await joinMatchClient(env.base, a0.roomId, 'A ussr');
  const bUsa = await joinMatchClient(env.base, b0.roomId, 'B usa');
  env.inboxes.push(aChina, aUssr, bUsa);
  const A: Side = {
    ...a0,
    host: a0.inbox,
    players: [
      seatPlayer(aChina, 'china', await claimSeat(aChina, 'china'), 11),
      seatPlayer(aUssr, 'ussr', await claimSeat(aUssr, 'ussr'), 12),
    ],
    inboxes: [a0.inbox, aChina, aUssr],
    seats: ['china', 'ussr', 'usa'],
    scenario: TUTORIAL.id,
  };
  const B: Side = {
    ...b0,
    host: b0.inbox,
    players: [
      seatPlayer(b0.inbox, 'china', await claimSeat(b0.inbox, 'china'), 21),
      seatPlayer(bUsa, 'usa', await claimSeat(bUsa, 'usa'), 22),
    ],
    inboxes: [b0.inbox, bUsa],
    seats: LIBERAL.actors.filter((x) => x.seat).map((x) => x.id),
    scenario: LIBERAL.id,
  };
  // The same seat name in both matches, each with its own token.
  expect(A.players[0]!.token).not.toBe(B.players[0]!.token);

  // Chat in each lobby reaches only its own match.
  await pacedSend(A.host, 'chat', { channel: 'public', token: A.hostToken, text: 'only in A' });
  await pacedSend(B.host, 'chat', { channel: 'public', token: B.hostToken, text: 'only in B' });
  for (const inbox of A.inboxes) await inbox.waitFor('chat', (c) => c.text === 'only in A');
  for (const inbox of B.inboxes) await inbox.waitFor('chat', (c) => c.text === 'only in B');

  // Both start; both are played at once, commands interleaved, up to round 2's negotiation.
  A.host.room.send('host', { action: 'start', token: A.hostToken });
  B.host.room.send('host', { action: 'start', token: B.hostToken });
  const roundTwo = (v: SeatView) => v.round === 2 && v.phase === 'diplomacy';
  await Promise.all([
    ...A.players.map((p) => playSeat(TUTORIAL, p, { stop: roundTwo })),
    ...B.players.map((p) => playSeat(LIBERAL, p, { stop: roundTwo })),
  ]);
  for (const side of [A, B])
    for (const inbox of side.inboxes) await inbox.waitFor('view', roundTwo);

  /** Marks of B's clients, to check that nothing reaches them while A is acted on. */
  const quietB = () => B.inboxes.map((inbox) => inbox.mark());
  const expectNothingNew = async (marks: number[], what: string) => {
    await pause(300);
    for (const [i, inbox] of B.inboxes.entries())
      expect(
        inbox.received.slice(marks[i]).map((m) => m.type),
        what,
      ).toEqual([]);
  };
  const bStep = lastView(bUsa)!.step;

  // A's host acts in A with A's token: A pauses and skips, B hears nothing of it.
  let marks = quietB();
  let mark = A.host.mark();
  A.host.room.send('host', { action: 'pause', token: A.hostToken });
  expect((await A.host.waitFor('timer', (t) => t.paused, mark)).phase).toBe('diplomacy');
  A.host.room.send('host', { action: 'skip', token: A.hostToken });
  // A 1-second resolution may already be over when the views go out on a busy machine.
  await A.host.waitFor(
    'view',
    (v) => (v.round === 2 && v.phase === 'resolution') || v.round > 2,
    mark,
  );
  await expectNothingNew(marks, 'A’s pause and skip reached B');
  expect(lastView(bUsa)!.step).toBe(bStep);

  // A's host token used in B is refused; so are A's seat tokens, for the same seat name too.
  marks = quietB();
  mark = bUsa.mark();
  bUsa.room.send('host', { action: 'skip', token: A.hostToken });
  expect(await bUsa.waitFor('error', () => true, mark)).toMatchObject({
    code: 'badToken',
    type: 'host',
  });
  const aChinaToken = A.players[0]!.token;
  const asBChina = await sendCommand(
    bUsa,
    aChinaToken,
    { kind: 'done', seat: 'china', round: 2, phase: 'diplomacy', done: true },
    'a-token',
  );
  expect(asBChina.error).toMatchObject({ code: 'badToken', field: 'token' });
  const asBUsa = await sendCommand(
    bUsa,
    A.players[1]!.token,
    { kind: 'done', seat: 'usa', round: 2, phase: 'diplomacy', done: true },
    'a-token-2',
  );
  expect(asBUsa.error?.code).toBe('badToken');
  mark = bUsa.mark();
  await pacedSend(bUsa, 'rejoinSeat', { seat: 'china', token: aChinaToken });
  expect(await bUsa.waitFor('error', () => true, mark)).toMatchObject({
    code: 'badToken',
    type: 'rejoinSeat',
  });
  mark = bUsa.mark();
  await pacedSend(bUsa, 'chat', { channel: 'public', token: A.hostToken, text: 'from A' });
  expect((await bUsa.waitFor('error', () => true, mark)).code).toBe('badToken');
  // None of that changed B: no view, no timer, no lobby, no chat reached B's other client.
  await pause(300);
  expect(B.host.received.slice(marks[0]).map((m) => m.type)).toEqual([]);
  expect(lastView(bUsa)!.step).toBe(bStep);
  expect(lastView(B.host)!.drafts.china!.done).toBe(false);

  // A ends; B plays on to its own end.
  marks = quietB();
  mark = A.host.mark();
  A.host.room.send('host', { action: 'end', token: A.hostToken });
  expect(await A.host.waitFor('lobby', (l) => l.stage === 'ended', mark)).toMatchObject({
    code: A.code,
    endedBy: 'host',
  });
  for (const inbox of A.inboxes) await inbox.waitFor('lobby', (l) => l.stage === 'ended');
  await expectNothingNew(marks, 'A’s end reached B');
  const late = await sendCommand(
    aChina,
    aChinaToken,
    { kind: 'done', seat: 'china', round: 2, phase: 'resolution', done: true },
    'late',
  );
  expect(late.error?.code).toBe('wrongStage');
  expect(B.host.all('lobby').at(-1)!.stage).toBe('playing');
  await Promise.all(B.players.map((p) => playSeat(LIBERAL, p)));
  for (const inbox of B.inboxes) {
    expect(await inbox.waitFor('lobby', (l) => l.stage === 'ended')).toMatchObject({
      code: B.code,
      endedBy: null,
    });
    await inbox.waitFor('view', (v) => v.phase === 'ended');
  }

  // Over the whole run, every client only ever received its own match's messages.
  for (const side of [A, B]) {
    const other = side === A ? B : A;
    for (const inbox of side.inboxes) {
      expect(inbox.all('welcome').map((w) => [w.roomId, w.code])).toEqual([
        [side.roomId, side.code],
      ]);
      for (const lobby of inbox.all('lobby')) {
        expect(lobby.code).toBe(side.code);
        expect(lobby.scenario).toBe(side.scenario);
        expect(lobby.seats.map((s) => s.seat)).toEqual(side.seats);
      }
      for (const view of inbox.all('view')) {
        expect(view.scenarioId).toBe(side.scenario);
        expect(view.seats).toEqual(side.seats);
      }
      const texts = inbox.all('chat').map((c) => c.text);
      expect(texts).toContain(side === A ? 'only in A' : 'only in B');
      expect(texts).not.toContain(side === A ? 'only in B' : 'only in A');
      expect(texts).not.toContain('from A');
      const raw = JSON.stringify(inbox.received);
      expect(raw).not.toContain(other.code);
      expect(raw).not.toContain(other.roomId);
      expect(raw).not.toContain(other.hostToken);
      for (const p of other.players) expect(raw).not.toContain(p.token);
    }
  }

  // The store: A ended by its host and scored on the rounds played, B finished; each log holds only its own seats.
  const storedA = await eventually(
    () => env.store.getMatch(A.roomId),
    (m) => m?.finishedAt != null,
  );
  const storedB = await eventually(
    () => env.store.getMatch(B.roomId),
    (m) => m?.finishedAt != null,
  );
  expect(storedA?.scenarioId).toBe(TUTORIAL.id);
  expect(A.seats).toContain(storedA?.winner);
  expect(storedB?.scenarioId).toBe(LIBERAL.id);
  expect(B.seats).toContain(storedB?.winner);
  for (const side of [A, B]) {
    const log = await env.store.loadLog(side.roomId);
    expect(log.length).toBeGreaterThan(0);
    for (const entry of log) {
      const command = entry.command as Command;
      if ('seat' in command) expect(side.seats).toContain(command.seat);
    }
    // The people's acknowledged commands are in their own match's log, in order.
    for (const p of side.players) {
      const acked = p.sent.filter((o) => o.ack).map((o) => o.command);
      const logged = log
        .map((e) => e.command as Command)
        .filter((c) => 'seat' in c && c.seat === p.seat);
      expect(logged).toEqual(acked);
    }
  }
}, 60_000);
