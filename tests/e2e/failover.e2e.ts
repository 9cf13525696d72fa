import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { missingNginx, type NginxService, startNginx } from '../../server/src/testing/nginx.ts';
import { describeWithServices } from '../../server/src/testing/service-suite.ts';
import {
  freePort,
  missingPostgres,
  missingRedis,
  type PostgresService,
  type Service,
  startPostgres,
  startRedis,
} from '../../server/src/testing/services.ts';
import {
  killServer,
  type ServerProcess,
  spawnServer,
} from '../../server/src/testing/spawn-server.ts';
import { launch, Person } from './browser.ts';

describeWithServices(
  'Failover browser',
  missingRedis() ?? missingPostgres() ?? missingNginx(),
  'two processes behind nginx (deploy/nginx/entanglement.conf)',
  () => {
    let browser: Browser;
    let dir: string;
    let redis: Service;
    let postgres: PostgresService;
    let nginx: NginxService;
    const servers = new Map<'a' | 'b', ServerProcess>();

    beforeAll(async () => {
      [browser, redis, postgres] = await Promise.all([launch(), startRedis(), startPostgres()]);
      dir = await mkdtemp(join(tmpdir(), 'entanglement-e2e-failover-'));
      const [portA, portB, front] = [await freePort(), await freePort(), await freePort()];
      for (const [name, port] of [
        ['a', portA],
        ['b', portB],
      ] as const) {
        servers.set(
          name,
          await spawnServer(join(dir, name), {
            PORT: String(port),
            REDIS_URL: redis.url,
            DATABASE_URL: postgres.url,
            PUBLIC_ADDRESS: `127.0.0.1:${front}/p/${name}`,
          }),
        );
      }
      nginx = await startNginx(front, [portA, portB]);
    }, 90_000);

    afterAll(async () => {
      await browser?.close();
      await nginx?.stop();
      for (const server of servers.values()) await killServer(server);
      await Promise.all([redis?.stop(), postgres?.stop()]);
      await rm(dir, { recursive: true, force: true });
    });

    test('kill -9 of the process holding the match: the page comes back to the same seat and phase on the other, by itself', async () => {
      const teacher = await Person.open(browser, 'teacher');
      const page = teacher.page;
      const sockets: string[] = [];
      page.on('websocket', (ws) => sockets.push(ws.url()));

      await page.goto(nginx.base);
      await page.getByLabel('Your name').nth(1).fill('Ms Rivera');
      await page.getByLabel('Scenario').selectOption('tutorial-1950');
      await page.getByRole('button', { name: 'Create the match' }).click();
      await page
        .locator('[data-seat="china"]')
        .getByRole('button', { name: 'Take this seat' })
        .click();
      await page.getByTestId('start').click();
      await expect.poll(() => page.getByTestId('phase').textContent()).toBe('Briefing');
      const matchUrl = page.url();

      // The match's socket goes through nginx to the process that holds it.
      const holder = /\/p\/([ab])\//.exec(sockets.at(-1) ?? '')?.[1] as 'a' | 'b' | undefined;
      expect(holder, sockets.join('\n')).toBeDefined();
      const other = holder === 'a' ? 'b' : 'a';

      const killedAt = Date.now();
      await killServer(servers.get(holder!)!);
      await expect
        .poll(() => page.locator('.banner').textContent(), { timeout: 15_000 })
        .toContain('Connection lost');

      // Nobody clicks anything: the page finds the match again on the other process.
      await expect.poll(() => page.locator('.banner').isVisible(), { timeout: 30_000 }).toBe(false);
      const backAt = Date.now();
      const back = backAt - killedAt;
      console.log(`Failover in the browser: the page was back ${back} ms after kill -9.`);
      expect(page.url()).toBe(matchUrl);
      expect(sockets.at(-1)).toContain(`/p/${other}/`);
      await expect.poll(() => page.getByTestId('phase').textContent()).toBe('Briefing');
      await expect
        .poll(() => page.locator('.status-bar__seat').textContent())
        .toContain('People’s Republic of China');
      expect(servers.get(other)!.output()).toMatch(/Took over match/);
      await teacher.screenshot('after-failover.png');

      const unexpected = teacher.unexpectedErrors({
        from: killedAt,
        to: backAt,
        origin: new URL(page.url()).origin,
      });
      expect(unexpected, unexpected.join('\n')).toEqual([]);
    }, 120_000);
  },
);
