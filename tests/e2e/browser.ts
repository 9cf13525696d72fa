import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';

/** Screenshots of the browser tests: looked at by people, never committed (git-ignored). */
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (see tests/e2e/run.ts).');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/**
 * One person in their own browser context (own storage, like their own
 * device). Every console error and page error is collected: a test fails on
 * any of them.
 */
export class Person {
  readonly errors: string[] = [];
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;

  private constructor(name: string, context: BrowserContext, page: Page) {
    this.name = name;
    this.context = context;
    this.page = page;
    page.on('console', (message) => {
      if (message.type() === 'error') this.errors.push(`${name} console: ${message.text()}`);
    });
    page.on('pageerror', (error) => this.errors.push(`${name} page error: ${error.message}`));
  }

  static async open(
    browser: Browser,
    name: string,
    viewport = { width: 1280, height: 800 },
  ): Promise<Person> {
    const context = await browser.newContext({ viewport });
    return new Person(name, context, await context.newPage());
  }

  async screenshot(file: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, file) });
  }
}
