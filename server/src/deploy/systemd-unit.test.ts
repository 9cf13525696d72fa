import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { describeWithServices } from '../testing/service-suite.ts';
import { findOnPath, freePort } from '../testing/services.ts';
import { readServiceSection, UNIT_FILE } from './unit-file.ts';

/**
 * deploy/systemd/entanglement.service, as docs/deploy.md installs it: systemd
 * accepts every line of it, and its ExecStart, run with its environment from
 * a checkout, serves the game and stops cleanly on the SIGTERM systemd sends.
 * (systemd itself is not PID 1 here, so the unit is not started by it.)
 */
const analyze = findOnPath('systemd-analyze');

describeWithServices(
  'systemd unit',
  analyze ? null : 'systemd-analyze was not found on PATH (Debian: apt-get install systemd)',
  'the shipped systemd unit',
  () => {
    test('systemd-analyze verify accepts it without a warning', () => {
      const result = spawnSync(analyze!, ['verify', UNIT_FILE], { encoding: 'utf8' });
      expect(`${result.stdout}${result.stderr}`.trim()).toBe('');
      expect(result.status).toBe(0);
    });

    test('it restarts on failure, keeps its data in its state directory and writes nowhere else', () => {
      const { keys, environment } = readServiceSection();
      expect(keys.Restart).toBe('on-failure');
      expect(keys.StateDirectory).toBe('entanglement');
      expect(environment.DATA_DIR).toBe('/var/lib/entanglement');
      expect(keys.ProtectSystem).toBe('strict');
      expect(keys.EnvironmentFile).toBe('-/etc/entanglement/entanglement.env');
      expect(environment.TRUST_PROXY).toBe('loopback');
    });

    describe('its ExecStart from this checkout', () => {
      let dir = '';
      beforeAll(async () => {
        dir = await mkdtemp(join(tmpdir(), 'entanglement-unit-'));
      });
      afterAll(async () => {
        await rm(dir, { recursive: true, force: true });
      });

      test('serves the game, and the SIGTERM systemd sends its process group stops it cleanly', async () => {
        const { execStart, environment } = readServiceSection();
        const port = await freePort();
        // What /etc/entanglement/entanglement.env would override on a real machine.
        const env = { ...process.env, ...environment, PORT: String(port), DATA_DIR: dir };
        const [command, ...args] = execStart;
        const child = spawn(command!, args, {
          cwd: REPO_ROOT,
          env,
          detached: true,
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (c: Buffer) => {
          output += c.toString();
        });
        child.stderr.on('data', (c: Buffer) => {
          output += c.toString();
        });
        const exited = new Promise<string>((resolve) =>
          child.once('exit', (code, signal) => resolve(signal ?? String(code))),
        );
        try {
          const deadline = Date.now() + 90_000;
          let health = 0;
          while (health !== 200) {
            if (child.exitCode !== null) throw new Error(`ExecStart exited early:\n${output}`);
            if (Date.now() > deadline) throw new Error(`No answer on port ${port}:\n${output}`);
            health = await fetch(`http://127.0.0.1:${port}/api/health`).then(
              (r) => r.status,
              () => 0,
            );
            if (health !== 200) await new Promise((r) => setTimeout(r, 200));
          }
          expect(output).toContain(join(dir, 'entanglement.sqlite'));
        } finally {
          process.kill(-child.pid!, 'SIGTERM');
        }
        // systemd counts an exit by SIGTERM as a clean stop of the main process (npm's launcher).
        expect(['0', 'SIGTERM'], output).toContain(await exited);
        // The server itself closed its store: SQLite folds and removes the write-ahead log on the last close.
        const deadline = Date.now() + 30_000;
        while (existsSync(join(dir, 'entanglement.sqlite-wal')) && Date.now() < deadline)
          await new Promise((r) => setTimeout(r, 100));
        expect(existsSync(join(dir, 'entanglement.sqlite-wal')), output).toBe(false);
        expect(existsSync(join(dir, 'entanglement.sqlite'))).toBe(true);
      });
    });
  },
);
