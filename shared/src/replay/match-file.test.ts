import { expect, test } from 'vitest';
import { MatchFileSchema, matchFileProblems } from './match-file.ts';

const base = {
  format: 'entanglement-match',
  version: 1,
  id: 'x',
  scenarioId: 'main',
  rulesVersion: 2,
  seed: 's',
  settings: {},
  seats: [],
  chat: [],
  phaseHashes: [],
  createdAt: 0,
  finishedAt: 0,
  winner: null,
  rounds: 0,
};

function problems(file: unknown): string[] {
  const r = MatchFileSchema.safeParse(file);
  return r.success ? [] : matchFileProblems(r.error);
}

test('a well-formed file passes', () => {
  expect(problems({ ...base, commands: [{ kind: 'advance', round: 1, phase: 'news' }] })).toEqual(
    [],
  );
});

test('each problem names the field at fault, inside a command too', () => {
  const bad = (command: unknown) => problems({ ...base, commands: [command] })[0];
  expect(bad({ kind: 'advance', round: 'one', phase: 'news' })).toMatch(/^commands\.0\.round: /);
  expect(
    bad({
      kind: 'order',
      seat: 'usa',
      round: 1,
      phase: 'news',
      order: { kind: 'invest', region: 'x', amount: 9 },
    }),
  ).toMatch(/^commands\.0\.order\.amount: /);
  expect(bad({ kind: 'bogus' })).toBe('commands.0.kind: Unknown command kind');
  expect(problems({ ...base, format: 'zip', commands: [] })[0]).toMatch(/^format: /);
  expect(
    problems({ ...base, commands: [], phaseHashes: [{ round: 1, phase: 'news', hash: 'x' }] })[0],
  ).toMatch(/^phaseHashes\.0\.hash: a state hash is 16 hexadecimal digits/);
});
