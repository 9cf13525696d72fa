import {
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  type MatchState,
  nextRandomCommand,
  type SeatCommand,
  type SeatView,
  stateOfView,
  viewFor,
} from '@entanglement/shared';
import { expect, test } from 'vitest';
import { useStoredServer } from './stored-server.ts';
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
 * Issue 3, item 8: hidden information on the wire. Four people play a whole
 * main-scenario match at the full pace (Briefing, Negotiate & Commit,
 * Responses, Crisis calls, Resolution) with seven bots, a host without a seat
 * and a spectator watching. Everything each SDK client decoded is kept and
 * checked afterwards against what the server really held at that step (the
 * archived log replayed through the engine).
 */

const env = useStoredServer('entanglement-hidden-');
const MAIN = getScenario('main');
/** Russia and Pakistan hold crisis cards: their hands are secret. */
const PEOPLE = ['russia', 'pakistan', 'usa', 'china'] as const;
const ROUNDS = 4;
const SECRET_CHAT = 'meet me in Astana, tell nobody';
const TEAM_CHAT = 'note to self: watch the Gulf';
const PUBLIC_CHAT = 'hello everyone';
/** The main scenario's vote card (the USA decides its mandate). */
const VOTE_CARD = 'mandate-vote';

/** A value as a client decodes it: msgpack sends the engine's -0 as 0, as JSON does. */
function onTheWire<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** An order the seat may give now, from its own view (the random policy until it proposes one). */
function someOrder(view: SeatView, seat: string): SeatCommand {
  const rng = { rng: 77 };
  const state = stateOfView(view);
  for (let i = 0; i < 500; i++) {
    const cmd = nextRandomCommand(MAIN, state, seat, rng);
    if (cmd.kind === 'order') return cmd;
  }
  throw new Error(`${seat} found no order to give`);
}

/** Sends offers from `player` to `to` until one is accepted by the engine. */
async function offerTo(player: SeatPlayer, to: string, view: SeatView) {
  const stamp = { seat: player.seat, round: view.round, phase: view.phase };
  const variants: SeatCommand[] = [
    { kind: 'offer', ...stamp, to, raise: true, riders: [], favour: false },
    { kind: 'offer', ...stamp, to, raise: true, riders: [{ kind: 'trade' }], favour: false },
    { kind: 'offer', ...stamp, to, raise: false, riders: [{ kind: 'trade' }], favour: false },
  ];
  for (const [i, command] of variants.entries()) {
    const outcome = await sendCommand(player.inbox, player.token, command, `offer-${i}`);
    player.sent.push(outcome);
    if (outcome.ack) return;
  }
  const reasons = player.sent.slice(-variants.length).map((o) => o.error?.reason);
  throw new Error(`${player.seat} could not make an offer to ${to}: ${reasons.join(' / ')}`);
}

/** What the server held at every step: the archived log replayed through the engine. */
async function replayStored(roomId: string, visit: (state: MatchState) => void) {
  await eventually(
    () => env.store.getMatch(roomId),
    (m) => m?.finishedAt != null,
  );
  const file = await env.store.getMatchFile(roomId);
  if (!file) throw new Error('no match file');
  const created = createMatch(MAIN, file.settings as object, file.seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  visit(state);
  for (const command of file.commands) {
    expect(applyCommand(MAIN, state, command as Command)).toMatchObject({ ok: true });
    visit(state);
  }
  return { seed: file.seed, state };
}

test('no client ever decodes what its seat may not know, in any phase of a full-pace match', async () => {
  const created = await createMatchClient(env.base, {
    scenario: 'main',
    nickname: 'Host',
    rounds: ROUNDS,
    pace: 'full',
    // Resolution starts with every seat already done: its timer ends it.
    timers: { resolution: 1 },
  });
  const { roomId, hostToken } = created;
  const host = created.inbox;
  env.inboxes.push(host);
  const spectator = await joinMatchClient(env.base, roomId, 'Watcher');
  env.inboxes.push(spectator);
  const players: SeatPlayer[] = [];
  for (const [i, seat] of PEOPLE.entries()) {
    const inbox = await joinMatchClient(env.base, roomId, `P-${seat}`);
    env.inboxes.push(inbox);
    players.push(seatPlayer(inbox, seat, await claimSeat(inbox, seat), 500 + i));
  }
  const [russia, pakistan, usa] = players as [SeatPlayer, SeatPlayer, SeatPlayer, SeatPlayer];
  /** Every client, with the seat it plays (null: host and spectator) and the tokens it may hold. */
  const clients: { name: string; inbox: Inbox; seat: string | null; own: string[] }[] = [
    { name: 'host', inbox: host, seat: null, own: [hostToken] },
    { name: 'spectator', inbox: spectator, seat: null, own: [] },
    ...players.map((p) => ({ name: p.seat, inbox: p.inbox, seat: p.seat, own: [p.token] })),
  ];
  const allTokens = [hostToken, ...players.map((p) => p.token)];

  // Chat in the lobby: a private line between Russia and Pakistan, a team note, a public hello.
  await pacedSend(russia.inbox, 'chat', {
    channel: 'private',
    token: russia.token,
    to: 'pakistan',
    text: SECRET_CHAT,
  });
  await pacedSend(usa.inbox, 'chat', { channel: 'team', token: usa.token, text: TEAM_CHAT });
  await pacedSend(host, 'chat', { channel: 'public', token: hostToken, text: PUBLIC_CHAT });
  await pakistan.inbox.waitFor('chat', (c) => c.text === SECRET_CHAT);
  await usa.inbox.waitFor('chat', (c) => c.text === TEAM_CHAT);
  for (const c of clients) await c.inbox.waitFor('chat', (m) => m.text === PUBLIC_CHAT);

  host.room.send('host', { action: 'start', token: hostToken });
  for (const c of clients) await c.inbox.waitFor('view', (v) => v.phase === 'news');
  // The host reveals the Security Council vote now, so that council members vote in secret.
  const briefing = lastView(host)!;
  if (!briefing.crises.some((c) => c.card === VOTE_CARD)) {
    const mark = host.mark();
    host.room.send('host', { action: 'inject', token: hostToken, card: VOTE_CARD });
    await host.waitFor('view', (v) => v.crises.some((c) => c.card === VOTE_CARD), mark);
  }

  // Briefing, then secrets early in Negotiate & Commit while the others watch:
  // Russia and Pakistan give orders; Russia makes an offer to Pakistan, Pakistan to the USA.
  const inDiplomacy = (v: SeatView) => v.phase === 'diplomacy';
  await Promise.all(players.map((p) => playSeat(MAIN, p, { stop: inDiplomacy })));
  await Promise.all(
    [russia, pakistan].map(async (p) => {
      const view = lastView(p.inbox)!;
      const order = someOrder(view, p.seat);
      const outcome = await sendCommand(p.inbox, p.token, order, 'secret-order');
      expect(outcome.ack).not.toBeNull();
      p.sent.push(outcome);
      await offerTo(p, p === russia ? 'pakistan' : 'usa', view);
    }),
  );
  // The rest of the match: everyone plays every phase to the end.
  await Promise.all(players.map((p) => playSeat(MAIN, p)));
  for (const c of clients) await c.inbox.waitFor('lobby', (l) => l.stage === 'ended');
  // The final view follows the lobby message once the last writes are committed: wait for it too.
  for (const c of clients)
    await eventually(
      async () => lastView(c.inbox)?.phase,
      (phase) => phase === 'ended',
    );

  // ---- raw messages: tokens, the seed, the deck, chat lines ----
  const stored = await eventually(
    () => env.store.getMatch(roomId),
    (m) => m?.finishedAt != null,
  );
  for (const c of clients) {
    for (const m of c.inbox.received) {
      const raw = JSON.stringify(m.payload);
      for (const token of allTokens)
        if (!c.own.includes(token))
          expect(raw.includes(token), `${c.name} received another's token in "${m.type}"`).toBe(
            false,
          );
      expect(raw.includes(stored!.seed), `${c.name} received the seed`).toBe(false);
      expect(raw, `${c.name} received the deck`).not.toMatch(/"deck"\s*:/);
      if (m.type === 'view') expect('deck' in (m.payload as object)).toBe(false);
    }
    const texts = c.inbox.all('chat').map((line) => line.text);
    expect(texts).toContain(PUBLIC_CHAT);
    expect(texts.includes(SECRET_CHAT)).toBe(c.seat === 'russia' || c.seat === 'pakistan');
    expect(texts.includes(TEAM_CHAT)).toBe(c.seat === 'usa');
    // No room message carries the host token (POST /api/matches answered it to the creator).
    expect(JSON.stringify(c.inbox.received)).not.toContain(created.hostToken);
    expect(c.inbox.all('seatToken').map((t) => t.seat)).toEqual(c.seat ? [c.seat] : []);
  }

  // ---- every view, field by field: nothing another seat decided, proposed or holds ----
  const expectedPhases = new Set<string>();
  for (let round = 1; round <= ROUNDS; round++)
    for (const phase of ['news', 'diplomacy', 'responses', 'calls', 'resolution'])
      expectedPhases.add(`${round}:${phase}`);
  expectedPhases.delete(`${ROUNDS}:resolution`);
  for (const c of clients) {
    const me = c.seat;
    const views = c.inbox.all('view');
    const phases = new Set(
      views.filter((v) => v.phase !== 'ended').map((v) => `${v.round}:${v.phase}`),
    );
    expect([...phases].sort(), `${c.name} saw every phase`).toEqual([...expectedPhases].sort());
    for (const v of views) {
      expect(v.viewer).toBe(me);
      expect(v.rng).toBe(0);
      if (v.phase === 'ended') continue;
      const where = `${c.name} in round ${v.round}, ${v.phase} (step ${v.step})`;
      for (const [seat, draft] of Object.entries(v.drafts))
        if (seat !== me) {
          expect(draft.orders, `${where}: ${seat}'s orders`).toEqual([]);
          expect(draft.lowers, `${where}: ${seat}'s lowers`).toEqual([]);
        }
      for (const [id, actor] of Object.entries(v.actors))
        if (id !== me) {
          expect(actor.objective, `${where}: ${id}'s objective`).toBeNull();
          expect(
            actor.hand.every((card) => card === 'hidden'),
            `${where}: ${id}'s hand`,
          ).toBe(true);
        }
      for (const crisis of v.crises) {
        const others = (ids: string[]) => ids.filter((id) => id !== me);
        if (crisis.live) {
          expect(others(Object.keys(crisis.answers)), `${where}: live answers`).toEqual([]);
          expect(others(Object.keys(crisis.votes)), `${where}: live votes`).toEqual([]);
          if (crisis.instigator !== me) expect(crisis.press, `${where}: press`).toBeNull();
          // (The seat that decides the mandate does not see its own choice either: not checked here.)
          if (MAIN.cards.find((card) => card.id === crisis.card)?.mandateFor !== me)
            expect(crisis.mandate, `${where}: mandate`).toBeNull();
        } else {
          for (const [id, answer] of Object.entries(crisis.answers))
            if (id !== me) expect(answer.kind, `${where}: quiet support`).not.toBe('quiet');
        }
      }
      for (const offer of v.offers)
        expect([offer.from, offer.to], `${where}: offer ${offer.id}`).toContain(me);
      for (const p of v.prepared) expect(p.by).toBe(me);
      for (const p of v.pledges) expect([p.by, p.to]).toContain(me);
      for (const e of v.account)
        if (e.visibleTo) expect(e.visibleTo, `${where}: ${e.type}`).toContain(me);
    }
  }

  // ---- every view is exactly the engine's view of what the server held at that step ----
  const byStep = new Map<number, { name: string; viewer: string | null; view: SeatView }[]>();
  for (const c of clients)
    for (const view of c.inbox.all('view'))
      byStep.set(view.step, [
        ...(byStep.get(view.step) ?? []),
        { name: c.name, viewer: c.seat, view },
      ]);
  /** Per client: how often the server held something its views had to leave out. */
  const bites = new Map(
    clients.map((c) => [
      c.name,
      {
        orders: 0,
        offers: 0,
        hands: 0,
        objectives: 0,
        answers: 0,
        votes: 0,
        press: 0,
        mandates: 0,
      },
    ]),
  );
  let compared = 0;
  const { state: final } = await replayStored(roomId, (state) => {
    for (const { name, viewer, view } of byStep.get(state.step) ?? []) {
      expect(view, `${name}'s view at step ${state.step}`).toEqual(
        onTheWire(viewFor(state, viewer)),
      );
      compared++;
      if (state.phase === 'ended') continue;
      const bite = bites.get(name)!;
      const other = (id: string) => id !== viewer;
      if (state.seats.some((s) => other(s) && state.drafts[s]!.orders.length > 0)) bite.orders++;
      if (state.offers.some((o) => other(o.from) && other(o.to))) bite.offers++;
      if (state.seats.some((s) => other(s) && state.actors[s]!.hand.length > 0)) bite.hands++;
      if (state.seats.some((s) => other(s) && state.actors[s]!.objective)) bite.objectives++;
      for (const crisis of state.crises.filter((x) => x.live)) {
        if (Object.keys(crisis.answers).some(other)) bite.answers++;
        if (Object.keys(crisis.votes).some(other)) bite.votes++;
        if (crisis.press && crisis.instigator && other(crisis.instigator)) bite.press++;
        if (crisis.mandate) bite.mandates++;
      }
    }
  });
  expect(final.phase).toBe('ended');
  expect(compared).toBe(clients.reduce((n, c) => n + c.inbox.all('view').length, 0));
  // The checks bite: every client was shown views while others' orders, hands and objectives
  // were live on the server. A client is sent a view only when its view changed, so the
  // short-lived secrets (offers, live answers, votes, the mandate) are counted over all clients.
  for (const [name, bite] of bites) {
    expect(bite.orders, `${name}: others' orders`).toBeGreaterThan(0);
    expect(bite.hands, `${name}: others' hands`).toBeGreaterThan(0);
    expect(bite.objectives, `${name}: others' objectives`).toBeGreaterThan(0);
  }
  const all = [...bites.values()];
  const total = (key: keyof (typeof all)[number]) => all.reduce((n, b) => n + b[key], 0);
  expect(total('offers'), 'offers between others').toBeGreaterThan(0);
  expect(total('answers'), "others' live answers").toBeGreaterThan(0);
  expect(total('votes'), "others' live votes").toBeGreaterThan(0);
  expect(total('mandates'), 'the live mandate').toBeGreaterThan(0);

  // The spectator sees what the projector may: viewFor(state, null), nothing of any seat's secrets.
  for (const v of spectator.all('view').filter((x) => x.phase !== 'ended')) {
    expect(Object.values(v.drafts).every((d) => d.orders.length === 0 && d.lowers.length === 0));
    expect(v.offers).toEqual([]);
    expect(v.prepared).toEqual([]);
    expect(v.pledges).toEqual([]);
    expect(Object.values(v.actors).every((a) => a.objective === null)).toBe(true);
    for (const crisis of v.crises.filter((c) => c.live)) {
      expect(crisis.answers).toEqual({});
      expect(crisis.votes).toEqual({});
      expect(crisis.press).toBeNull();
    }
  }
  // At the end everything is shown to everyone, the spectator included.
  const ended = lastView(spectator)!;
  expect(ended.phase).toBe('ended');
  expect(ended).toEqual(onTheWire(viewFor(final, null)));
  expect(Object.values(ended.actors).some((a) => a.objective !== null)).toBe(true);
}, 60_000);
