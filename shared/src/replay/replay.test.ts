import { describe, expect, test } from 'vitest';
import tutorialV5 from '../../recordings/tutorial-1950.v5.json' with { type: 'json' };
import { applyCommand } from '../apply.ts';
import { getScenario } from '../content/index.ts';
import { createMatch } from '../create.ts';
import { scenarioHash, stateHash } from '../hash.ts';
import { RULES_VERSION } from '../rules.ts';
import { OLDEST_RULES_VERSION } from '../rules-version.ts';
import { parseScenario } from '../scenario/load.ts';
import { viewFor } from '../view.ts';
import { ReplayError } from './errors.ts';
import { recordRandomMatch } from './recorded.ts';
import { openReplay, type ReplayInput } from './replay.ts';

const tutorial = recordRandomMatch('tutorial-1950', {}, 'replay-test');
const main = recordRandomMatch('main', { rounds: 4 }, 'replay-main');

/** Replays the first `step` commands from the start, the slow way. */
function fromStart(input: ReplayInput, step: number) {
  const scenario = getScenario(input.scenarioId);
  const created = createMatch(scenario, input.settings as object, input.seed);
  if (!created.ok) throw new Error(created.error);
  for (const cmd of input.log.slice(0, step)) applyCommand(scenario, created.state, cmd);
  return created.state;
}

function refusal(input: ReplayInput): ReplayError {
  try {
    openReplay(input);
  } catch (err) {
    if (err instanceof ReplayError) return err;
    throw err;
  }
  throw new Error('the replay was not refused');
}

describe('openReplay', () => {
  test.each([
    ['tutorial', tutorial],
    ['main, 4 rounds', main],
  ])('a recorded %s match replays to every stored hash', (_name, input) => {
    const replay = openReplay(input, { stepHashes: true });
    const closed = replay.timeline.filter((e) => e.hash !== null);
    expect(closed.length).toBe(input.phaseHashes.length);
    closed.forEach((entry, i) => {
      const stored = input.phaseHashes[i]!;
      expect([entry.round, entry.phase, entry.hash]).toEqual([
        stored.round,
        stored.phase,
        stored.hash,
      ]);
      // The stored hash is the state after the phase's closing advance.
      expect(stateHash(replay.stateAtStep(entry.endStep + 1))).toBe(stored.hash);
      expect(replay.stepHashes![entry.endStep]).toBe(stored.hash);
    });
    const last = replay.timeline.at(-1)!;
    expect(last).toMatchObject({ phase: 'ended', hash: null, endStep: input.log.length });
    expect(replay.finalState().phase).toBe('ended');
    expect(replay.steps).toBe(input.log.length);
  });

  test('the timeline covers the log: each phase starts where the last one closed', () => {
    const replay = openReplay(main);
    let step = 0;
    for (const entry of replay.timeline) {
      expect(entry.startStep).toBe(step);
      expect(entry.endStep).toBeGreaterThanOrEqual(entry.startStep);
      const state = replay.stateAt(entry.index);
      expect([state.round, state.phase]).toEqual([entry.round, entry.phase]);
      expect(state.tension).toBe(entry.tension);
      step = entry.endStep + 1;
    }
  });

  test('seeking to any phase equals replaying from the start', () => {
    for (const checkpointEvery of [1, 3]) {
      const replay = openReplay(main, { checkpointEvery });
      for (const entry of replay.timeline) {
        const expected = fromStart(main, entry.endStep);
        expect(stateHash(replay.stateAt(entry.index))).toBe(stateHash(expected));
        expect(replay.viewAt(entry.index, 'usa')).toEqual(viewFor(expected, 'usa'));
        expect(replay.viewAt(entry.index, null)).toEqual(viewFor(expected, null));
      }
      // Seeking backwards after forwards gives the same state (snapshots are never changed).
      expect(stateHash(replay.stateAt(1))).toBe(
        stateHash(fromStart(main, replay.timeline[1]!.endStep)),
      );
    }
  });

  test('a state handed out is a copy: changing it changes no later seek', () => {
    const replay = openReplay(tutorial);
    const s = replay.stateAt(0);
    s.tension = 99;
    expect(replay.stateAt(0).tension).not.toBe(99);
  });

  test('a seat view hides what that seat could not know', () => {
    const replay = openReplay(main);
    const entry = replay.timeline.find((e) => e.phase === 'diplomacy')!;
    const view = replay.viewAt(entry.index, 'usa');
    expect(view.viewer).toBe('usa');
    expect(view.rng).toBe(0);
    expect('deck' in view).toBe(false);
    for (const [seat, actor] of Object.entries(view.actors))
      if (seat !== 'usa') expect(actor.objective).toBeNull();
  });

  test('events are placed on the entry where they are first seen', () => {
    const replay = openReplay(main);
    expect(replay.events.length).toBeGreaterThan(0);
    for (const e of replay.events) {
      const entry = replay.timeline[e.entry]!;
      expect(e.step).toBeGreaterThanOrEqual(entry.startStep);
      expect(e.step).toBeLessThanOrEqual(entry.endStep);
      expect(e.event.round).toBe(entry.round);
      // What the entry shows includes it in the round's account.
      if (e.step > 0) expect(replay.stateAt(e.entry).account).toContainEqual(e.event);
    }
    const total = replay.timeline.reduce((n, e) => n + replay.eventsAt(e.index).length, 0);
    expect(total).toBe(replay.events.length);
    expect(replay.events[0]!.event.type).toBe('matchStarted');
  });

  test('out-of-range seeks are refused', () => {
    const replay = openReplay(tutorial);
    expect(() => replay.stateAt(replay.timeline.length)).toThrow(RangeError);
    expect(() => replay.stateAtStep(-1)).toThrow(RangeError);
    expect(() => replay.stateAtStep(replay.steps + 1)).toThrow(RangeError);
  });
});

describe('a file that does not replay exactly is refused', () => {
  test('a tampered phase hash names its round and phase', () => {
    const phaseHashes = tutorial.phaseHashes.map((h) => ({ ...h }));
    phaseHashes[4]!.hash = '0123456789abcdef';
    const err = refusal({ ...tutorial, phaseHashes });
    expect(err.code).toBe('hashMismatch');
    const { round, phase } = tutorial.phaseHashes[4]!;
    expect(err.at).toMatchObject({ round, phase });
    expect(err.message).toContain(`round ${round}, phase ${phase}`);
  });

  test('a tampered command is refused or changes a hash, naming the phase', () => {
    // Move a seat's answer or order to another seat: either refused or a different state.
    const log = [...tutorial.log];
    const i = log.findIndex((c) => c.kind === 'done');
    const cmd = log[i]!;
    log.splice(i, 1, { ...cmd, round: cmd.round + 1 } as typeof cmd);
    const err = refusal({ ...tutorial, log });
    expect(err.code).toBe('refused');
    expect(err.at.command).toBe(i + 1);
    expect(err.message).toMatch(/round \d+, phase \w+/);

    // Dropping a seat command leaves every command legal but the state different.
    const j = tutorial.log.findIndex((c) => c.kind === 'order' || c.kind === 'offer');
    const dropped = tutorial.log.filter((_, k) => k !== j);
    const err2 = refusal({ ...tutorial, log: dropped });
    expect(['hashMismatch', 'refused']).toContain(err2.code);
    expect(err2.at.round).toBeGreaterThanOrEqual(1);
  });

  test('a cut log or extra hashes are refused', () => {
    const cut = tutorial.log.slice(0, tutorial.log.length - 1);
    expect(refusal({ ...tutorial, log: cut }).code).toBe('phaseCount');
    const fewer = tutorial.phaseHashes.slice(0, -1);
    expect(refusal({ ...tutorial, phaseHashes: fewer }).code).toBe('phaseCount');
  });

  test('the match is created and replayed under the rules version its file names', () => {
    const created = createMatch(getScenario('main'), {}, 's', OLDEST_RULES_VERSION);
    expect(created.ok && created.state.rulesVersion).toBe(OLDEST_RULES_VERSION);
    // A pinned rules-version-5 recording replays as version 5, whatever this engine's is.
    const old = tutorialV5 as unknown as ReplayInput;
    expect(old.rulesVersion).toBe(5);
    expect(openReplay(old).finalState().rulesVersion).toBe(5);
    expect(openReplay(tutorial).finalState().rulesVersion).toBe(RULES_VERSION);
    // The version is part of the state: the same log under another version is another match.
    if (RULES_VERSION > OLDEST_RULES_VERSION)
      expect(refusal({ ...tutorial, rulesVersion: OLDEST_RULES_VERSION }).code).toBe(
        'hashMismatch',
      );
  });

  test('unreleased, newer and malformed rules versions are refused by name', () => {
    for (const v of [1, 4]) {
      const err = refusal({ ...tutorial, rulesVersion: v });
      expect(err.code).toBe('rulesVersionRetired');
      expect(err.message).toContain(`rules version ${v} was never released`);
      expect(err.message).toContain(`versions ${OLDEST_RULES_VERSION} to ${RULES_VERSION}`);
    }
    const newer = refusal({ ...tutorial, rulesVersion: RULES_VERSION + 1 });
    expect(newer.code).toBe('rulesVersionNewer');
    expect(newer.message).toContain(`rules version ${RULES_VERSION + 1} is newer`);
    expect(refusal({ ...tutorial, rulesVersion: 0 }).code).toBe('rulesVersion');
    expect(refusal({ ...tutorial, rulesVersion: 5.5 }).code).toBe('rulesVersion');
  });

  test('a file carrying its scenario content replays on it after the shipped data changed', () => {
    const scenario = getScenario('tutorial-1950');
    const content = JSON.parse(JSON.stringify(scenario));
    expect(openReplay({ ...tutorial, scenario: content }).steps).toBe(tutorial.log.length);
    // The shipped content changed since: the hash differs, but the file brings its own.
    const played = { ...content, actors: content.actors.map((a: object) => ({ ...a })) };
    played.actors[0].name = `${played.actors[0].name} (as played)`;
    const parsed = parseScenario(played, 'test');
    if (!parsed.ok) throw new Error(parsed.message);
    const hash = scenarioHash(parsed.scenario);
    expect(hash).not.toBe(scenarioHash(scenario));
    const replay = openReplay({ ...tutorial, scenarioHash: hash, scenario: played });
    expect(replay.scenario.actors[0]!.name).toContain('(as played)');
    // Content that is not what the file says it was played on is refused.
    expect(refusal({ ...tutorial, scenario: played }).code).toBe('scenarioChanged');
    expect(refusal({ ...tutorial, scenario: { ...content, actors: 3 } }).code).toBe('scenario');
    expect(refusal({ ...tutorial, scenario: content, scenarioId: 'main' }).code).toBe('scenario');
  });

  test('a file played on other content of its scenario is refused by that name', () => {
    const scenario = getScenario('tutorial-1950');
    expect(tutorial.scenarioHash).toBe(scenarioHash(scenario));
    expect(openReplay(tutorial).steps).toBe(tutorial.log.length);
    const edited = {
      ...scenario,
      actors: scenario.actors.map((a, i) => (i ? a : { ...a, name: `${a.name}!` })),
    };
    const err = refusal({ ...tutorial, scenarioHash: scenarioHash(edited) });
    expect(err.code).toBe('scenarioChanged');
    expect(err.message).toContain('"tutorial-1950"');
    expect(err.message).toContain(scenarioHash(edited));
    expect(err.message).toContain(scenarioHash(scenario));
    // A file from before scenario hashes were recorded replays as before.
    const { scenarioHash: _none, ...older } = tutorial;
    expect(openReplay(older).steps).toBe(tutorial.log.length);
  });

  test('an unknown scenario and refused settings are named', () => {
    expect(refusal({ ...tutorial, scenarioId: 'atlantis' }).code).toBe('scenario');
    expect(refusal({ ...main, settings: { rounds: 99 } }).code).toBe('settings');
    expect(refusal({ ...main, settings: { rounds: 'many', seats: 7 } }).code).toBe('settings');
  });
});
