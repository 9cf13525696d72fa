import {
  getScenario,
  type MatchFileInput,
  openReplay,
  PHASES,
  type Phase,
  type Reflection,
  recordRandomMatch,
} from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { csvCell, csvDocument } from './csv.ts';
import { peopleCsv, peopleReport } from './people-report.ts';

describe('csvCell', () => {
  it('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });
  it.each(['=HYPERLINK("http://x","y")', '+1+1', '-2+3', '@SUM(A1)', '\t=1', '\r=1'])(
    'keeps %j from being run as a formula',
    (text) => {
      const cell = csvCell(text);
      const unquoted = cell.startsWith('"') ? cell.slice(1) : cell;
      expect(unquoted.startsWith("'")).toBe(true);
    },
  );
  it('writes numbers as numbers, negative ones too', () => {
    expect(csvDocument([[-3, 'x']])).toBe('-3,x\r\n');
  });
});

const order = (m: { round: number; phase: Phase }) =>
  m.round * PHASES.length + PHASES.indexOf(m.phase);

describe('peopleReport', () => {
  const scenario = getScenario('tutorial-1950');
  const rec = recordRandomMatch('tutorial-1950', {}, 'people-report');
  const replay = openReplay(rec);
  // Ana holds China to round 2's Resolution, then Ben; a bot plays the Soviet Union.
  const file = {
    commands: [...rec.log],
    seatHistory: [
      {
        seat: 'china',
        nickname: 'Ana',
        from: { round: 1, phase: 'news' },
        to: { round: 2, phase: 'resolution' },
      },
      { seat: 'china', nickname: 'Ben', from: { round: 2, phase: 'resolution' }, to: null },
      { seat: 'ussr', nickname: null, from: { round: 1, phase: 'news' }, to: null },
    ],
  } as unknown as MatchFileInput;
  const reflection = (round: number, text: string): Reflection => ({
    id: round,
    seat: 'china',
    round,
    phase: 'resolution',
    eventType: 'entrapped',
    text,
    at: round,
  });
  const lines = peopleReport(scenario, file, replay, [
    reflection(1, 'We owed Moscow.'),
    reflection(3, '=cmd|"/c calc"!A1'),
  ]);
  const chinaDecisions = rec.log.filter(
    (c) =>
      'seat' in c && c.seat === 'china' && ['offer', 'answer', 'vote', 'respond'].includes(c.kind),
  );

  it('credits each person with the seats they held and when, bots with nothing', () => {
    const seats = lines.filter((l) => l.kind === 'seat');
    expect(seats.map((l) => [l.person, l.seat, l.round, l.until])).toEqual([
      ['Ana', 'People’s Republic of China', 1, 'round 2, Resolution'],
      ['Ben', 'People’s Republic of China', 2, ''],
    ]);
  });

  it('gives each person the decisions their seat made while they held it', () => {
    expect(chinaDecisions.length).toBeGreaterThan(0);
    const ana = lines.filter((l) => l.person === 'Ana' && l.kind === 'decision');
    const ben = lines.filter((l) => l.person === 'Ben' && l.kind === 'decision');
    expect(ana.length + ben.length).toBeGreaterThan(0);
    // Round 2's Resolution, when the seat changed hands, counts for both.
    const handOver = order({ round: 2, phase: 'resolution' });
    for (const l of ana) expect(order(l)).toBeLessThanOrEqual(handOver);
    for (const l of ben) expect(order(l)).toBeGreaterThanOrEqual(handOver);
    // Every decision China made is someone's.
    const credited = new Set([...ana, ...ben].map((l) => `${l.round} ${l.phase} ${l.text}`));
    expect(credited.size).toBeGreaterThan(0);
    for (const l of [...ana, ...ben]) expect(l.text).not.toMatch(/\{\{|undefined/);
  });

  it('gives each reflection to whoever held the seat then, and the CSV is safe to open', () => {
    const reflections = lines.filter((l) => l.kind === 'reflection');
    expect(reflections.map((l) => [l.person, l.text])).toEqual([
      ['Ana', 'We owed Moscow.'],
      ['Ben', '=cmd|"/c calc"!A1'],
    ]);
    const csv = peopleCsv([...lines, { ...lines[0]!, person: '@Eve' }]);
    expect(csv.split('\r\n')[0]).toBe('person,seat,kind,round,phase,until,what');
    expect(csv).toContain(`"'=cmd|""/c calc""!A1"`);
    expect(csv).toContain("'@Eve,");
    expect(csv).not.toMatch(/(^|,)[=+@]/m);
  });
});
