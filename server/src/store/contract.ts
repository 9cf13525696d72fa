import { afterEach, beforeEach, describe } from 'vitest';
import { archiveContract } from './contract-archive.ts';
import { type ContractContext, cmd, newMatch, type StoreFixture, T0 } from './contract-helpers.ts';
import { liveContract } from './contract-live.ts';
import { notesContract } from './contract-notes.ts';
import { noticesContract } from './contract-notices.ts';

export { newMatch, type StoreFixture } from './contract-helpers.ts';

/**
 * The behaviour every `MatchStore` must have, as one Vitest suite. Call it
 * from an implementation's test file with a factory of fresh, empty stores:
 *
 *     storeContract('SQLite', async () => ({ store, reopen, dispose }));
 */
export function storeContract(name: string, makeStore: () => Promise<StoreFixture>): void {
  describe(`MatchStore contract: ${name}`, () => {
    const ctx = {
      async seeded(n, commands = 0, overrides = {}) {
        const m = newMatch(n, overrides);
        await ctx.store.createMatch(m.record);
        for (let seq = 1; seq <= commands; seq++) {
          await ctx.store.appendCommand(m.record.id, seq, cmd(seq), `h${seq}`, T0 + seq);
        }
        return m;
      },
    } as ContractContext;
    beforeEach(async () => {
      ctx.fx = await makeStore();
      ctx.store = ctx.fx.store;
    });
    afterEach(async () => {
      await ctx.fx.dispose();
    });

    liveContract(ctx);
    archiveContract(ctx);
    notesContract(ctx);
    noticesContract(ctx);
  });
}
