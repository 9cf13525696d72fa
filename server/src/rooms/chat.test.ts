import { Client } from '@colyseus/sdk';
import type { ChatMessage } from '@entanglement/shared';
import { describe, expect, test } from 'vitest';
import { chat, newMatch } from '../store/contract-helpers.ts';
import { loadPlans } from './restore.ts';
import { TUTORIAL_MATCH, useStoredServer } from './stored-server.ts';
import { codeOf, eventually, hostInbox, hostTokenOf, Inbox } from './test-clients.ts';

const env = useStoredServer('entanglement-chat-');

async function joinMatch(roomId: string, nickname: string): Promise<Inbox> {
  const inbox = new Inbox(
    await new Client(env.base).joinById(roomId, { nickname, code: codeOf(roomId) }),
  );
  env.inboxes.push(inbox);
  return inbox;
}

describe('chat', () => {
  let host: Inbox;
  let alice: Inbox;
  let alice2: Inbox;
  let bob: Inbox;
  let carol: Inbox;
  let spectator: Inbox;
  let hostToken: string;
  let roomId: string;
  const tokens = { china: '', ussr: '', usa: '' };
  const everyone = () => [host, alice, alice2, bob, carol, spectator];
  const marks = () => everyone().map((inbox) => inbox.mark());
  /** The chat lines each client received since `since`. */
  const chatsSince = (since: number[]) =>
    everyone().map((inbox, i) =>
      inbox.received
        .slice(since[i])
        .filter((m) => m.type === 'chat')
        .map((m) => m.payload as ChatMessage),
    );

  /**
   * Sends a public line from `sender` and waits until everyone has it: every
   * earlier line of that sender has been delivered (or not) by then.
   */
  async function fence(sender: Inbox, token: string, text: string) {
    sender.room.send('chat', { token, channel: 'public', text });
    for (const inbox of everyone()) await inbox.waitFor('chat', (c) => c.text === text);
  }

  test('setup: a host, a seat shared by two, two more seats and a spectator', async () => {
    host = await hostInbox(env.base, TUTORIAL_MATCH);
    env.inboxes.push(host);
    roomId = (await host.waitFor('welcome')).roomId;
    hostToken = hostTokenOf(host);
    alice = await joinMatch(roomId, 'Alice');
    alice2 = await joinMatch(roomId, 'Alex');
    bob = await joinMatch(roomId, 'Bob');
    carol = await joinMatch(roomId, 'Carol');
    spectator = await joinMatch(roomId, 'Sam');
    alice.room.send('claimSeat', { seat: 'china' });
    tokens.china = (await alice.waitFor('seatToken')).token;
    alice2.room.send('rejoinSeat', { seat: 'china', token: tokens.china });
    await alice2.waitFor('seatToken');
    bob.room.send('claimSeat', { seat: 'ussr' });
    tokens.ussr = (await bob.waitFor('seatToken')).token;
    carol.room.send('claimSeat', { seat: 'usa' });
    tokens.usa = (await carol.waitFor('seatToken')).token;
    await host.waitFor('lobby', (l) => l.seats.every((s) => s.people.length > 0));
  });

  test('a public line reaches everyone, spectators included', async () => {
    const since = marks();
    alice.room.send('chat', { token: tokens.china, channel: 'public', text: '  Hello all  ' });
    for (const [i, inbox] of everyone().entries()) {
      const line = await inbox.waitFor('chat', (c) => c.text === 'Hello all', since[i]);
      expect(line).toMatchObject({ from: 'china', nickname: 'Alice', channel: 'public' });
      expect(line.to).toBeUndefined();
      expect(line.seq).toBeGreaterThan(0);
    }
  });

  test('a team line reaches only the people holding the seat', async () => {
    const since = marks();
    alice.room.send('chat', { token: tokens.china, channel: 'team', text: 'team plan' });
    await fence(alice, tokens.china, 'after team');
    const got = chatsSince(since).map((lines) => lines.some((c) => c.text === 'team plan'));
    expect(got).toEqual([false, true, true, false, false, false]);
    const line = alice2.all('chat').find((c) => c.text === 'team plan')!;
    expect(line).toMatchObject({ from: 'china', channel: 'team', to: 'china' });
  });

  test('a private line reaches only the two seats', async () => {
    const since = marks();
    alice.room.send('chat', {
      token: tokens.china,
      channel: 'private',
      to: 'usa',
      text: '<b>secret</b> deal',
    });
    await fence(alice, tokens.china, 'after private');
    const got = chatsSince(since).map((lines) => lines.some((c) => c.channel === 'private'));
    expect(got).toEqual([false, true, true, false, true, false]);
    // Text is text: what was written is what arrives, never turned into markup.
    const line = carol.all('chat').find((c) => c.channel === 'private')!;
    expect(line).toMatchObject({ from: 'china', to: 'usa', text: '<b>secret</b> deal' });
  });

  test('a reload brings back the history a person may read: public on joining, their seat’s team and private lines on rejoining it', async () => {
    // Alice reloads: a new connection, as a spectator until it rejoins China with her pass.
    const back = await joinMatch(roomId, 'Alice');
    const publicOnly = (await back.waitFor('chatHistory')).lines;
    expect(publicOnly.map((l) => l.text)).toContain('Hello all');
    expect(publicOnly.every((l) => l.channel === 'public')).toBe(true);
    const since = back.mark();
    back.room.send('rejoinSeat', { seat: 'china', token: tokens.china });
    const mine = (await back.waitFor('chatHistory', undefined, since)).lines;
    expect(mine.map((l) => l.text)).toEqual(
      expect.arrayContaining(['Hello all', 'team plan', '<b>secret</b> deal']),
    );
    expect(mine.find((l) => l.text === 'team plan')).toMatchObject({
      from: 'china',
      nickname: 'Alice',
      channel: 'team',
    });
    // Oldest first, each line once.
    const seqs = mine.map((l) => l.seq);
    expect(seqs).toEqual([...new Set(seqs)].sort((a, b) => a - b));
    // Bob (the Soviet Union) rejoining reads none of China's team or private lines.
    const bobBack = await joinMatch(roomId, 'Bob');
    const bobSince = bobBack.mark();
    bobBack.room.send('rejoinSeat', { seat: 'ussr', token: tokens.ussr });
    const bobs = (await bobBack.waitFor('chatHistory', undefined, bobSince)).lines;
    expect(bobs.filter((l) => l.channel !== 'public')).toEqual([]);
    // A spectator joining late reads the public lines only.
    const late = await joinMatch(roomId, 'Late');
    const lateLines = (await late.waitFor('chatHistory')).lines;
    expect(lateLines.length).toBeGreaterThan(0);
    expect(lateLines.every((l) => l.channel === 'public')).toBe(true);
    for (const inbox of [back, bobBack, late]) await inbox.room.leave();
  });

  test('a too-long or empty line is refused and delivered to nobody', async () => {
    const since = marks();
    for (const text of ['x'.repeat(501), '   ']) {
      const mark = bob.mark();
      bob.room.send('chat', { token: tokens.ussr, channel: 'public', text });
      const error = await bob.waitFor('error', () => true, mark);
      expect(error).toMatchObject({ code: 'badMessage', field: 'text', type: 'chat' });
    }
    const mark = bob.mark();
    bob.room.send('chat', { token: tokens.ussr, channel: 'private', to: 'mars', text: 'hi' });
    expect(await bob.waitFor('error', () => true, mark)).toMatchObject({
      code: 'seatUnavailable',
      field: 'to',
    });
    await fence(bob, tokens.ussr, 'after refusals');
    for (const lines of chatsSince(since))
      expect(lines.map((c) => c.text)).toEqual(['after refusals']);
    expect(bob.room.connection.isOpen).toBe(true);
  });

  test('without a seat token nobody chats; the host may write publicly', async () => {
    const since = marks();
    const mark = spectator.mark();
    spectator.room.send('chat', { token: tokens.ussr, channel: 'public', text: 'sneaky' });
    expect(await spectator.waitFor('error', () => true, mark)).toMatchObject({
      code: 'badToken',
      field: 'token',
      type: 'chat',
    });
    const hostMark = host.mark();
    host.room.send('chat', { token: hostToken, channel: 'team', text: 'host team' });
    expect(await host.waitFor('error', () => true, hostMark)).toMatchObject({ code: 'badToken' });
    await fence(host, hostToken, 'from the host');
    const lines = chatsSince(since);
    for (const got of lines) expect(got.map((c) => c.text)).toEqual(['from the host']);
    expect(lines[0]![0]).toMatchObject({ from: 'host', nickname: 'Teacher' });
  });

  test('a muted person is refused until unmuted', async () => {
    const bobId = bob.room.sessionId;
    host.room.send('host', { action: 'mute', token: hostToken, person: bobId });
    // A round trip: the host's next message is handled after the mute.
    const hostMark = host.mark();
    host.room.send('host', { action: 'mute', token: hostToken, person: 'nobody' });
    expect(await host.waitFor('error', () => true, hostMark)).toMatchObject({
      code: 'unknownPerson',
      field: 'person',
    });
    const since = marks();
    const mark = bob.mark();
    bob.room.send('chat', { token: tokens.ussr, channel: 'public', text: 'let me talk' });
    const error = await bob.waitFor('error', () => true, mark);
    expect(error).toMatchObject({ code: 'muted', type: 'chat' });
    expect(error.reason).toMatch(/muted/);

    // Only the host mutes.
    const aliceMark = alice.mark();
    alice.room.send('host', { action: 'unmute', token: tokens.china, person: bobId });
    expect(await alice.waitFor('error', () => true, aliceMark)).toMatchObject({ code: 'badToken' });

    host.room.send('host', { action: 'unmute', token: hostToken, person: bobId });
    const hostMark2 = host.mark();
    host.room.send('host', { action: 'unmute', token: hostToken, person: 'nobody' });
    await host.waitFor('error', () => true, hostMark2);
    await fence(bob, tokens.ussr, 'back again');
    for (const lines of chatsSince(since)) expect(lines.map((c) => c.text)).toEqual(['back again']);
  });

  test('a mute follows the nickname: leaving and joining again under the same name does not lift it', async () => {
    host.room.send('host', { action: 'mute', token: hostToken, person: bob.room.sessionId });
    await host.waitFor('lobby', (l) =>
      l.seats.some((s) => s.people.some((p) => p.nickname === 'Bob' && p.muted)),
    );
    await bob.leave();
    // Bob comes back in a new tab, as " bob ", and rejoins his seat with its token.
    bob = await joinMatch(roomId, ' bob ');
    bob.room.send('rejoinSeat', { seat: 'ussr', token: tokens.ussr });
    await bob.waitFor('seatToken');
    const lobby = await host.waitFor('lobby', (l) =>
      l.seats.some((s) => s.people.some((p) => p.id === bob.room.sessionId)),
    );
    const back = lobby.seats.flatMap((s) => s.people).find((p) => p.id === bob.room.sessionId)!;
    expect(back.muted).toBe(true);
    const mark = bob.mark();
    bob.room.send('chat', { token: tokens.ussr, channel: 'public', text: 'new tab, new me' });
    expect(await bob.waitFor('error', () => true, mark)).toMatchObject({ code: 'muted' });

    // Unmuting the new session lifts the name's mute too.
    host.room.send('host', { action: 'unmute', token: hostToken, person: bob.room.sessionId });
    await host.waitFor('lobby', (l) =>
      l.seats.some((s) => s.people.some((p) => p.id === bob.room.sessionId && !p.muted)),
    );
    await fence(bob, tokens.ussr, 'heard again');
  });

  test('chat is stored in order; the match file holds it, and only public lines on request', async () => {
    host.room.send('host', { action: 'start', token: hostToken });
    await host.waitFor('view', (v) => v.round === 1, 0, 15_000);
    await fence(carol, tokens.usa, 'during play');
    host.room.send('host', { action: 'end', token: hostToken });
    await host.waitFor('lobby', (l) => l.stage === 'ended', 0, 15_000);

    const sent = alice.all('chat');
    const all = await eventually(
      () => env.store.getMatchFile(roomId, { chat: 'all' }),
      (file) => file !== null,
    );
    expect(all).not.toBeNull();
    const texts = all!.chat.map((c) => c.text);
    expect(texts).toEqual([
      'Hello all',
      'team plan',
      'after team',
      '<b>secret</b> deal',
      'after private',
      'after refusals',
      'from the host',
      'back again',
      'heard again',
      'during play',
    ]);
    expect(all!.chat.map((c) => c.seq)).toEqual(texts.map((_, i) => i + 1));
    expect(all!.chat.find((c) => c.channel === 'team')).toMatchObject({
      from: 'china',
      to: 'china',
    });
    expect(all!.chat.find((c) => c.channel === 'private')).toMatchObject({
      from: 'china',
      to: 'usa',
    });
    // What alice received (she sees every line) carries the stored seq.
    expect(sent.map((c) => c.seq)).toEqual(all!.chat.map((c) => c.seq));

    const publicOnly = await env.store.getMatchFile(roomId, { chat: 'public' });
    expect(publicOnly!.chat.every((c) => c.channel === 'public')).toBe(true);
    expect(publicOnly!.chat.map((c) => c.text)).toEqual(
      texts.filter((t) => t !== 'team plan' && t !== '<b>secret</b> deal'),
    );

    // Once the match is over, chat is refused.
    const mark = alice.mark();
    alice.room.send('chat', { token: tokens.china, channel: 'public', text: 'too late' });
    expect(await alice.waitFor('error', () => true, mark)).toMatchObject({ code: 'wrongStage' });
  });
});

test('after a restart the chat seq of a live match continues from the last stored line', async () => {
  const { record } = newMatch(1, { code: 'CHAT22' });
  await env.store.createMatch(record);
  for (const seq of [1, 2, 3]) await env.store.appendChat(record.id, chat(seq));
  const plan = (await loadPlans(env.store)).find((p) => p.record.id === record.id);
  expect(plan?.chatSeq).toBe(3);
  // And the stored lines are the history people get back when they rejoin.
  expect(plan?.chat.map((c) => c.seq)).toEqual([1, 2, 3]);
});
