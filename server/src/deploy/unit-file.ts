import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO_ROOT } from '../config.ts';

/** The service unit docs/deploy.md ships: the tests read this file itself. */
export const UNIT_FILE = join(REPO_ROOT, 'deploy', 'systemd', 'entanglement.service');

/** What a systemd service unit's [Service] section says to run, as far as a test can act on it. */
export interface ServiceSection {
  execStart: string[];
  environment: Record<string, string>;
  /** Every `Key=value` of the section, the last one of a key winning (Environment aside). */
  keys: Record<string, string>;
}

/** Reads the [Service] section: ExecStart split on spaces (the shipped unit quotes nothing), Environment= pairs. */
export function readServiceSection(file = UNIT_FILE): ServiceSection {
  const environment: Record<string, string> = {};
  const keys: Record<string, string> = {};
  let section = '';
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line.startsWith(';')) continue;
    const header = /^\[(.+)\]$/.exec(line);
    if (header) {
      section = header[1]!;
      continue;
    }
    if (section !== 'Service') continue;
    const eq = line.indexOf('=');
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    if (key === 'Environment') {
      const inner = value.indexOf('=');
      environment[value.slice(0, inner)] = value.slice(inner + 1);
    } else keys[key] = value;
  }
  const execStart = (keys.ExecStart ?? '').split(/\s+/).filter(Boolean);
  return { execStart, environment, keys };
}
