import { describe, expect, test } from 'vitest';
import { type ContractContext, cmd, newMatch, refused, T0 } from './contract-helpers.ts';
import { hashToken } from './tokens.ts';
import { type ImportedMatch, MAX_NOTE_LENGTH } from './types.ts';

/** The contract for imported matches, teacher annotations and players' reflections. */
export function notesContract(ctx: ContractContext): void {
  describe('imported matches', () => {
    const imported = (n: number): ImportedMatch => {
      const { record } = newMatch(n);
      return {
        record,
        commands: [1, 2, 3].map((seq) => ({
          seq,
          command: cmd(seq),
          stateHash: `h${seq}`,
          at: T0,
        })),
        seats: [
          { seat: 'usa', nickname: 'Ana', kind: 'human' },
          { seat: 'china', nickname: 'Bot', kind: 'bot', botLevel: 'easy' },
        ],
        chat: [
          { seq: 1, from: 'usa', channel: 'public', text: 'hello', at: T0 },
          { seq: 2, from: 'usa', channel: 'private', to: 'china', text: 'psst', at: T0 + 1 },
        ],
        finish: {
          finishedAt: T0 + 10,
          winner: 'usa',
          rounds: 1,
          phaseHashes: [{ round: 1, phase: 'news', hash: 'h3' }],
        },
      };
    };

    test('are stored finished in one step: log, seats without tokens, chat, hashes', async () => {
      const m = imported(1);
      await ctx.store.importFinished(m);
      const stored = await ctx.store.getMatch(m.record.id);
      expect(stored).toMatchObject({ finishedAt: T0 + 10, winner: 'usa', rounds: 1 });
      expect(await ctx.store.loadLog(m.record.id)).toEqual(m.commands);
      expect((await ctx.store.listSeats(m.record.id)).map((s) => s.tokenHash)).toEqual([
        null,
        null,
      ]);
      const file = (await ctx.store.getMatchFile(m.record.id))!;
      expect(file.chat).toEqual(m.chat);
      expect(file.phaseHashes).toEqual(m.finish.phaseHashes);
      expect(file.seats).toEqual(m.seats);
      expect((await ctx.store.listFinished({ limit: 10, offset: 0 })).total).toBe(1);
      // Finished: it holds no join code and takes no more commands.
      expect(await ctx.store.findLiveByCode(m.record.code)).toBeNull();
      await refused(ctx.store.appendCommand(m.record.id, 4, cmd(4), 'h4', T0), 'finished');
    });

    test('a taken id or a gap in the log is refused and writes nothing', async () => {
      const m = imported(1);
      await ctx.store.importFinished(m);
      await refused(ctx.store.importFinished({ ...m, chat: [] }), 'duplicateMatch');
      expect((await ctx.store.getMatchFile(m.record.id))!.chat).toHaveLength(2);
      const gap = imported(2);
      gap.commands.splice(1, 1);
      await refused(ctx.store.importFinished(gap), 'invalid');
      expect(await ctx.store.getMatch(gap.record.id)).toBeNull();
    });
  });

  describe('annotations', () => {
    test('are pinned to a round and phase, listed in order, deleted by id', async () => {
      const a = await ctx.seeded(1);
      const b = await ctx.seeded(2);
      const first = await ctx.store.addAnnotation(a.record.id, {
        round: 2,
        phase: 'resolution',
        text: 'Look at the alliance here',
        at: T0,
      });
      const second = await ctx.store.addAnnotation(a.record.id, {
        round: 1,
        phase: 'news',
        text: 'Opening',
        at: T0 + 1,
      });
      await ctx.store.addAnnotation(b.record.id, { round: 1, phase: 'news', text: 'B', at: T0 });
      expect(second.id).not.toBe(first.id);
      expect(await ctx.store.listAnnotations(a.record.id)).toEqual([first, second]);
      expect(first).toMatchObject({
        round: 2,
        phase: 'resolution',
        text: 'Look at the alliance here',
      });
      // Another match's note is not this match's to delete.
      const bNote = (await ctx.store.listAnnotations(b.record.id))[0]!;
      expect(await ctx.store.deleteAnnotation(a.record.id, bNote.id)).toBe(false);
      expect(await ctx.store.deleteAnnotation(a.record.id, first.id)).toBe(true);
      expect(await ctx.store.deleteAnnotation(a.record.id, first.id)).toBe(false);
      expect(await ctx.store.listAnnotations(a.record.id)).toEqual([second]);
      const reopened = await ctx.fx.reopen();
      expect(await reopened.listAnnotations(a.record.id)).toEqual([second]);
    });

    test('empty or overlong text and unknown matches are refused', async () => {
      const a = await ctx.seeded(1);
      const note = { round: 1, phase: 'news', text: ' ', at: T0 };
      await refused(ctx.store.addAnnotation(a.record.id, note), 'invalid');
      const long = 'x'.repeat(MAX_NOTE_LENGTH + 1);
      await refused(ctx.store.addAnnotation(a.record.id, { ...note, text: long }), 'invalid');
      await refused(ctx.store.addAnnotation(a.record.id, { ...note, text: 'a\u0000b' }), 'invalid');
      await refused(ctx.store.addAnnotation('nope', { ...note, text: 'ok' }), 'unknownMatch');
      expect(await ctx.store.listAnnotations(a.record.id)).toEqual([]);
    });
  });

  describe('reflections', () => {
    test('are kept during and after the match, listed in order', async () => {
      const a = await ctx.seeded(1);
      const during = await ctx.store.addReflection(a.record.id, {
        seat: 'usa',
        round: 1,
        phase: 'resolution',
        eventType: 'callHonoured',
        eventIndex: 12,
        crisis: 'c3',
        text: 'We owed them',
        at: T0,
      });
      await ctx.store.finish(a.record.id, {
        finishedAt: T0 + 5,
        winner: null,
        rounds: 1,
        phaseHashes: [],
      });
      const after = await ctx.store.addReflection(a.record.id, {
        seat: 'china',
        round: 1,
        phase: 'resolution',
        eventType: 'entrapment',
        text: 'Dragged in',
        at: T0 + 6,
      });
      expect(after).not.toHaveProperty('eventIndex');
      expect(await ctx.store.listReflections(a.record.id)).toEqual([during, after]);
      await refused(ctx.store.addReflection('nope', { ...after, text: 'x' }), 'unknownMatch');
      await refused(ctx.store.addReflection(a.record.id, { ...after, text: '' }), 'invalid');
      // The match file holds no token hash, whatever else is stored with it.
      expect(JSON.stringify(await ctx.store.getMatchFile(a.record.id))).not.toContain(
        hashToken(a.hostToken),
      );
    });

    test('discarding a lobby drops its notes and reflections', async () => {
      const a = await ctx.seeded(1);
      await ctx.store.addAnnotation(a.record.id, { round: 1, phase: 'news', text: 'n', at: T0 });
      await ctx.store.addReflection(a.record.id, {
        seat: 'usa',
        round: 1,
        phase: 'news',
        eventType: 'entrapment',
        text: 'r',
        at: T0,
      });
      await ctx.store.discard(a.record.id);
      expect(await ctx.store.listAnnotations(a.record.id)).toEqual([]);
      expect(await ctx.store.listReflections(a.record.id)).toEqual([]);
    });
  });
}
