import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  type Pace,
  type Phase,
  scoreMatch,
  stateHash,
  stateOfView,
  viewFor,
} from '@entanglement/shared';
import { describe, expect, test } from 'vitest';
import { useStoredServer } from './stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  eventually,
  type Inbox,
  joinMatchClient,
  lastView,
  playSeat,
  type SeatPlayer,
  seatPlayer,
  sendCommand,
} from './test-clients.ts';

/**
 * Issue 3, item 8: whole matches of the main scenario (11 seats) played by
 * four people on real SDK clients against a real server with its SQLite
 * store; the seven seats nobody takes are stand-in bots. Each person plays
 * every phase from its own views (the engine's random-legal policy on
 * `stateOfView`), and phases end when every seat is done.
 */

const env = useStoredServer('entanglement-full-match-');
const MAIN = getScenario('main');
/** The main scenario's eleven seats, in scenario order. */
const SEATS = MAIN.actors.filter((a) => a.seat).map((a) => a.id);
/** The four seats people take; the other seven are played by bots. */
const PEOPLE = ['usa', 'china', 'india', 'brazil'] as const;
/** The main scenario's fewest rounds. */
const ROUNDS = 4;
const PHASES: Record<Pace, Phase[]> = {
  quick: ['news', 'diplomacy', 'resolution'],
  full: ['news', 'diplomacy', 'responses', 'calls', 'resolution'],
};

/** A value as a client decodes it: msgpack sends the engine's -0 as 0, as JSON does. */
function onTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function track(inbox: Inbox): Inbox {
  env.inboxes.push(inbox);
  return inbox;
}

async function playWholeMatch(pace: Pace, hostSeated: boolean) {
  const created = await createMatchClient(env.base, {
    scenario: 'main',
    nickname: 'Host',
    rounds: ROUNDS,
    pace,
    // Resolution starts with every seat already marked done (the flags of the phase before),
    // so no "done" from the people ends it: its timer does.
    timers: { resolution: 1 },
  });
  const { roomId, code, hostToken } = created;
  const host = track(created.inbox);
  const players: SeatPlayer[] = [];
  for (const [i, seat] of PEOPLE.entries()) {
    const inbox =
      i === 0 && hostSeated ? host : track(await joinMatchClient(env.base, roomId, `P-${seat}`));
    players.push(seatPlayer(inbox, seat, await claimSeat(inbox, seat), 1000 + i));
  }
  const clients = hostSeated ? players.map((p) => p.inbox) : [host, ...players.map((p) => p.inbox)];

  // Start: the seven empty seats become bots; everyone gets the first Briefing.
  host.room.send('host', { action: 'start', token: hostToken });
  const playing = await host.waitFor('lobby', (l) => l.stage === 'playing');
  const people: readonly string[] = PEOPLE;
  expect(SEATS).toHaveLength(11);
  expect(playing.seats.map((s) => s.seat)).toEqual(SEATS);
  expect(playing.seats.filter((s) => s.bot).map((s) => s.seat)).toEqual(
    SEATS.filter((id) => !people.includes(id)),
  );
  for (const inbox of clients)
    await inbox.waitFor('view', (v) => v.round === 1 && v.phase === 'news');

  // Everyone plays every phase; the phases move on because every seat is done.
  await Promise.all(players.map((p) => playSeat(MAIN, p)));
  for (const inbox of clients) {
    const ended = await inbox.waitFor('lobby', (l) => l.stage === 'ended');
    expect(ended).toMatchObject({ code, endedBy: null });
    await inbox.waitFor('view', (v) => v.phase === 'ended');
  }
  return { roomId, host, hostToken, players, clients };
}

/** What the archive holds for the match: the stored log replays to every stored hash. */
async function checkArchive(roomId: string, pace: Pace) {
  const stored = await eventually(
    () => env.store.getMatch(roomId),
    (m) => m?.finishedAt != null,
  );
  expect(stored?.finishedAt).not.toBeNull();
  const file = await env.store.getMatchFile(roomId);
  const log = await env.store.loadLog(roomId);
  if (!file) throw new Error('the finished match has no match file');
  expect(file.commands).toEqual(log.map((e) => e.command));

  const created = createMatch(MAIN, file.settings as object, file.seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  const phaseHashes: string[] = [];
  for (const entry of log) {
    const { round, phase } = state;
    expect(applyCommand(MAIN, state, entry.command as Command)).toMatchObject({ ok: true });
    expect(state.step).toBe(entry.seq);
    expect(stateHash(state), `hash after command ${entry.seq}`).toBe(entry.stateHash);
    if ((entry.command as Command).kind === 'advance')
      phaseHashes.push(`${round}:${phase}:${stateHash(state)}`);
  }
  expect(state.phase).toBe('ended');
  // One hash per phase played, and the last one is the final state's.
  expect(file.phaseHashes.map((h) => `${h.round}:${h.phase}:${h.hash}`)).toEqual(phaseHashes);
  expect(file.phaseHashes.at(-1)!.hash).toBe(stateHash(state));
  expect(log.at(-1)!.stateHash).toBe(stateHash(state));
  if (state.ending?.reason === 'lastRound') {
    const expected: string[] = [];
    for (let round = 1; round <= ROUNDS; round++)
      for (const phase of PHASES[pace]) expected.push(`${round}:${phase}`);
    // The last round's resolution is not a phase of its own: the advance into it ends the match.
    expected.pop();
    expect(file.phaseHashes.map((h) => `${h.round}:${h.phase}`)).toEqual(expected);
    expect(stored?.rounds).toBe(ROUNDS);
  }
  expect(file.settings).toMatchObject({ rounds: ROUNDS, pace });
  return { state, log, stored: stored!, file };
}

describe('a full match of 4 people and 7 bots to the end', () => {
  for (const [pace, hostSeated] of [
    ['full', true],
    ['quick', false],
  ] as const) {
    test(`main scenario, pace ${pace}, host ${hostSeated ? 'in a seat' : 'without a seat'}`, async () => {
      const { roomId, players, clients } = await playWholeMatch(pace, hostSeated);

      // The final views agree: the engine reveals everything at the end, so only the viewer differs.
      const finals = clients.map((inbox) => lastView(inbox)!);
      for (const [i, view] of finals.entries()) {
        expect(view.phase).toBe('ended');
        expect(view.viewer).toBe(hostSeated ? PEOPLE[i] : i === 0 ? null : PEOPLE[i - 1]);
      }
      const [first, ...rest] = finals.map((v) => ({ ...v, viewer: null }));
      for (const other of rest) {
        expect(other.round).toBe(first!.round);
        expect(other.account.length).toBe(first!.account.length);
        expect(other).toEqual(first);
      }
      const scores = finals.map((v) => scoreMatch(MAIN, stateOfView(v)));
      for (const s of scores.slice(1)) expect(s).toEqual(scores[0]);
      expect(scores[0]!.map((s) => s.seat).sort()).toEqual([...SEATS].sort());

      // Every command a person sent was acknowledged or refused with a code and a reason.
      for (const p of players) {
        expect(p.sent.length).toBeGreaterThan(0);
        for (const outcome of p.sent) {
          expect(outcome.ack === null, `${outcome.ref}: exactly one answer`).not.toBe(
            outcome.error === null,
          );
          if (outcome.ack) expect(outcome.ack).toMatchObject({ kind: outcome.command.kind });
          if (outcome.error) {
            expect(['stale', 'illegal']).toContain(outcome.error.code);
            expect(outcome.error.reason).not.toBe('');
          }
        }
        // Each person played every phase: a done acknowledged in each one.
        const phasesDone = p.sent
          .filter((o) => o.ack && o.command.kind === 'done')
          .map((o) => `${o.command.round}:${o.command.phase}`);
        expect(new Set(phasesDone).size).toBe(phasesDone.length);
        expect(phasesDone.length).toBeGreaterThanOrEqual(PHASES[pace].length);
      }

      // A command after the end is refused too, and changes nothing.
      const late = await sendCommand(
        players[0]!.inbox,
        players[0]!.token,
        { kind: 'done', seat: players[0]!.seat, round: ROUNDS, phase: 'news', done: true },
        'late',
      );
      expect(late.error).toMatchObject({ code: 'wrongStage', ref: 'late' });

      // The archive: its log replays through the engine to every stored hash.
      const { state, log, stored } = await checkArchive(roomId, pace);
      // The stored log holds exactly the people's acknowledged commands, in the order sent.
      for (const p of players) {
        const acked = p.sent.filter((o) => o.ack).map((o) => o.command);
        const logged = log
          .map((e) => e.command as Command)
          .filter((c) => 'seat' in c && c.seat === p.seat);
        expect(logged).toEqual(acked);
        for (const o of p.sent.filter((x) => x.ack))
          expect((log[o.ack!.step - 1]!.command as Command).kind).toBe(o.command.kind);
      }
      // The clients' final views are the engine's views of the replayed final state.
      for (const [i, inbox] of clients.entries())
        expect(lastView(inbox)).toEqual(onTheWire(viewFor(state, finals[i]!.viewer)));
      expect(stored.winner).toBe(scores[0]![0]!.seat);
    }, 90_000);
  }
});
