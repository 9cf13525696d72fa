import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const people: Person[] = [];
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

async function person(name: string, viewport?: { width: number; height: number }) {
  const p = await Person.open(browser, name, viewport);
  people.push(p);
  return p;
}

test('the home page switches to Chinese, keeps the choice, and a match is played in it', async () => {
  const phone = await person('phone', { width: 390, height: 844 });
  await phone.page.goto(base);
  await expect.poll(() => phone.page.locator('html').getAttribute('lang')).toBe('en');
  await phone.page.getByRole('button', { name: '中文' }).click();
  await expect.poll(() => phone.page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await expect.poll(() => phone.page.locator('#join-title').textContent()).toBe('加入对局');
  await expect.poll(() => phone.page.getByTestId('learn').textContent()).toBe('学习玩法');
  // The scenario's own text stays English, marked as such.
  await expect.poll(() => phone.page.locator('.hint[lang="en"]').count()).toBe(1);
  await phone.screenshot('language-zh-390.png');

  // The choice is kept on this browser.
  await phone.page.reload();
  await expect.poll(() => phone.page.locator('#join-title').textContent()).toBe('加入对局');

  // Host a match in Chinese: the lobby speaks Chinese; switching back keeps the connection.
  await phone.page.getByLabel('你的名字').nth(1).fill('Ms Rivera');
  await phone.page.getByLabel('剧本').selectOption('tutorial-1950');
  await phone.page.getByRole('button', { name: '创建对局' }).click();
  const code = (await phone.page.getByTestId('join-code').textContent())?.trim() ?? '';
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{6}$/);
  await expect.poll(() => phone.page.getByTestId('start').textContent()).toBe('开始对局');
  await phone.page.getByRole('button', { name: 'English' }).click();
  await expect.poll(() => phone.page.getByTestId('start').textContent()).toBe('Start the match');
  expect(await phone.page.getByTestId('join-code').textContent()).toBe(code);

  // A browser whose language is Chinese starts in Chinese without any choice.
  const context = await browser.newContext({
    viewport: { width: 1280, height: 800 },
    locale: 'zh-CN',
  });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(base);
  await expect.poll(() => page.locator('html').getAttribute('lang')).toBe('zh-CN');
  await expect.poll(() => page.locator('#create-title').textContent()).toBe('主持对局');
  await page.screenshot({ path: `${process.env.SHOT_DIR ?? '/tmp'}/language-zh-1280.png` });
  await context.close();
  expect(errors).toEqual([]);

  const all = people.flatMap((p) => p.errors);
  expect(all, all.join('\n')).toEqual([]);
});
