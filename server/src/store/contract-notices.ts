import { describe, expect, test } from 'vitest';
import { type ContractContext, refused, T0 } from './contract-helpers.ts';
import { hashToken } from './tokens.ts';
import type { NoticeTarget } from './types.ts';

/** The contract for notice targets: where seats asked to be told of their match. */
export function noticesContract(ctx: ContractContext): void {
  const target = (seat: string, address: string, pass = `pass-${seat}`): NoticeTarget => ({
    seat,
    passHash: hashToken(pass),
    channel: address.includes('@') ? 'email' : 'push',
    address,
    p256dh: address.includes('@') ? null : 'key',
    auth: address.includes('@') ? null : 'secret',
    language: 'en',
    timeZone: 'UTC',
  });

  describe('notice targets', () => {
    test('are kept per match, renewed at the same address, and capped per seat', async () => {
      const { record } = await ctx.seeded(1);
      const id = record.id;
      expect(await ctx.store.addNoticeTarget(id, target('usa', 'https://push/1'), 2)).toBe(1);
      expect(await ctx.store.addNoticeTarget(id, target('usa', 'ana@example.org'), 2)).toBe(2);
      // The seat has its two: a third is refused, renewing one of them is not.
      expect(await ctx.store.addNoticeTarget(id, target('usa', 'https://push/2'), 2)).toBe('full');
      const renewed = { ...target('usa', 'https://push/1'), language: 'zh-CN' };
      expect(await ctx.store.addNoticeTarget(id, renewed, 2)).toBe(2);
      // Another seat counts its own.
      expect(await ctx.store.addNoticeTarget(id, target('china', 'https://push/3'), 2)).toBe(1);
      const reopened = await ctx.fx.reopen();
      const kept = await reopened.listNoticeTargets(id);
      expect(kept.map((t) => [t.seat, t.address, t.language])).toEqual([
        ['usa', 'https://push/1', 'zh-CN'],
        ['usa', 'ana@example.org', 'en'],
        ['china', 'https://push/3', 'en'],
      ]);
      expect(kept[1]).toMatchObject({ channel: 'email', p256dh: null, auth: null });
    });

    test('are removed by pass, by address, or all at once; a finished match takes none', async () => {
      const { record } = await ctx.seeded(2);
      const id = record.id;
      await ctx.store.addNoticeTarget(id, target('usa', 'https://push/1', 'a'), 5);
      await ctx.store.addNoticeTarget(id, target('usa', 'https://push/2', 'b'), 5);
      await ctx.store.addNoticeTarget(id, target('china', 'https://push/3', 'c'), 5);
      expect(await ctx.store.removeNoticeTargets(id, { passHash: hashToken('x') })).toBe(0);
      expect(await ctx.store.removeNoticeTargets(id, { passHash: hashToken('a') })).toBe(1);
      expect(await ctx.store.removeNoticeTargets(id, { address: 'https://push/3' })).toBe(1);
      expect((await ctx.store.listNoticeTargets(id)).map((t) => t.address)).toEqual([
        'https://push/2',
      ]);
      expect(await ctx.store.removeNoticeTargets(id, {})).toBe(1);
      await ctx.store.finish(id, { finishedAt: T0 + 9, winner: null, rounds: 1, phaseHashes: [] });
      await refused(ctx.store.addNoticeTarget(id, target('usa', 'https://push/1'), 5), 'finished');
      await refused(
        ctx.store.addNoticeTarget('no-such-match', target('usa', 'https://push/1'), 5),
        'unknownMatch',
      );
      // The pass itself is never what is kept.
      await refused(
        ctx.store.addNoticeTarget(id, { ...target('usa', 'x'), passHash: 'pass-usa' }, 5),
        'invalid',
      );
    });
  });
}
