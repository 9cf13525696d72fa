/**
 * Writes one reference page per shipped scenario, docs/scenarios/<id>.md:
 *   npm run docs:scenarios
 * The pages are generated: change the scenario file, then run this again.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { getScenario, SCENARIO_IDS } from '../src/content/index.ts';
import { describeScenario } from './scenario-doc.ts';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT_DIR = join(ROOT, 'docs', 'scenarios');

mkdirSync(OUT_DIR, { recursive: true });
for (const id of SCENARIO_IDS) {
  const file = join(OUT_DIR, `${id}.md`);
  writeFileSync(file, describeScenario(getScenario(id)));
  console.log(`wrote ${relative(ROOT, file)}`);
}
