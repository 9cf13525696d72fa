import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import mainV5 from '../../recordings/main.v5.json' with { type: 'json' };
import { applyCommand } from '../apply.ts';
import { playBotsOn } from '../bots/play-bots.ts';
import { doctrineBots } from '../bots/roster.ts';
import type { Command } from '../commands/schema.ts';
import { getScenario } from '../content/index.ts';
import { createMatch } from '../create.ts';
import { cloneState, stateHash } from '../hash.ts';
import { type ForkPlan, planFork, previewFork } from './fork.ts';
import { recordRandomMatch } from './recorded.ts';
import { openReplay, type ReplayInput } from './replay.ts';

const main = recordRandomMatch('main', { rounds: 4 }, 'fork-main');
const mainReplay = openReplay(main);

function plan(input: ReplayInput, request: Parameters<typeof planFork>[2]): ForkPlan {
  const result = planFork(openReplay(input), input.log, request);
  if (!result.ok) throw new Error(result.error);
  return result.plan;
}

/** The fork's log replayed from the start, its phase hashes recorded as the archive would. */
function recordLog(input: ReplayInput, log: readonly Command[]): ReplayInput {
  const scenario = getScenario(input.scenarioId);
  const created = createMatch(scenario, input.settings as object, input.seed);
  if (!created.ok) throw new Error(created.error);
  const phaseHashes = [];
  for (const cmd of log) {
    const { round, phase } = created.state;
    const result = applyCommand(scenario, created.state, cmd);
    if (!result.ok) throw new Error(result.error);
    if (cmd.kind === 'advance') phaseHashes.push({ round, phase, hash: stateHash(created.state) });
  }
  return { ...input, log, phaseHashes };
}

describe('planFork', () => {
  test('dice as they were and no change: the fork then the original commands is the original, hash for hash', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 8 }), fc.nat(), (seed, pick) => {
        const input = recordRandomMatch('tutorial-1950', {}, `fork-${seed}`);
        const replay = openReplay(input);
        const entry = pick % (replay.timeline.length - 1);
        const fork = plan(input, { entry, reseed: null });
        const e = replay.timeline[entry]!;
        expect(fork.commands).toEqual(input.log.slice(0, e.endStep));
        expect(stateHash(fork.state)).toBe(stateHash(replay.stateAtStep(e.endStep)));
        // Played on exactly as the original was, it replays against the original's hashes.
        const whole = openReplay({
          ...input,
          log: [...fork.commands, ...input.log.slice(e.endStep)],
        });
        expect(stateHash(whole.finalState())).toBe(stateHash(replay.finalState()));
      }),
      { numRuns: 8 },
    );
  });

  test('a reseeded fork is deterministic, keeps the original hashes up to its point, and replays as any match', () => {
    fc.assert(
      fc.property(fc.nat(), fc.string({ minLength: 1, maxLength: 20 }), (pick, reseed) => {
        const entry = pick % (mainReplay.timeline.length - 1);
        const a = plan(main, { entry, reseed });
        const b = plan(main, { entry, reseed });
        expect(a.commands).toEqual(b.commands);
        expect(a.commands.at(-1)).toMatchObject({ kind: 'reseed', seed: reseed });
        expect(stateHash(a.state)).toBe(stateHash(b.state));
        const scenario = getScenario('main');
        const bots = doctrineBots(scenario, a.state.seats, 'normal');
        const onA = playBotsOn(scenario, cloneState(a.state), bots, 'bots');
        const onB = playBotsOn(scenario, cloneState(b.state), bots, 'bots');
        expect(stateHash(onA.state)).toBe(stateHash(onB.state));
        // The whole fork (prefix, reseed, the bots' play) replays like any match.
        const fork = recordLog(main, [...a.commands, ...onA.log]);
        const replayed = openReplay(fork);
        expect(stateHash(replayed.finalState())).toBe(stateHash(onA.state));
        const upTo = mainReplay.timeline[entry]!.index;
        expect(fork.phaseHashes.slice(0, upTo)).toEqual(main.phaseHashes.slice(0, upTo));
      }),
      { numRuns: 4 },
    );
  });

  test('a match of an older rules version forks under that version, and its bots play on under it', () => {
    const old = mainV5 as unknown as ReplayInput;
    expect(old.rulesVersion).toBe(5);
    const fork = plan(old, { entry: 2, reseed: 'fresh' });
    expect(fork.state.rulesVersion).toBe(5);
    const replay = openReplay(old);
    const bots = doctrineBots(replay.scenario, fork.state.seats, 'easy');
    const on = playBotsOn(replay.scenario, cloneState(fork.state), bots, 'bots');
    expect(on.state.phase).toBe('ended');
    expect(on.state.rulesVersion).toBe(5);
  });

  test('fresh dice draw otherwise than the original', () => {
    const entry = 1;
    const same = plan(main, { entry, reseed: null });
    const fresh = plan(main, { entry, reseed: 'another draw' });
    expect(fresh.state.rng).not.toBe(same.state.rng);
    expect(fresh.origin).toMatchObject({ reseeded: true, step: same.commands.length });
  });

  test('one seat answers otherwise: only its commands of that phase change, and the preview plays both ends', () => {
    const at = mainReplay.timeline.find((e) =>
      main.log.slice(e.startStep, e.endStep).some((c) => c.kind === 'answer'),
    );
    expect(at, 'the recorded match has a phase with a crisis answer').toBeDefined();
    const entry = at!;
    const answer = main.log.slice(entry.startStep, entry.endStep).find((c) => c.kind === 'answer')!;
    if (answer.kind !== 'answer') throw new Error('not an answer');
    const kind: 'honour' | 'hedge' = answer.answer.kind === 'hedge' ? 'honour' : 'hedge';
    // Every command the seat gave in that phase, with that one answer otherwise.
    const change = {
      seat: answer.seat,
      commands: main.log
        .slice(entry.startStep, entry.endStep)
        .filter((c) => 'seat' in c && c.seat === answer.seat)
        .map((c) =>
          c === answer
            ? { ...answer, answer: { ...answer.answer, kind, power: kind === 'honour' ? 1 : 0 } }
            : c,
        )
        .filter((c) => 'seat' in c),
    };
    const fork = plan(main, { entry: entry.index, reseed: null, change });
    const phase = fork.commands.slice(entry.startStep);
    const seatCommands = phase.filter((c) => 'seat' in c && c.seat === answer.seat);
    expect(seatCommands).toEqual(change.commands);
    const others = (log: readonly Command[]) =>
      log.filter((c) => !('seat' in c) || c.seat !== answer.seat);
    expect(others(phase)).toEqual(others(main.log.slice(entry.startStep, entry.endStep)));
    expect(fork.origin.changedSeat).toBe(answer.seat);

    const preview = previewFork(mainReplay, fork);
    const closing = mainReplay.events
      .filter((e) => e.step === entry.endStep + 1)
      .map((e) => e.event.type);
    for (const e of preview.original) expect(closing).toContain(e.type);
    expect(preview.fork).not.toEqual(preview.original);
  });

  test('refuses a moment that was not played, another seat in a change, and a change the engine refuses', () => {
    const last = mainReplay.timeline.length - 1;
    expect(planFork(mainReplay, main.log, { entry: last, reseed: null })).toMatchObject({
      ok: false,
      error: expect.stringContaining('not a phase that was played'),
    });
    const entry = mainReplay.timeline.find((e) => e.phase === 'diplomacy')!;
    const order = {
      kind: 'done',
      seat: 'china',
      round: 1,
      phase: 'diplomacy',
      done: true,
    } as const;
    expect(
      planFork(mainReplay, main.log, {
        entry: entry.index,
        reseed: null,
        change: { seat: 'usa', commands: [order] },
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('china is not usa') });
    expect(
      planFork(mainReplay, main.log, {
        entry: entry.index,
        reseed: null,
        change: { seat: 'atlantis', commands: [] },
      }),
    ).toMatchObject({ ok: false, error: '"atlantis" is not a seat of this match.' });
    const impossible = {
      kind: 'order',
      seat: 'usa',
      round: 1,
      phase: 'diplomacy',
      order: { kind: 'aid', to: 'nowhere', amount: 1 },
    } as const;
    expect(
      planFork(mainReplay, main.log, {
        entry: entry.index,
        reseed: null,
        change: { seat: 'usa', commands: [impossible] },
      }),
    ).toMatchObject({ ok: false, error: expect.stringContaining('is refused') });
  });
});
