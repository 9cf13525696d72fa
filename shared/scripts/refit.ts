/**
 * Refits a scenario's goals and pars after a rule change, every dimension in
 * turn, then checks the fit on a second seed (docs/balance.md, "Refitting"):
 *   npm run balance:refit -- --scenario main [--games 1000] [--seed 1] [--check 2]
 * 1. the base values: the default rounds, every seat (`balance --fit --write`);
 * 2. `byRounds` anchors at the scenario's fewest rounds, at 6 and at its most;
 * 3. `bySeats` anchors at its fewest seats;
 * then, on the fitting seed and the check seed, at 4, 6 and the default rounds:
 * how many goals have a threshold outside the bots' p10–p90 and which
 * factions win outside half to double their fair share.
 * Each step is `npm run balance` with the flags printed, so any one of them
 * can be run again by hand.
 */
import { spawnSync } from 'node:child_process';
import { parseArgs } from 'node:util';
import { getScenario } from '../src/content/index.ts';
import { fullSeatCount } from '../src/goals.ts';

const { values: args } = parseArgs({
  options: {
    scenario: { type: 'string', default: 'main' },
    games: { type: 'string', default: '1000' },
    seed: { type: 'string', default: '1' },
    check: { type: 'string', default: '2' },
    'check-only': { type: 'boolean', default: false },
  },
});
const scenario = getScenario(args.scenario!);
const { min, max, default: r0 } = scenario.rounds;
const full = fullSeatCount(scenario);
const fewestSeats = scenario.seats.required.length + scenario.seats.minOptional;

function balance(flags: string[]): string {
  const all = ['--scenario', scenario.id, '--games', args.games!, ...flags];
  console.log(`npm run balance -- ${all.join(' ')}`);
  const run = spawnSync('npx', ['tsx', 'shared/scripts/balance.ts', ...all], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) {
    process.stderr.write(run.stderr);
    throw new Error(`balance ${all.join(' ')} failed (exit ${run.status})`);
  }
  return run.stdout;
}

const unique = (xs: number[]) => [...new Set(xs)].filter((x) => x >= min && x <= max);

if (!args['check-only']) {
  balance(['--seed', args.seed!, '--fit', '--write']);
  for (const rounds of unique([min, 6, max]).filter((r) => r !== r0))
    balance(['--seed', args.seed!, '--rounds', String(rounds), '--fit', '--write']);
  if (fewestSeats < full)
    balance(['--seed', args.seed!, '--seats', String(fewestSeats), '--fit', '--write']);
  spawnSync('npx', ['biome', 'format', '--write', `shared/scenarios/${scenario.id}.json`], {
    stdio: 'ignore',
  });
}

const rows: string[] = [];
for (const seed of [args.seed!, args.check!])
  for (const rounds of unique([4, 6, r0])) {
    const out = balance(['--seed', seed, '--rounds', String(rounds), '--goals']);
    const outside = out.split('\n').filter((l) => /\| NO \|/.test(l)).length;
    const band = out.match(/Outside half to double the fair share: (.*)/)?.[1] ?? 'none';
    rows.push(`| ${seed} | ${rounds} | ${full} | ${outside} | ${band} |`);
  }
console.log('\n| seed | rounds | seats | goals outside p10–p90 | factions outside ½–2× fair |');
console.log('| --- | --- | --- | --- | --- |');
for (const row of rows) console.log(row);
