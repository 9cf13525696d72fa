import { nanoid } from 'nanoid';
import { describe, expect, test } from 'vitest';
import {
  type ContractContext,
  chat,
  cmd,
  newMatch,
  refused,
  seat,
  T0,
} from './contract-helpers.ts';
import { hashToken } from './tokens.ts';
import type { ChatEntry, SeatRecord } from './types.ts';

/** The contract for live matches: records, the command log, chat, seats and the clock. */
export function liveContract(ctx: ContractContext): void {
  describe('matches', () => {
    test('createMatch stores the record; getMatch reads it back, live', async () => {
      const { record } = await ctx.seeded(1);
      expect(await ctx.store.getMatch(record.id)).toEqual({
        ...record,
        finishedAt: null,
        winner: null,
        rounds: null,
        isPublic: false,
        shareHash: null,
      });
      expect(await ctx.store.getMatch('nope')).toBeNull();
    });

    test('a second match with the same id is refused and changes nothing', async () => {
      const { record } = await ctx.seeded(1);
      await refused(
        ctx.store.createMatch({ ...record, code: 'ZZZZZZ', seed: 'x' }),
        'duplicateMatch',
      );
      expect((await ctx.store.getMatch(record.id))!.seed).toBe(record.seed);
      expect(await ctx.store.findLiveByCode('ZZZZZZ')).toBeNull();
    });

    test('a plain token is refused where a hash belongs', async () => {
      const m = newMatch(1);
      await refused(ctx.store.createMatch({ ...m.record, hostTokenHash: m.hostToken }), 'invalid');
      expect(await ctx.store.getMatch(m.record.id)).toBeNull();
    });

    test('listLive lists the live matches, oldest first', async () => {
      const b = await ctx.seeded(2);
      const a = await ctx.seeded(1);
      const c = await ctx.seeded(3);
      await ctx.store.finish(c.record.id, {
        finishedAt: T0 + 9,
        winner: null,
        rounds: 1,
        phaseHashes: [],
      });
      expect((await ctx.store.listLive()).map((m) => m.id)).toEqual([a.record.id, b.record.id]);
    });

    test('a seat keeps the hashes of its people’s passes, in order, and an update replaces them', async () => {
      const { record } = await ctx.seeded(1, 1);
      const passes = [hashToken(nanoid()), hashToken(nanoid())];
      await ctx.store.upsertSeat(record.id, {
        ...seat('usa', nanoid()),
        tokenHash: null,
        passHashes: passes,
      });
      expect((await ctx.store.listSeats(record.id))[0]!.passHashes).toEqual(passes);
      await ctx.store.upsertSeat(record.id, {
        ...seat('usa', nanoid()),
        tokenHash: null,
        passHashes: [],
      });
      expect((await ctx.store.listSeats(record.id))[0]!.passHashes).toBeUndefined();
      await refused(
        ctx.store.upsertSeat(record.id, { ...seat('usa', nanoid()), passHashes: ['not a hash'] }),
        'invalid',
      );
    });

    test('discard deletes a live match and all it holds, and refuses an archived one', async () => {
      const { record } = await ctx.seeded(1, 2);
      await ctx.store.upsertSeat(record.id, seat('usa', nanoid()));
      await ctx.store.appendChat(record.id, chat(1));
      await ctx.store.saveClock(record.id, {
        round: 1,
        phase: 'news',
        paused: true,
        remainingMs: 5,
      });
      await ctx.store.discard(record.id);
      expect(await ctx.store.getMatch(record.id)).toBeNull();
      expect(await ctx.store.loadLog(record.id)).toEqual([]);
      expect(await ctx.store.loadChat(record.id)).toEqual([]);
      expect(await ctx.store.listSeats(record.id)).toEqual([]);
      expect(await ctx.store.loadClock(record.id)).toBeNull();
      expect(await ctx.store.findLiveByCode(record.code)).toBeNull();
      await refused(ctx.store.discard(record.id), 'unknownMatch');
      const done = await ctx.seeded(2);
      await ctx.store.finish(done.record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 0,
        phaseHashes: [],
      });
      await refused(ctx.store.discard(done.record.id), 'finished');
    });
  });

  describe('the command log', () => {
    test('appendCommand then loadLog gives the commands in order with hash and time', async () => {
      const { record } = await ctx.seeded(1, 3);
      expect(await ctx.store.loadLog(record.id)).toEqual(
        [1, 2, 3].map((seq) => ({
          seq,
          command: cmd(seq),
          stateHash: `h${seq}`,
          at: T0 + seq,
        })),
      );
      expect(await ctx.store.loadLog('nope')).toEqual([]);
    });

    test('each match has its own sequence', async () => {
      const a = await ctx.seeded(1, 2);
      const b = await ctx.seeded(2, 1);
      expect((await ctx.store.loadLog(a.record.id)).length).toBe(2);
      expect((await ctx.store.loadLog(b.record.id)).map((e) => e.seq)).toEqual([1]);
    });

    test.each([
      ['a duplicate of the last', 3, 'duplicateSeq'],
      ['a duplicate of an earlier one', 1, 'duplicateSeq'],
      ['a gap', 5, 'outOfOrderSeq'],
      ['zero', 0, 'invalid'],
      ['a fraction', 4.5, 'invalid'],
    ] as const)('seq %s (%d) is refused with %s and nothing is written', async (_, seq, code) => {
      const { record } = await ctx.seeded(1, 3);
      const before = await ctx.store.loadLog(record.id);
      await refused(ctx.store.appendCommand(record.id, seq, { evil: true }, 'x', T0), code);
      expect(await ctx.store.loadLog(record.id)).toEqual(before);
      await ctx.store.appendCommand(record.id, 4, cmd(4), 'h4', T0 + 4);
      expect((await ctx.store.loadLog(record.id)).map((e) => e.seq)).toEqual([1, 2, 3, 4]);
    });

    test('an error names the seq expected', async () => {
      const { record } = await ctx.seeded(1, 2);
      await expect(ctx.store.appendCommand(record.id, 7, cmd(7), 'x', T0)).rejects.toThrow(
        /expects command 3 next, not 7/,
      );
    });

    test('appending to an unknown or finished match is refused', async () => {
      await refused(ctx.store.appendCommand('nope', 1, cmd(1), 'h', T0), 'unknownMatch');
      const { record } = await ctx.seeded(1, 1);
      await ctx.store.finish(record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 1,
        phaseHashes: [],
      });
      await refused(ctx.store.appendCommand(record.id, 2, cmd(2), 'h', T0), 'finished');
      expect((await ctx.store.loadLog(record.id)).length).toBe(1);
    });

    test('a value that is not JSON is refused', async () => {
      const { record } = await ctx.seeded(1);
      await refused(ctx.store.appendCommand(record.id, 1, { n: 1n }, 'h', T0), 'invalid');
      await refused(ctx.store.appendCommand(record.id, 1, undefined, 'h', T0), 'invalid');
      expect(await ctx.store.loadLog(record.id)).toEqual([]);
    });
  });

  describe('chat', () => {
    test('appendChat then loadChat, in order, every channel', async () => {
      const { record } = await ctx.seeded(1);
      const entries: ChatEntry[] = [
        chat(1),
        { ...chat(2), channel: 'team', to: 'usa' },
        { ...chat(3), channel: 'private', to: 'china', text: '<b>not html</b> & "quotes" 🙂' },
      ];
      for (const e of entries) await ctx.store.appendChat(record.id, e);
      expect(await ctx.store.loadChat(record.id)).toEqual(entries);
    });

    test.each([
      ['a duplicate seq', { ...chat(1), text: 'again' }, 'duplicateSeq'],
      ['a gap', chat(3), 'outOfOrderSeq'],
      ['a public message with "to"', { ...chat(2), to: 'usa' }, 'invalid'],
      ['a private message without "to"', { ...chat(2), channel: 'private' }, 'invalid'],
      ['an unknown channel', { ...chat(2), channel: 'shout' }, 'invalid'],
      ['a NUL character', { ...chat(2), text: 'a\u0000b' }, 'invalid'],
    ] as const)('%s is refused and nothing is written', async (_, entry, code) => {
      const { record } = await ctx.seeded(1);
      await ctx.store.appendChat(record.id, chat(1));
      await refused(ctx.store.appendChat(record.id, entry as ChatEntry), code);
      expect(await ctx.store.loadChat(record.id)).toEqual([chat(1)]);
    });
  });

  describe('seats', () => {
    test('upsertSeat creates, then replaces; listSeats keeps the first order', async () => {
      const { record } = await ctx.seeded(1);
      await ctx.store.upsertSeat(record.id, seat('usa', 'token-usa-aaaaaaaaaaaaaaa'));
      await ctx.store.upsertSeat(record.id, seat('china', 'token-china-aaaaaaaaaaaaa'));
      const bot: SeatRecord = {
        seat: 'usa',
        tokenHash: null,
        nickname: 'Bot',
        kind: 'bot',
        botLevel: 'easy',
      };
      await ctx.store.upsertSeat(record.id, bot);
      expect(await ctx.store.listSeats(record.id)).toEqual([
        bot,
        seat('china', 'token-china-aaaaaaaaaaaaa'),
      ]);
    });

    test('a plain token, an unknown match and a finished match are refused', async () => {
      const { record } = await ctx.seeded(1);
      await refused(
        ctx.store.upsertSeat(record.id, { ...seat('usa', 'x'), tokenHash: nanoid() }),
        'invalid',
      );
      await refused(ctx.store.upsertSeat('nope', seat('usa', 'x')), 'unknownMatch');
      await ctx.store.finish(record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 0,
        phaseHashes: [],
      });
      await refused(ctx.store.upsertSeat(record.id, seat('usa', 'x')), 'finished');
      expect(await ctx.store.listSeats(record.id)).toEqual([]);
    });
  });

  describe('the host state', () => {
    test('saveHostState replaces the last one; the match record carries it (live and in listLive)', async () => {
      const { record } = await ctx.seeded(1);
      expect((await ctx.store.getMatch(record.id))?.hostState).toBeUndefined();
      const state = {
        seatingLocked: true,
        mutedNames: ['ann lee'],
        mutedPasses: [hashToken('p')],
        extensionsUsed: 2,
        away: { away: ['ussr'], silent: { china: 1 }, heard: ['usa'] },
      };
      await ctx.store.saveHostState(record.id, state);
      expect((await ctx.store.getMatch(record.id))?.hostState).toEqual(state);
      const open = { seatingLocked: false, mutedNames: [], mutedPasses: [] };
      await ctx.store.saveHostState(record.id, open);
      expect((await ctx.store.getMatch(record.id))?.hostState).toEqual(open);
      const live = (await ctx.store.listLive()).find((m) => m.id === record.id);
      expect(live?.hostState).toEqual(open);
    });

    test('a token, a malformed state or a finished match is refused, and nothing is written', async () => {
      const { record } = await ctx.seeded(1);
      const state = { seatingLocked: true, mutedNames: [], mutedPasses: [] };
      await ctx.store.saveHostState(record.id, state);
      const bad = [
        { ...state, mutedPasses: ['not-a-hash'] },
        { ...state, seatingLocked: 'yes' },
        { ...state, mutedNames: [''] },
        { ...state, mutedNames: Array.from({ length: 501 }, (_, i) => `n${i}`) },
        { ...state, extensionsUsed: -1 },
        { ...state, extensionsUsed: 1.5 },
        { ...state, away: { away: 'china', silent: {}, heard: [] } },
        { ...state, away: { away: [], silent: { china: -1 }, heard: [] } },
        { ...state, away: { away: [], silent: {}, heard: [''] } },
      ];
      for (const b of bad)
        await refused(ctx.store.saveHostState(record.id, b as unknown as typeof state), 'invalid');
      expect((await ctx.store.getMatch(record.id))?.hostState).toEqual(state);
      await refused(ctx.store.saveHostState('nope', state), 'unknownMatch');
      await ctx.store.finish(record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 0,
        phaseHashes: [],
      });
      await refused(ctx.store.saveHostState(record.id, state), 'finished');
    });
  });

  describe('the phase clock', () => {
    test('saveClock replaces the last clock; loadClock reads it', async () => {
      const { record } = await ctx.seeded(1);
      expect(await ctx.store.loadClock(record.id)).toBeNull();
      const running = {
        round: 1,
        phase: 'diplomacy',
        paused: false,
        phaseEndsAt: T0 + 300_000,
      } as const;
      await ctx.store.saveClock(record.id, running);
      expect(await ctx.store.loadClock(record.id)).toEqual(running);
      const paused = {
        round: 1,
        phase: 'diplomacy',
        paused: true,
        remainingMs: 123_456,
      } as const;
      await ctx.store.saveClock(record.id, paused);
      expect(await ctx.store.loadClock(record.id)).toEqual(paused);
    });

    test('a finished match has no clock and takes none', async () => {
      const { record } = await ctx.seeded(1);
      await ctx.store.saveClock(record.id, {
        round: 2,
        phase: 'news',
        paused: true,
        remainingMs: 1,
      });
      await ctx.store.finish(record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 2,
        phaseHashes: [],
      });
      expect(await ctx.store.loadClock(record.id)).toBeNull();
      await refused(
        ctx.store.saveClock(record.id, { round: 2, phase: 'news', paused: true, remainingMs: 1 }),
        'finished',
      );
      await refused(
        ctx.store.saveClock('nope', { round: 2, phase: 'news', paused: true, remainingMs: 1 }),
        'unknownMatch',
      );
    });
  });
}
