import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { LocalPushService } from '../../server/src/testing/push-service.ts';
import { SmtpSink } from '../../server/src/testing/smtp-sink.ts';
import {
  killServer,
  type ServerProcess,
  spawnServer,
} from '../../server/src/testing/spawn-server.ts';
import { launch, Person, SCREENSHOTS } from './browser.ts';

/**
 * Notifications in Chromium, against a server of its own whose push service
 * and mail server are the test's, on 127.0.0.1. Headless Chromium cannot
 * reach a real push service, so only PushManager.prototype.subscribe is
 * replaced: it answers a subscription at the test's push service, with keys
 * the test holds. The real service worker (/sw.js) is registered, and the
 * push the server sent is handed to it through the DevTools protocol, as a
 * push service would.
 */
const push = new LocalPushService();
const smtp = new SmtpSink();
let server: ServerProcess;
let browser: Browser;
let dir = '';

beforeAll(async () => {
  await push.start(4122);
  await smtp.start(4123);
  dir = await mkdtemp(join(tmpdir(), 'entanglement-notify-e2e-'));
  server = await spawnServer(join(dir, 'data'), {
    PORT: '4121',
    PUSH_SERVICES: push.origin,
    SMTP_URL: smtp.url,
    SITE_URL: 'https://game.example.org',
  });
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
  if (server) await killServer(server);
  await push.stop();
  await smtp.stop();
  await rm(dir, { recursive: true, force: true });
});

test('a player turns notifications on from the status bar, is pushed the next phase through the real service worker, and turns them off', async () => {
  const base = server.base;
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana', { width: 390, height: 844 });
  const subscription = push.subscribe('ana');
  await ana.context.grantPermissions(['notifications'], { origin: base });
  await ana.context.addInitScript((json) => {
    const calls: unknown[] = [];
    (window as unknown as { subscribeCalls: unknown[] }).subscribeCalls = calls;
    PushManager.prototype.subscribe = async (options) => {
      calls.push(options?.applicationServerKey ? 'with the server key' : 'without a key');
      return {
        endpoint: json.endpoint,
        expirationTime: null,
        options: options ?? {},
        getKey: () => null,
        toJSON: () => ({ endpoint: json.endpoint, expirationTime: null, keys: json.keys }),
        unsubscribe: async () => true,
      } as unknown as PushSubscription;
    };
  }, subscription.json);

  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByLabel('Phase timers').selectOption('day');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  await ana.page.goto(`${base}/join/${code}`);
  await ana.page.getByLabel('Your name').first().fill('Ana');
  await ana.page.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await host.page.getByTestId('start').click();
  await expect
    .poll(() => ana.page.getByTestId('phase').textContent(), { timeout: 30_000 })
    .toBe('Briefing');

  // The control is in Ana's status bar (she holds a seat), not in the host's (who watches).
  const toggle = ana.page.getByTestId('notify-toggle');
  await expect.poll(() => toggle.textContent()).toBe('Notify me');
  expect(await host.page.getByTestId('notify-toggle').isVisible()).toBe(false);
  await toggle.click();
  await ana.page.getByLabel('Also by e-mail (optional)').fill('ana@example.org');
  await ana.page.screenshot({ path: join(SCREENSHOTS, 'notify-phone.png') });
  await ana.page.getByRole('button', { name: 'Turn on' }).click();
  await expect
    .poll(() => ana.page.locator('.notify__status').textContent())
    .toBe('On: you will be told.');
  expect(await toggle.textContent()).toBe('Notifications: on');
  expect(
    await ana.page.evaluate(
      () => (window as unknown as { subscribeCalls: unknown[] }).subscribeCalls,
    ),
  ).toEqual(['with the server key']);
  // The real service worker is registered and controls nothing it should not: /sw.js at the root.
  const scope = await ana.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(`${base}/`);

  // The server stored it: the next phase is pushed to Ana's subscription and mailed to her.
  await host.page.locator('[data-tab="host"]').click();
  host.page.once('dialog', (dialog) => void dialog.accept());
  await host.page.getByRole('button', { name: 'End this phase now' }).click();
  const pushed = await push.waitFor((p) => p.id === 'ana' && p.payload.phase === 'diplomacy');
  expect(pushed.payload).toMatchObject({ kind: 'phaseStarted', round: 1 });
  expect(pushed.payload.title).toMatch(/has started$/);
  const mail = await smtp.waitFor((m) => m.to.includes('ana@example.org'));
  expect(mail.raw).toContain('https://game.example.org/match/');
  const pass = await ana.page.evaluate(() =>
    Object.keys(localStorage)
      .filter((k) => k.startsWith('entanglement:match:'))
      .map((k) => (JSON.parse(localStorage.getItem(k) ?? '{}') as { seatToken?: string }).seatToken)
      .find(Boolean),
  );
  expect(pass).toBeTruthy();
  expect(pushed.text).not.toContain(pass);
  expect(mail.raw).not.toContain(pass);

  // The push, handed to the real service worker as a push service would: it shows it.
  const cdp = await ana.context.newCDPSession(ana.page);
  const registration = new Promise<string>((resolve) => {
    cdp.on('ServiceWorker.workerRegistrationUpdated', ({ registrations }) => {
      const ours = registrations.find((r: { scopeURL: string }) => r.scopeURL === `${base}/`);
      if (ours) resolve(ours.registrationId);
    });
  });
  await cdp.send('ServiceWorker.enable');
  await cdp.send('ServiceWorker.deliverPushMessage', {
    origin: base,
    registrationId: await registration,
    data: pushed.text,
  });
  const shown = () =>
    ana.page.evaluate(async () =>
      (await (await navigator.serviceWorker.ready).getNotifications()).map((n) => ({
        title: n.title,
        body: n.body,
        tag: n.tag,
        url: (n.data as { url?: string } | null)?.url,
      })),
    );
  await expect.poll(async () => (await shown()).length).toBe(1);
  const [notification] = await shown();
  expect(notification).toEqual({
    title: pushed.payload.title,
    body: pushed.payload.body,
    tag: pushed.payload.tag,
    url: pushed.payload.url,
  });

  await ana.page.setViewportSize({ width: 1280, height: 800 });
  await toggle.click();
  await toggle.click();
  await ana.page.screenshot({ path: join(SCREENSHOTS, 'notify-wide.png') });
  await ana.page.getByRole('button', { name: 'Turn off' }).click();
  await expect
    .poll(() => ana.page.locator('.notify__status').textContent())
    .toBe('Off: nothing more is sent.');
  expect(await toggle.textContent()).toBe('Notify me');

  // In Chinese, on the phone.
  await ana.page.setViewportSize({ width: 390, height: 844 });
  await ana.page.getByRole('button', { name: '中文' }).click();
  await expect.poll(() => toggle.textContent()).toBe('提醒我');
  if (!(await ana.page.locator('.notify').getAttribute('open'))) await toggle.click();
  await expect.poll(() => ana.page.getByRole('button', { name: '开启' }).isVisible()).toBe(true);
  await ana.page.screenshot({ path: join(SCREENSHOTS, 'notify-phone-zh.png') });

  const errors = [...host.errors, ...ana.errors];
  expect(errors, errors.join('\n')).toEqual([]);
});
