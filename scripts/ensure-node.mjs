#!/usr/bin/env node
// Runs a command with a Node.js the project can use (22.13 or newer) first on
// PATH. Plain JavaScript on purpose: it must run on the older Node a machine
// may have, and bring the newer one itself.
//
//   node scripts/ensure-node.mjs npm run serve   runs the command
//   node scripts/ensure-node.mjs --bin           prints the folder of that node
//
// When the machine's own node is older, it installs the npm package
// node-<platform>-<arch>@24 (the binary ships inside it, no install script)
// into .node/ in the checkout (git-ignored) and uses that. When it cannot, it
// says in one sentence what to install, and exits 1.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { delimiter, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const NEED = [22, 13];
const FETCH_MAJOR = 24;
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

function newEnough(version) {
  const [major, minor] = version.replace(/^v/, '').split('.').map(Number);
  return major > NEED[0] || (major === NEED[0] && minor >= NEED[1]);
}

function fail(reason) {
  console.error(
    `Entanglement needs Node.js ${NEED.join('.')} or newer (24 LTS recommended); ${reason}. ` +
      'Install Node.js 24 from https://nodejs.org (or with your package manager, nvm or fnm) and run the command again.',
  );
  process.exit(1);
}

/** The folder of a node binary the project can use, installing one into .node/ if needed. */
function nodeBin() {
  if (newEnough(process.version)) return dirname(process.execPath);
  const here = `this machine has ${process.version}`;
  if (!['linux', 'darwin'].includes(process.platform) || !['x64', 'arm64'].includes(process.arch))
    fail(`${here} and the project cannot fetch one for ${process.platform}-${process.arch}`);
  const pkg = `node-${process.platform}-${process.arch}`;
  const bin = join(root, '.node', 'node_modules', pkg, 'bin');
  if (!existsSync(join(bin, 'node'))) {
    console.error(`${here}: fetching ${pkg}@${FETCH_MAJOR} into .node/ (once).`);
    mkdirSync(join(root, '.node'), { recursive: true });
    const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
    const got = spawnSync(
      npm,
      [
        'install',
        '--prefix',
        join(root, '.node'),
        '--no-save',
        '--no-audit',
        '--no-fund',
        '--no-package-lock',
        '--loglevel=error',
        `${pkg}@${FETCH_MAJOR}`,
      ],
      { stdio: 'ignore' },
    );
    if (got.status !== 0 || !existsSync(join(bin, 'node')))
      fail(`${here} and fetching ${pkg}@${FETCH_MAJOR} from the npm registry failed`);
  }
  const check = spawnSync(join(bin, 'node'), ['--version'], { encoding: 'utf8' });
  if (check.status !== 0 || !newEnough(check.stdout.trim()))
    fail(`${here} and the Node.js fetched into .node/ does not run here`);
  return bin;
}

const args = process.argv.slice(2);
const bin = nodeBin();
if (args[0] === '--bin') {
  console.log(bin);
  process.exit(0);
}
if (args.length === 0) fail('no command was given to run with it');
const run = spawnSync(args[0], args.slice(1), {
  stdio: 'inherit',
  env: { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` },
  shell: process.platform === 'win32',
});
if (run.error) {
  console.error(`Could not run ${args[0]}: ${run.error.message}`);
  process.exit(1);
}
process.exit(run.status ?? 1);
