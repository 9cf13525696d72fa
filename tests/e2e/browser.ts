import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';
import { CHROMIUM_ARGS, chromiumPath } from './chromium.ts';

/** Screenshots of the browser tests: looked at by people, never committed (git-ignored). */
export const SCREENSHOTS = join(import.meta.dirname, 'screenshots');

export async function launch(): Promise<Browser> {
  const executablePath = chromiumPath();
  if (!executablePath) throw new Error('Chromium is not installed (see tests/e2e/run.ts).');
  return chromium.launch({ executablePath, args: CHROMIUM_ARGS });
}

/** One Chromium for a test file: launched before its tests (handed to `use`), closed after them. */
export function useSuiteBrowser(use: (browser: Browser) => void): void {
  let launched: Browser | undefined;
  beforeAll(async () => {
    launched = await launch();
    use(launched);
  });
  afterAll(async () => {
    await launched?.close();
  });
}

/** A console or page error, when it came and the address of what failed (if the browser names one). */
export interface LoggedError {
  at: number;
  text: string;
  url: string;
}

/** A deliberate outage: the server at `origin` is down from `from` to `to` (epoch ms). */
export interface Outage {
  from: number;
  to: number;
  origin: string;
}

/**
 * What a browser logs when the server it talks to is down, exactly: a
 * request refused, reset or left without a response, or a download cut off
 * by the kill (fewer bytes than announced, a chunked body never ended)
 * (net::ERR_…); during a
 * failover, nginx's 502/503 while no process answers and Colyseus's
 * matchmaking answering 522 (no such room: not taken over yet) or 523 (the
 * process that held it does not answer); and a WebSocket that cannot
 * connect — each about the server's own address.
 */
function outageMessage(e: LoggedError, origin: string): boolean {
  const ws = origin.replace(/^http/, 'ws');
  if (e.text.startsWith(`WebSocket connection to '${ws}/`) && /failed/.test(e.text)) return true;
  if (!e.url.startsWith(origin)) return false;
  return (
    /^Failed to load resource: net::ERR_(CONNECTION_REFUSED|CONNECTION_RESET|EMPTY_RESPONSE|CONTENT_LENGTH_MISMATCH|INCOMPLETE_CHUNKED_ENCODING)$/.test(
      e.text,
    ) ||
    /^Failed to load resource: the server responded with a status of 5(0[23]|2[23]) /.test(e.text)
  );
}

/**
 * One person in their own browser context (own storage, like their own
 * device). Every console error and page error is collected: a test fails on
 * any of them, except — when it causes one on purpose — what the browser says
 * of the outage while it lasts (`unexpectedErrors`).
 */
export class Person {
  readonly errors: string[] = [];
  readonly logged: LoggedError[] = [];
  readonly name: string;
  readonly context: BrowserContext;
  readonly page: Page;

  private constructor(name: string, context: BrowserContext, page: Page) {
    this.name = name;
    this.context = context;
    this.page = page;
    page.on('console', (message) => {
      if (message.type() !== 'error') return;
      this.errors.push(`${name} console: ${message.text()}`);
      this.logged.push({ at: Date.now(), text: message.text(), url: message.location().url });
    });
    page.on('pageerror', (error) => {
      this.errors.push(`${name} page error: ${error.message}`);
      this.logged.push({ at: Date.now(), text: error.message, url: '' });
    });
  }

  static async open(
    browser: Browser,
    name: string,
    viewport = { width: 1280, height: 800 },
  ): Promise<Person> {
    const context = await browser.newContext({ viewport });
    return new Person(name, context, await context.newPage());
  }

  /** Every error but the outage's own messages, logged while it lasted (a second's grace after). */
  unexpectedErrors(outage: Outage): string[] {
    return this.logged
      .filter(
        (e) =>
          !(e.at >= outage.from && e.at <= outage.to + 1000 && outageMessage(e, outage.origin)),
      )
      .map((e) => `${this.name}: ${e.text}${e.url ? ` (${e.url})` : ''}`);
  }

  async screenshot(file: string): Promise<void> {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await this.page.screenshot({ path: join(SCREENSHOTS, file) });
  }
}
