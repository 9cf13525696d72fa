import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import { getScenario } from './content/index.ts';
import { canonicalJson, cloneState, StateParts, stateHash } from './hash.ts';

/** The definition canonicalJson must keep: JSON with object keys sorted, undefined members left out. */
function reference(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(reference).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj)
    .filter((k) => obj[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`).join(',')}}`;
}

describe('canonicalJson', () => {
  test('equals the plain definition on any JSON-like value', () => {
    const values = fc.anything({
      withNullPrototype: false,
      withObjectString: false,
      values: [
        fc.double(),
        fc.integer(),
        fc.string({ unit: 'binary' }),
        fc.boolean(),
        fc.constant(null),
        fc.constant(undefined),
        fc.constant(-0),
      ],
    });
    fc.assert(
      fc.property(values, (value) => {
        expect(canonicalJson(value)).toBe(reference(value));
      }),
      { numRuns: 500 },
    );
  });

  test('sorts keys whatever order they were written in, and drops undefined members', () => {
    expect(canonicalJson({ b: 1, a: [true, null, undefined], c: undefined, é: 'x\n' })).toBe(
      '{"a":[true,null,null],"b":1,"é":"x\\n"}',
    );
  });
});

describe('StateParts', () => {
  const scenario = getScenario('main');
  const seats = [...scenario.seats.required, 'india', 'brazil'];

  test('hashes as stateHash after every command of played games, and versions change with the JSON', () => {
    const parts = new StateParts();
    let before = new Map<string, { json: string; version: number }>();
    let steps = 0;
    let changes = 0;
    for (const seed of ['a', 'b'])
      playRandomGame(scenario, { seats, rounds: 4 }, seed, seed, {
        onStep(state) {
          steps++;
          expect(parts.hash(state)).toBe(stateHash(state));
          const now = new Map<string, { json: string; version: number }>();
          for (const [name, value] of Object.entries(state)) {
            now.set(name, { json: JSON.stringify(value), version: parts.version(state, name) });
            if (name === 'actors' || name === 'drafts' || name === 'ties')
              for (const [id, entry] of Object.entries(value as object))
                now.set(`${name}.${id}`, {
                  json: JSON.stringify(entry),
                  version: parts.version(state, `${name}.${id}`),
                });
          }
          for (const [name, { json, version }] of now) {
            expect(version, name).toBeGreaterThan(0);
            const last = before.get(name);
            if (!last) continue;
            expect(version === last.version, `${name} at step ${state.step}`).toBe(
              json === last.json,
            );
            if (version !== last.version) changes++;
          }
          before = now;
        },
      });
    expect(steps).toBeGreaterThan(100);
    expect(changes).toBeGreaterThan(200);
  });

  test('a part changed in place is hashed anew, the same step of the same state once', () => {
    const game = playRandomGame(scenario, { seats, rounds: 4 }, 'inplace', 'inplace');
    const parts = new StateParts();
    const state = game.state;
    const hash = parts.hash(state);
    const china = state.actors.china!;
    china.power += 1;
    // Unchanged step: the engine would have bumped it.
    expect(parts.hash(state)).toBe(hash);
    state.step++;
    expect(parts.hash(state)).toBe(stateHash(state));
    expect(parts.hash(state)).not.toBe(hash);
    china.power -= 1;
    state.step++;
    expect(parts.hash(state)).toBe(stateHash(state));
    expect(parts.hash(cloneState(state))).toBe(stateHash(state));
  });
});
