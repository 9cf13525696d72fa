import {
  applyCommand,
  CommandSchema,
  createMatch,
  getScenario,
  playRandomGame,
  RULES_VERSION,
  stateHash,
} from '@entanglement/shared';
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

/** The contract for join codes, the archive and durability across instances. */
export function archiveContract(ctx: ContractContext): void {
  describe('join codes', () => {
    test('two live matches never share a code; case does not matter', async () => {
      const a = await ctx.seeded(1, 0, { code: 'abc234' });
      expect(await ctx.store.findLiveByCode('ABC234')).toBe(a.record.id);
      expect(await ctx.store.findLiveByCode(' abc234 ')).toBe(a.record.id);
      const b = newMatch(2, { code: 'ABC234' });
      await refused(ctx.store.createMatch(b.record), 'codeTaken');
      expect(await ctx.store.getMatch(b.record.id)).toBeNull();
    });

    test('claimCode moves a match to a free code and releases the old one', async () => {
      const a = await ctx.seeded(1, 0, { code: 'AAAAAA' });
      const b = await ctx.seeded(2, 0, { code: 'BBBBBB' });
      await refused(ctx.store.claimCode('BBBBBB', a.record.id), 'codeTaken');
      expect(await ctx.store.findLiveByCode('AAAAAA')).toBe(a.record.id);
      await ctx.store.claimCode('CCCCCC', a.record.id);
      await ctx.store.claimCode('CCCCCC', a.record.id); // its own code: nothing to do
      expect(await ctx.store.findLiveByCode('CCCCCC')).toBe(a.record.id);
      expect(await ctx.store.findLiveByCode('AAAAAA')).toBeNull();
      await ctx.store.claimCode('AAAAAA', b.record.id);
      expect(await ctx.store.findLiveByCode('AAAAAA')).toBe(b.record.id);
      await refused(ctx.store.claimCode('DDDDDD', 'nope'), 'unknownMatch');
    });

    test('finishing a match releases its code for a new match', async () => {
      const a = await ctx.seeded(1, 0, { code: 'QQQQQQ' });
      await ctx.store.finish(a.record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 0,
        phaseHashes: [],
      });
      expect(await ctx.store.findLiveByCode('QQQQQQ')).toBeNull();
      await refused(ctx.store.claimCode('RRRRRR', a.record.id), 'finished');
      const b = await ctx.seeded(2, 0, { code: 'QQQQQQ' });
      expect(await ctx.store.findLiveByCode('QQQQQQ')).toBe(b.record.id);
      const c = await ctx.seeded(3, 0, { code: 'SSSSSS' });
      await ctx.store.finish(b.record.id, {
        finishedAt: T0,
        winner: null,
        rounds: 0,
        phaseHashes: [],
      });
      await ctx.store.claimCode('QQQQQQ', c.record.id);
      expect((await ctx.store.getMatch(a.record.id))!.code).toBe('QQQQQQ');
    });
  });

  describe('the archive', () => {
    const phaseHashes = [
      { round: 1, phase: 'news', hash: 'aa' },
      { round: 1, phase: 'diplomacy', hash: 'bb' },
      { round: 1, phase: 'resolution', hash: 'cc' },
    ];

    test('finish records the result once', async () => {
      const { record } = await ctx.seeded(1, 2);
      await ctx.store.finish(record.id, {
        finishedAt: T0 + 50,
        winner: 'usa',
        rounds: 1,
        phaseHashes,
      });
      expect(await ctx.store.getMatch(record.id)).toMatchObject({
        finishedAt: T0 + 50,
        winner: 'usa',
        rounds: 1,
      });
      await refused(
        ctx.store.finish(record.id, { finishedAt: T0 + 60, winner: null, rounds: 2, phaseHashes }),
        'finished',
      );
      expect(await ctx.store.getMatch(record.id)).toMatchObject({
        finishedAt: T0 + 50,
        winner: 'usa',
      });
      expect((await ctx.store.getMatchFile(record.id))!.phaseHashes).toEqual(phaseHashes);
      await refused(
        ctx.store.finish('nope', { finishedAt: T0, winner: null, rounds: 0, phaseHashes }),
        'unknownMatch',
      );
    });

    test('a finished match is private until made public; its share hash is kept; deleting removes it all', async () => {
      const { record } = await ctx.seeded(1, 2);
      const live = await ctx.seeded(2);
      await ctx.store.appendChat(record.id, {
        seq: 1,
        from: 'usa',
        channel: 'public',
        text: 'hi',
        at: T0,
      });
      await ctx.store.finish(record.id, { finishedAt: T0, winner: null, rounds: 1, phaseHashes });
      expect(await ctx.store.getMatch(record.id)).toMatchObject({
        isPublic: false,
        shareHash: null,
      });
      const everyone = { limit: 10, offset: 0, publicOnly: true };
      expect((await ctx.store.listFinished(everyone)).total).toBe(0);
      expect(await ctx.store.setPublic(record.id, true)).toBe(true);
      expect((await ctx.store.listFinished(everyone)).matches.map((m) => m.id)).toEqual([
        record.id,
      ]);
      const only = await ctx.store.listFinished({ limit: 10, offset: 0, ids: [record.id, 'nope'] });
      expect(only.matches.map((m) => m.id)).toEqual([record.id]);
      expect((await ctx.store.listFinished({ limit: 10, offset: 0, ids: [] })).total).toBe(0);
      const hash = hashToken('share-key');
      expect(await ctx.store.setShareHash(record.id, hash)).toBe(true);
      expect((await ctx.store.getMatch(record.id))!.shareHash).toBe(hash);
      await refused(ctx.store.setShareHash(record.id, 'not a hash'), 'invalid');
      // A label is kept, listed and filtered by; null removes it.
      expect(await ctx.store.setLabel(record.id, 'Class 9B · period 3')).toBe(true);
      expect((await ctx.store.getMatch(record.id))!.label).toBe('Class 9B · period 3');
      const labelled = await ctx.store.listFinished({
        limit: 10,
        offset: 0,
        label: 'Class 9B · period 3',
      });
      expect(labelled.matches.map((m) => [m.id, m.label])).toEqual([
        [record.id, 'Class 9B · period 3'],
      ]);
      expect(
        (await ctx.store.listFinished({ limit: 10, offset: 0, label: 'Class 9A' })).total,
      ).toBe(0);
      expect(await ctx.store.setLabel(record.id, null)).toBe(true);
      expect((await ctx.store.getMatch(record.id))!.label).toBeUndefined();
      // A live match is none of these.
      expect(await ctx.store.setLabel(live.record.id, 'x')).toBe(false);
      expect(await ctx.store.setPublic(live.record.id, true)).toBe(false);
      expect(await ctx.store.deleteFinished(live.record.id)).toBe(false);
      expect(await ctx.store.deleteFinished(record.id)).toBe(true);
      expect(await ctx.store.getMatch(record.id)).toBeNull();
      expect(await ctx.store.loadChat(record.id)).toEqual([]);
      expect(await ctx.store.loadLog(record.id)).toEqual([]);
      expect(await ctx.store.deleteFinished(record.id)).toBe(false);
    });

    test('listFinished pages newest first, filters by scenario and counts', async () => {
      const ids: string[] = [];
      for (let n = 1; n <= 5; n++) {
        const { record } = await ctx.seeded(n, 0, { scenarioId: n % 2 ? 'main' : 'small' });
        await ctx.store.upsertSeat(record.id, seat('usa', `token-${n}-aaaaaaaaaaaaaaaaa`));
        await ctx.store.finish(record.id, {
          finishedAt: T0 + 100 * n,
          winner: null,
          rounds: n,
          phaseHashes,
        });
        ids.push(record.id);
      }
      await ctx.seeded(6); // live: never listed
      const all = await ctx.store.listFinished({ limit: 2, offset: 0 });
      expect(all.total).toBe(5);
      expect(all.matches.map((m) => m.id)).toEqual([ids[4], ids[3]]);
      expect(all.matches[0]).toEqual({
        id: ids[4],
        scenarioId: 'main',
        rulesVersion: RULES_VERSION,
        createdAt: T0 + 5,
        finishedAt: T0 + 500,
        winner: null,
        rounds: 5,
        seats: [{ seat: 'usa', nickname: 'Nick usa', kind: 'human' }],
      });
      expect(
        (await ctx.store.listFinished({ limit: 2, offset: 4 })).matches.map((m) => m.id),
      ).toEqual([ids[0]]);
      const small = await ctx.store.listFinished({ limit: 10, offset: 0, scenario: 'small' });
      expect(small).toMatchObject({ total: 2 });
      expect(small.matches.map((m) => m.id)).toEqual([ids[3], ids[1]]);
      expect(await ctx.store.listFinished({ limit: 10, offset: 0, scenario: 'none' })).toEqual({
        total: 0,
        matches: [],
      });
      await refused(ctx.store.listFinished({ limit: 0, offset: 0 }), 'invalid');
      await refused(ctx.store.listFinished({ limit: 10, offset: -1 }), 'invalid');
    });

    test('getMatchFile: null while live; then the whole match, without a token or its hash', async () => {
      const { record, hostToken } = await ctx.seeded(1, 3);
      const tokens = [hostToken, nanoid(), nanoid()];
      await ctx.store.upsertSeat(record.id, seat('usa', tokens[1]!));
      await ctx.store.upsertSeat(record.id, seat('china', tokens[2]!));
      await ctx.store.appendChat(record.id, chat(1));
      await ctx.store.appendChat(record.id, { ...chat(2), channel: 'private', to: 'china' });
      expect(await ctx.store.getMatchFile(record.id)).toBeNull();
      expect(await ctx.store.getMatchFile('nope')).toBeNull();
      await ctx.store.finish(record.id, {
        finishedAt: T0 + 99,
        winner: 'china',
        rounds: 1,
        phaseHashes,
      });

      const file = (await ctx.store.getMatchFile(record.id))!;
      expect(file).toEqual({
        format: 'entanglement-match',
        version: 1,
        id: record.id,
        scenarioId: record.scenarioId,
        rulesVersion: record.rulesVersion,
        seed: record.seed,
        settings: record.settings,
        seats: [
          { seat: 'usa', nickname: 'Nick usa', kind: 'human' },
          { seat: 'china', nickname: 'Nick china', kind: 'human' },
        ],
        commands: [cmd(1), cmd(2), cmd(3)],
        commandTimes: [T0 + 1, T0 + 2, T0 + 3],
        chat: [chat(1), { ...chat(2), channel: 'private', to: 'china' }],
        phaseHashes,
        createdAt: record.createdAt,
        finishedAt: T0 + 99,
        winner: 'china',
        rounds: 1,
      });
      const json = JSON.stringify(file);
      for (const secret of [...tokens, ...tokens.map(hashToken)])
        expect(json).not.toContain(secret);
      expect(json).not.toMatch(/token/i);
      expect((await ctx.store.getMatchFile(record.id, { chat: 'public' }))!.chat).toEqual([
        chat(1),
      ]);
    });

    test('a whole engine match, archived, replays from its match file to every phase hash', async () => {
      const scenario = getScenario('main');
      const settings = { rounds: 4, pace: 'quick' as const };
      const { record } = await ctx.seeded(1, 0, { settings, seed: 'contract-replay' });
      const hashes: { round: number; phase: string; hash: string }[] = [];
      const steps: { command: unknown; hash: string }[] = [];
      const game = playRandomGame(scenario, settings, record.seed, 'bots', {
        onStep: (state, command) => {
          steps.push({ command, hash: stateHash(state) });
          if (command.kind === 'advance')
            hashes.push({ round: command.round, phase: command.phase, hash: stateHash(state) });
        },
      });
      let seq = 0;
      for (const step of steps) {
        seq++;
        await ctx.store.appendCommand(record.id, seq, step.command, step.hash, T0 + seq);
      }
      await ctx.store.finish(record.id, {
        finishedAt: T0 + seq + 1,
        winner: null,
        rounds: game.state.round,
        phaseHashes: hashes,
      });

      const file = (await ctx.store.getMatchFile(record.id))!;
      const created = createMatch(
        getScenario(file.scenarioId),
        file.settings as typeof settings,
        file.seed,
      );
      if (!created.ok) throw new Error(created.error);
      const replayed: typeof hashes = [];
      for (const raw of file.commands) {
        const command = CommandSchema.parse(raw);
        expect(applyCommand(scenario, created.state, command).ok).toBe(true);
        if (command.kind === 'advance')
          replayed.push({
            round: command.round,
            phase: command.phase,
            hash: stateHash(created.state),
          });
      }
      expect(replayed).toEqual(file.phaseHashes);
      expect(stateHash(created.state)).toBe(stateHash(game.state));
    });
  });

  describe('durability', () => {
    test('a new instance on the same data reads back everything the first one wrote', async () => {
      const live = await ctx.seeded(1, 25);
      await ctx.store.upsertSeat(live.record.id, seat('usa', 'token-usa-aaaaaaaaaaaaaaa'));
      await ctx.store.appendChat(live.record.id, chat(1));
      await ctx.store.saveClock(live.record.id, {
        round: 2,
        phase: 'diplomacy',
        paused: false,
        phaseEndsAt: T0 + 1,
      });
      const done = await ctx.seeded(2, 1, { code: 'DONE22' });
      await ctx.store.finish(done.record.id, {
        finishedAt: T0 + 7,
        winner: null,
        rounds: 1,
        phaseHashes: [],
      });

      const again = await ctx.fx.reopen();
      expect(await again.loadLog(live.record.id)).toEqual(await ctx.store.loadLog(live.record.id));
      expect((await again.loadLog(live.record.id)).length).toBe(25);
      expect(await again.listSeats(live.record.id)).toEqual([
        seat('usa', 'token-usa-aaaaaaaaaaaaaaa'),
      ]);
      expect(await again.loadChat(live.record.id)).toEqual([chat(1)]);
      expect(await again.loadClock(live.record.id)).toEqual({
        round: 2,
        phase: 'diplomacy',
        paused: false,
        phaseEndsAt: T0 + 1,
      });
      expect((await again.listLive()).map((m) => m.id)).toEqual([live.record.id]);
      expect((await again.listFinished({ limit: 10, offset: 0 })).matches.map((m) => m.id)).toEqual(
        [done.record.id],
      );
      // The new instance carries on the same log.
      await refused(again.appendCommand(live.record.id, 25, cmd(25), 'h', T0), 'duplicateSeq');
      await again.appendCommand(live.record.id, 26, cmd(26), 'h26', T0 + 26);
      expect((await ctx.store.loadLog(live.record.id)).length).toBe(26);
    });
  });
}
