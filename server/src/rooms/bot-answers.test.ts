import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyCommand,
  type Command,
  cloneState,
  createMatch,
  doctrineBots,
  getScenario,
  type Pace,
  playBots,
  type ReadonlyState,
  RULES_VERSION,
  type SeatCommand,
  type SeatView,
  stateHash,
  stateOfView,
} from '@entanglement/shared';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type RunningServer, startGameServer } from '../game-server.ts';
import { openSqliteStore, type SqliteMatchStore } from '../store/sqlite.ts';
import { hashToken } from '../store/tokens.ts';
import type { CommandEntry } from '../store/types.ts';
import {
  claimSeat,
  createMatchClient,
  eventually,
  type Inbox,
  joinMatchClient,
  pacedSend,
  sendCommand,
} from './test-clients.ts';

const MAIN = getScenario('main');
/** Every seat of the main scenario: China is the person, the other ten are bots. */
const SEATS = [...MAIN.seats.required, ...MAIN.seats.optional];
const BOT_SEATS = SEATS.filter((s) => s !== 'china');
const GLOBAL_SOUTH = MAIN.actors.filter((a) => a.kind === 'globalSouth').map((a) => a.id);
/** Long timers: phases move on because every seat is done, never because a timer ran out. */
const TIMERS = { news: 600, diplomacy: 600, responses: 600, calls: 600, resolution: 600 };

let dir: string;
let store: SqliteMatchStore;
let server: RunningServer;
let base: string;
const inboxes: Inbox[] = [];
/** The match stored as a kill would leave it: China's offer committed, the bot's answer not. */
const stored = {
  id: 'owed-after-restart',
  code: 'BQT234',
  token: 'c'.repeat(24),
  offer: '',
  entries: 0,
};

/**
 * An investment package from China to a Global South seat (a Global South
 * doctrine takes every one), with a raise where the tie allows one, legal
 * on `state`: the bots' own offers may leave some pairs busy this round.
 */
function investmentOffer(state: ReadonlyState): Extract<SeatCommand, { kind: 'offer' }> {
  for (const raise of [true, false])
    for (const to of GLOBAL_SOUTH) {
      const cmd: SeatCommand = {
        kind: 'offer',
        seat: 'china',
        round: state.round,
        phase: state.phase,
        to,
        raise,
        riders: [{ kind: 'investment', amount: 2 }],
        favour: false,
      };
      if (applyCommand(MAIN, cloneState(state), cmd).ok) return cmd;
    }
  throw new Error('China can make no Global South seat an offer now');
}

/**
 * Writes a live quick-pace match to the store as the server would have: in
 * Negotiate & Commit every bot has played its turn and marked itself done,
 * then China's offer was committed and the process was killed before the
 * bot it went to could answer.
 */
async function storeMatchOwingAnAnswer(): Promise<void> {
  const settings = { seats: SEATS, pace: 'quick' as const, rounds: 4 };
  const seed = 'owed-restart';
  const made = createMatch(MAIN, settings, seed);
  if (!made.ok) throw new Error(made.error);
  const state = made.state;
  const log: CommandEntry[] = [];
  const run = (command: Command) => {
    const ok = applyCommand(MAIN, state, command).ok;
    if (ok) log.push({ seq: state.step, command, stateHash: stateHash(state), at: Date.now() });
    return ok;
  };
  run({ kind: 'advance', round: 1, phase: 'news' });
  playBots(MAIN, state, doctrineBots(MAIN, BOT_SEATS, 'normal'), { rng: 7 }, run);
  const offer = investmentOffer(state);
  expect(run(offer)).toBe(true);
  stored.offer = state.offers.at(-1)!.id;
  stored.entries = log.length;
  await store.createMatch({
    id: stored.id,
    code: stored.code,
    scenarioId: MAIN.id,
    settings,
    rulesVersion: RULES_VERSION,
    seed,
    hostTokenHash: hashToken('h'.repeat(24)),
    createdAt: Date.now(),
    roomSettings: { timers: TIMERS, botLevel: 'normal' },
  });
  for (const e of log) await store.appendCommand(stored.id, e.seq, e.command, e.stateHash, e.at);
  for (const seat of SEATS)
    await store.upsertSeat(
      stored.id,
      seat === 'china'
        ? { seat, tokenHash: hashToken(stored.token), nickname: 'Host', kind: 'human' }
        : { seat, tokenHash: null, nickname: 'Bot', kind: 'bot', botLevel: 'normal' },
    );
  await store.saveClock(stored.id, {
    round: 1,
    phase: 'diplomacy',
    paused: false,
    phaseEndsAt: Date.now() + 600_000,
  });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'entanglement-bot-answers-'));
  store = openSqliteStore({ dataDir: join(dir, 'data') });
  await storeMatchOwingAnAnswer();
  server = await startGameServer({
    port: 0,
    host: '127.0.0.1',
    clientDist: join(dir, 'dist'),
    store,
  });
  base = `http://127.0.0.1:${server.port}`;
});

afterAll(async () => {
  await Promise.all(inboxes.map((inbox) => inbox.leave()));
  await server?.stop();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});

/** A match of the main scenario with China played by its host and every other seat a bot. */
async function startMatch(pace: Pace) {
  const created = await createMatchClient(base, {
    scenario: 'main',
    nickname: 'Host',
    rounds: 4,
    pace,
    seats: SEATS,
    timers: TIMERS,
    botLevel: 'normal',
  });
  const host = created.inbox;
  inboxes.push(host);
  const token = await claimSeat(host, 'china');
  await pacedSend(host, 'host', { action: 'start', token: created.hostToken });
  await host.waitFor('view', (v) => v.round === 1 && v.phase === 'news');
  const done = await sendCommand(
    host,
    token,
    { kind: 'done', seat: 'china', round: 1, phase: 'news', done: true },
    'news-done',
  );
  expect(done.error).toBeNull();
  const view = await host.waitFor('view', (v) => v.phase === 'diplomacy');
  return { host, token, view };
}

/** The bots marked Negotiate & Commit done before the person did anything in it. */
function expectBotsDone(view: SeatView) {
  for (const seat of BOT_SEATS) expect(view.drafts[seat]!.done, seat).toBe(true);
  expect(view.drafts.china!.done).toBe(false);
}

/** The first view from `since` in which China's offer to `to` has been answered. */
function answered(host: Inbox, to: string, since: number) {
  return host.waitFor(
    'view',
    (v) => v.offers.some((o) => o.from === 'china' && o.to === to && o.answer !== null),
    since,
    10_000,
  );
}

const answerTo = (view: SeatView, to: string) =>
  view.offers.find((o) => o.from === 'china' && o.to === to)!.answer;

describe('bots answer what they owe after they marked a phase done', () => {
  test('quick pace: a person’s offer sent after the bot finished is accepted at once', async () => {
    const { host, token, view } = await startMatch('quick');
    expectBotsDone(view);
    const offer = investmentOffer(stateOfView(view));
    const since = host.mark();
    const sent = await sendCommand(host, token, offer, 'offer');
    expect(sent.error).toBeNull();
    const reply = await answered(host, offer.to, since);
    expect(answerTo(reply, offer.to)).toBe(true);
    // Still Negotiate & Commit: the bot answered without the phase ending, and is still done.
    expect(reply.phase).toBe('diplomacy');
    expect(reply.drafts[offer.to]!.done).toBe(true);
  });

  test('full pace: an offer sent in Negotiate & Commit is accepted in Responses', async () => {
    const { host, token, view } = await startMatch('full');
    expectBotsDone(view);
    const offer = investmentOffer(stateOfView(view));
    const sent = await sendCommand(host, token, offer, 'offer');
    expect(sent.error).toBeNull();
    const since = host.mark();
    const finished = await sendCommand(
      host,
      token,
      { kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: true },
      'diplomacy-done',
    );
    expect(finished.error).toBeNull();
    const responses = await answered(host, offer.to, since);
    expect(responses.phase).toBe('responses');
    expect(answerTo(responses, offer.to)).toBe(true);
  });

  test('after a restart a bot answers the offer it was sent before the kill', async () => {
    const back = await joinMatchClient(base, { roomId: stored.id, code: stored.code }, 'Host');
    inboxes.push(back);
    await pacedSend(back, 'rejoinSeat', { seat: 'china', token: stored.token });
    const view = await back.waitFor('view', (v) => v.offers.some((o) => o.id === stored.offer));
    expect(view.phase).toBe('diplomacy');
    expect(view.offers.find((o) => o.id === stored.offer)!.answer).toBe(true);
    // The answer is in the log, right after the offer the kill interrupted.
    const log = await eventually(
      () => store.loadLog(stored.id),
      (entries) => entries.length > stored.entries,
    );
    const at = log.findIndex((e) => {
      const command = e.command as { kind: string; seat?: string };
      return command.kind === 'offer' && command.seat === 'china';
    });
    expect(log[at + 1]!.command).toMatchObject({
      kind: 'respond',
      offer: stored.offer,
      accept: true,
    });
  });
});
