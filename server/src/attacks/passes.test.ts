import { Client } from '@colyseus/sdk';
import { REMOVED_BY_HOST, type ServerMessages } from '@entanglement/shared';
import { describe, expect, test } from 'vitest';
import { TUTORIAL_MATCH } from '../rooms/stored-server.ts';
import {
  claimSeat,
  createMatchClient,
  Inbox,
  joinMatchClient,
  pacedSend,
  sendCommand,
} from '../rooms/test-clients.ts';
import { useAttackServer } from './attack-server.ts';

/**
 * Issue 13, items 1, 2 and 5, attacked as a student in a classroom would,
 * with SDK clients against the real server: personal seat passes, closed bot
 * seats, seat locks, removal and mutes that hold, chat limits. After each
 * attack a class's match still plays to its end.
 */
const target = useAttackServer('entanglement-passes-');

async function lobbyWith(nickname = 'Teacher') {
  const host = await createMatchClient(target.base, { ...TUTORIAL_MATCH, nickname });
  target.inboxes.push(host.inbox);
  const join = async (name: string) => {
    const inbox = await joinMatchClient(target.base, host, name);
    target.inboxes.push(inbox);
    return inbox;
  };
  const act = (payload: Record<string, unknown>) =>
    pacedSend(host.inbox, 'host', { ...payload, token: host.hostToken });
  return { host, join, act };
}

function idOf(inbox: Inbox): string {
  return inbox.all('welcome')[0]!.sessionId;
}

/** The next error answering a message of `type`, after `since`. */
function refusal(inbox: Inbox, type: string, since: number) {
  return inbox.waitFor('error', (e) => e.type === type, since);
}

function everything(inbox: Inbox): string {
  return JSON.stringify(inbox.received);
}

const DONE = (seat: string) =>
  ({ kind: 'done', seat, round: 1, phase: 'news', done: true }) as const;

describe('personal seat passes', () => {
  test('a student who claims every seat in turn holds none of them: every pass but the last is revoked, and no message gives anyone another’s pass', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    const mallory = await join('Mallory');
    const anaPass = await claimSeat(ana, 'china');
    const passes: string[] = [];
    for (const seat of ['china', 'ussr', 'usa']) passes.push(await claimSeat(mallory, seat));
    expect(new Set([anaPass, ...passes]).size).toBe(4);
    // She leaves her last seat too, and watches.
    let since = mallory.mark();
    await pacedSend(mallory, 'leaveSeat', {});
    await mallory.waitFor(
      'lobby',
      (l) => l.spectators.some((p) => p.nickname === 'Mallory'),
      since,
    );
    await act({ action: 'start' });
    await ana.waitFor('view', (v) => v.phase === 'news');
    for (const [i, seat] of ['china', 'ussr', 'usa'].entries()) {
      since = mallory.mark();
      await pacedSend(mallory, 'rejoinSeat', { seat, token: passes[i] });
      expect((await refusal(mallory, 'rejoinSeat', since)).code).toBe('badToken');
      const command = await sendCommand(mallory, passes[i]!, DONE(seat), `m-${seat}`);
      expect(command.error?.code).toBe('badToken');
      since = mallory.mark();
      await pacedSend(mallory, 'chat', { channel: 'team', token: passes[i], text: 'hi' });
      expect((await refusal(mallory, 'chat', since)).code).toBe('badToken');
    }
    // Ana's own pass is untouched and hers alone; Mallory's are nowhere but with Mallory.
    expect((await sendCommand(ana, anaPass, DONE('china'), 'ana')).ack).not.toBeNull();
    for (const other of [host.inbox, ana])
      for (const p of passes) expect(everything(other)).not.toContain(p);
    expect(everything(mallory)).not.toContain(anaPass);
    // Nothing of the USSR or the USA (bots now) reached her: every view she got is a spectator's.
    for (const view of mallory.all('view')) expect(view.viewer).toBeNull();
    await target.stillServes();
  });

  test('a team shares a seat, each with a pass; a pass works only on the connection that holds the seat with it', async () => {
    const { join, act } = await lobbyWith();
    const ana = await join('Ana');
    const ben = await join('Ben');
    const anaPass = await claimSeat(ana, 'ussr');
    const benPass = await claimSeat(ben, 'ussr');
    expect(benPass).not.toBe(anaPass);
    await act({ action: 'start' });
    await ben.waitFor('view', (v) => v.phase === 'news' && v.viewer === 'ussr');
    // Ben's pass sent from Ana's connection (a copied pass) is refused: it is not hers.
    const copied = await sendCommand(ana, benPass, DONE('ussr'), 'copied');
    expect(copied.error?.code).toBe('badToken');
    expect((await sendCommand(ben, benPass, DONE('ussr'), 'own')).ack).not.toBeNull();
    await target.stillServes();
  });
});

describe('bot seats stay closed', () => {
  test('a pass made in the lobby for a seat a bot plays stops working at the start; the bot’s view reaches no one', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    await claimSeat(ana, 'china');
    const mallory = await join('Mallory');
    const usaPass = await claimSeat(mallory, 'usa');
    // She drops out before the start (her pass is still valid in the lobby)...
    await mallory.leave();
    await host.inbox.waitFor('lobby', (l) => !l.seats.find((s) => s.seat === 'usa')!.people.length);
    await act({ action: 'start' });
    const started = await host.inbox.waitFor('lobby', (l) => l.stage === 'playing');
    expect(started.seats.find((s) => s.seat === 'usa')!.bot).toBe(true);
    // ...and comes back to the bot's seat with it: refused, under any name.
    const back = await join('Mal');
    const since = back.mark();
    await pacedSend(back, 'rejoinSeat', { seat: 'usa', token: usaPass });
    expect((await refusal(back, 'rejoinSeat', since)).code).toBe('badToken');
    expect((await sendCommand(back, usaPass, DONE('usa'), 'usa')).error?.code).toBe('badToken');
    await back.waitFor('view');
    for (const inbox of [host.inbox, ana, back])
      for (const view of inbox.all('view')) expect(view.viewer).not.toBe('usa');
    await target.stillServes();
  });

  test('a seat handed to a bot closes: its people are spectators, their passes dead', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    await claimSeat(ana, 'china');
    const ben = await join('Ben');
    const benPass = await claimSeat(ben, 'ussr');
    await act({ action: 'start' });
    await ben.waitFor('view', (v) => v.viewer === 'ussr');
    const since = ben.mark();
    await act({ action: 'replaceWithBot', seat: 'ussr' });
    expect((await ben.waitFor('seatLost', () => true, since)).seat).toBe('ussr');
    await ben.waitFor('view', (v) => v.viewer === null, since);
    await pacedSend(ben, 'rejoinSeat', { seat: 'ussr', token: benPass });
    expect((await refusal(ben, 'rejoinSeat', since)).code).toBe('badToken');
    // The host cannot hand a bot's seat to a person either.
    const hostSince = host.inbox.mark();
    await act({ action: 'assignSeat', person: idOf(ben), seat: 'ussr' });
    expect((await refusal(host.inbox, 'host', hostSince)).code).toBe('seatUnavailable');
    await target.stillServes();
  });
});

describe('the host hands a bot’s seat back to a person', () => {
  test('the chosen person gets a pass of their own and plays; the bot stops; nobody else can take it', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    const anaPass = await claimSeat(ana, 'china');
    await act({ action: 'start' });
    await host.inbox.waitFor('lobby', (l) => l.stage === 'playing');
    const late = await join('Late Lee');
    const mallory = await join('Mallory');
    // Only the host may, only for a bot's seat, only for someone here.
    let since = mallory.mark();
    await pacedSend(mallory, 'host', {
      action: 'giveBotSeat',
      token: anaPass,
      person: idOf(mallory),
      seat: 'usa',
    });
    expect((await refusal(mallory, 'host', since)).code).toBe('badToken');
    for (const [person, seat, code] of [
      [idOf(late), 'china', 'seatUnavailable'],
      ['nobody', 'usa', 'unknownPerson'],
    ] as const) {
      since = host.inbox.mark();
      await act({ action: 'giveBotSeat', person, seat });
      expect((await refusal(host.inbox, 'host', since)).code).toBe(code);
    }
    since = late.mark();
    const hostSince = host.inbox.mark();
    await act({ action: 'giveBotSeat', person: idOf(late), seat: 'usa' });
    const pass = (await late.waitFor('seatToken', (t) => t.seat === 'usa', since)).token;
    const lobby = await host.inbox.waitFor(
      'lobby',
      (l) => !l.seats.find((s) => s.seat === 'usa')!.bot,
      hostSince,
    );
    expect(lobby.seats.find((s) => s.seat === 'usa')!.people.map((p) => p.nickname)).toEqual([
      'Late Lee',
    ]);
    for (const other of [host.inbox, ana, mallory]) expect(everything(other)).not.toContain(pass);
    const view = await late.waitFor('view', (v) => v.viewer === 'usa', since);
    // The person plays the seat now: their command is taken, and the bot no longer moves for it.
    const order = { ...DONE('usa'), round: view.round, phase: view.phase, done: false };
    expect((await sendCommand(late, pass, order, 'late')).ack).not.toBeNull();
    since = late.mark();
    await act({ action: 'skip' });
    const next = await late.waitFor('view', (v) => v.phase !== view.phase, since);
    expect(next.drafts.usa).toMatchObject({ orders: [], done: false });
    since = mallory.mark();
    await pacedSend(mallory, 'rejoinSeat', { seat: 'usa', token: pass.replace(/.$/, 'x') });
    expect((await refusal(mallory, 'rejoinSeat', since)).code).toBe('badToken');
    await target.stillServes();
  });
});

describe('the host assigns the seats', () => {
  test('with seating locked nobody claims a seat; the host’s assignment gives that person a pass only they receive', async () => {
    const { host, join, act } = await lobbyWith();
    const mallory = await join('Mallory');
    const ana = await join('Ana');
    await act({ action: 'lockSeating', locked: true });
    await mallory.waitFor('lobby', (l) => l.seatingLocked);
    let since = mallory.mark();
    await pacedSend(mallory, 'claimSeat', { seat: 'china' });
    expect(await refusal(mallory, 'claimSeat', since)).toMatchObject({
      code: 'seatUnavailable',
      reason: expect.stringMatching(/host assigns/),
    });
    since = ana.mark();
    await act({ action: 'assignSeat', person: idOf(ana), seat: 'china' });
    const pass = (await ana.waitFor('seatToken', () => true, since)).token;
    for (const other of [host.inbox, mallory]) expect(everything(other)).not.toContain(pass);
    // A student cannot assign: the host action needs the host token.
    since = mallory.mark();
    await pacedSend(mallory, 'host', {
      action: 'assignSeat',
      token: pass,
      person: idOf(mallory),
      seat: 'ussr',
    });
    expect((await refusal(mallory, 'host', since)).code).toBe('badToken');
    await target.stillServes();
  });
});

describe('removal and mutes hold', () => {
  test('a removed person cannot come back to the seat with the pass they had, under any name', async () => {
    const { join, act } = await lobbyWith();
    const ana = await join('Ana');
    const anaPass = await claimSeat(ana, 'china');
    const mallory = await join('Mallory');
    const malloryPass = await claimSeat(mallory, 'china');
    await act({ action: 'start' });
    await mallory.waitFor('view', (v) => v.viewer === 'china');
    const closed = new Promise<number>((resolve) => mallory.room.onLeave((code) => resolve(code)));
    await act({ action: 'remove', person: idOf(mallory) });
    expect(await closed).toBe(REMOVED_BY_HOST);
    for (const name of ['Mallory', 'Ana', 'Totally new']) {
      const back = await join(name);
      const since = back.mark();
      await pacedSend(back, 'rejoinSeat', { seat: 'china', token: malloryPass });
      expect((await refusal(back, 'rejoinSeat', since)).code).toBe('badToken');
      await back.leave();
    }
    expect((await sendCommand(ana, anaPass, DONE('china'), 'ana')).ack).not.toBeNull();
    await target.stillServes();
  });

  test('a mute follows the pass: rejoining under another name with it does not lift it', async () => {
    const { join, act } = await lobbyWith();
    const ben = await join('Ben');
    const pass = await claimSeat(ben, 'ussr');
    await act({ action: 'mute', person: idOf(ben) });
    await ben.waitFor('lobby', (l) => l.seats.some((s) => s.people.some((p) => p.muted)));
    await ben.leave();
    const again = await join('Someone else');
    let since = again.mark();
    await pacedSend(again, 'rejoinSeat', { seat: 'ussr', token: pass });
    await again.waitFor('seatToken', () => true, since);
    since = again.mark();
    await pacedSend(again, 'chat', { channel: 'public', token: pass, text: 'I am back' });
    expect((await refusal(again, 'chat', since)).code).toBe('muted');
    await target.stillServes();
  });

  test('chat is limited per person across their connections and per seat', async () => {
    const { join } = await lobbyWith();
    const ana = await join('Ana');
    const pass = await claimSeat(ana, 'china');
    // Ana's second device, with her own pass.
    const tablet = await join('Ana');
    const since = tablet.mark();
    await pacedSend(tablet, 'rejoinSeat', { seat: 'china', token: pass });
    await tablet.waitFor('seatToken', () => true, since);
    const answers: (ServerMessages['chat'] | ServerMessages['error'])[] = [];
    for (let i = 0; i < 8; i++) {
      const from = i % 2 === 0 ? ana : tablet;
      const mark = from.mark();
      const text = `line ${i}`;
      await pacedSend(from, 'chat', { channel: 'public', token: pass, text });
      answers.push(
        await Promise.race([
          from.waitFor('chat', (c) => c.text === text, mark),
          refusal(from, 'chat', mark),
        ]),
      );
    }
    const refused = answers.filter((a) => 'code' in a) as ServerMessages['error'][];
    expect(answers.length - refused.length).toBe(6);
    expect(refused[0]).toMatchObject({
      code: 'limited',
      reason: expect.stringMatching(/at most 6 lines in 10 s from one person/),
    });
    // A team mate of her seat (a pass of his own) has his own count.
    const ben = await join('Ben');
    const benPass = await claimSeat(ben, 'china');
    const mark = ben.mark();
    await pacedSend(ben, 'chat', { channel: 'public', token: benPass, text: 'team mate' });
    await ben.waitFor('chat', (c) => c.text === 'team mate', mark);
    await target.stillServes();
  });
});

describe('seats during play: a latecomer asks, the host answers and moves people', () => {
  test('a spectator asks for a team’s seat; the host sees it (again after a reload) and approves; nobody else can approve; the host moves people and hands seats to a bot and back, and the seat history credits each', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    await act({ action: 'lockSeating', locked: true });
    let since = ana.mark();
    await act({ action: 'assignSeat', person: idOf(ana), seat: 'china' });
    await ana.waitFor('seatToken', (t) => t.seat === 'china', since);
    // In the lobby nobody asks: they are assigned or claim.
    const late = await join('Late Lee');
    since = late.mark();
    await pacedSend(late, 'requestSeat', { seat: 'china' });
    expect((await refusal(late, 'requestSeat', since)).code).toBe('wrongStage');
    await act({ action: 'start' });
    await late.waitFor('lobby', (l) => l.stage === 'playing');
    const mallory = await join('Mallory');
    await pacedSend(late, 'requestSeat', { seat: 'china' });
    await host.inbox.waitFor('seatRequests', (m) =>
      m.requests.some((r) => r.nickname === 'Late Lee' && r.seat === 'china' && !r.bot),
    );
    // The host reloads: the open request is there again.
    await host.inbox.leave();
    const back = new Inbox(
      await new Client(target.base).joinById(host.roomId, {
        nickname: 'Teacher',
        code: host.code,
        hostToken: host.hostToken,
      }),
    );
    target.inboxes.push(back);
    await back.waitFor('seatRequests', (m) => m.requests.some((r) => r.person === idOf(late)));
    const again = (payload: Record<string, unknown>) =>
      pacedSend(back, 'host', { ...payload, token: host.hostToken });
    // Neither a stranger nor the asker can approve: it takes the host token.
    for (const [who, token] of [
      [mallory, 'x'.repeat(21)],
      [late, 'y'.repeat(21)],
    ] as const) {
      since = who.mark();
      await pacedSend(who, 'host', { action: 'approveRequest', token, person: idOf(late) });
      expect((await refusal(who, 'host', since)).code).toBe('badToken');
    }
    expect(late.all('seatToken')).toEqual([]);
    // Approving someone with no open request is refused.
    since = back.mark();
    await again({ action: 'approveRequest', person: idOf(mallory) });
    expect((await refusal(back, 'host', since)).code).toBe('unknownPerson');
    since = late.mark();
    await again({ action: 'approveRequest', person: idOf(late) });
    const latePass = (await late.waitFor('seatToken', (t) => t.seat === 'china', since)).token;
    expect(await late.waitFor('seatRequestAnswer', () => true, since)).toMatchObject({
      seat: 'china',
      approved: true,
    });
    await late.waitFor('view', (v) => v.viewer === 'china', since);
    await back.waitFor('seatRequests', (m) => m.requests.length === 0);
    // The host moves Late Lee to the bot's seat: the China pass stops working, a USSR one is theirs.
    since = late.mark();
    await again({ action: 'giveBotSeat', person: idOf(late), seat: 'ussr' });
    await late.waitFor('seatToken', (t) => t.seat === 'ussr', since);
    expect((await sendCommand(late, latePass, DONE('china'), 'old-pass')).error?.code).toBe(
      'badToken',
    );
    // The host hands China to a bot: Ana is told, in words naming the seat, and watches.
    since = ana.mark();
    await again({ action: 'replaceWithBot', seat: 'china' });
    expect((await ana.waitFor('seatLost', () => true, since)).reason).toBe(
      'The host handed People’s Republic of China to a bot; you are now watching.',
    );
    await ana.waitFor('view', (v) => v.viewer === null, since);
    const lobby = await back.waitFor('lobby', (l) =>
      l.seatHistory.some((s) => s.seat === 'china' && s.nickname === null),
    );
    const spans = lobby.seatHistory.map((s) => [s.seat, s.nickname, s.to === null]);
    expect(spans).toEqual(
      expect.arrayContaining([
        ['china', 'Ana', false],
        ['china', 'Late Lee', false],
        ['ussr', 'Late Lee', true],
        ['ussr', null, false],
        ['china', null, true],
      ]),
    );
    await target.stillServes();
  });

  test('a declined asker is told; a seated person cannot ask; a flood of requests is limited', async () => {
    const { host, join, act } = await lobbyWith();
    const ana = await join('Ana');
    const anaPass = await claimSeat(ana, 'china');
    await act({ action: 'start' });
    await host.inbox.waitFor('lobby', (l) => l.stage === 'playing');
    let since = ana.mark();
    await pacedSend(ana, 'requestSeat', { seat: 'usa' });
    expect((await refusal(ana, 'requestSeat', since)).code).toBe('seatUnavailable');
    const mallory = await join('Mallory');
    since = mallory.mark();
    await pacedSend(mallory, 'requestSeat', { seat: 'usa' });
    await host.inbox.waitFor('seatRequests', (m) => m.requests.some((r) => r.bot));
    // A team member's pass is not the host token.
    await pacedSend(ana, 'host', {
      action: 'approveRequest',
      token: anaPass,
      person: idOf(mallory),
    });
    expect((await refusal(ana, 'host', since)).code).toBe('badToken');
    await act({ action: 'declineRequest', person: idOf(mallory) });
    expect(await mallory.waitFor('seatRequestAnswer', () => true, since)).toEqual({
      seat: 'usa',
      approved: false,
      reason: 'The host declined your request for United States.',
    });
    for (let i = 0; i < 3; i++) await pacedSend(mallory, 'requestSeat', { seat: 'ussr' });
    expect((await refusal(mallory, 'requestSeat', since)).code).toBe('limited');
    // One open request per person, whatever she sent.
    const open = host.inbox.all('seatRequests').at(-1)!.requests;
    expect(open.filter((r) => r.person === idOf(mallory))).toHaveLength(1);
    expect(mallory.all('seatToken')).toEqual([]);
    await target.stillServes();
  });
});
