import {
  type Command,
  getScenario,
  openReplay,
  recordRandomMatch,
  scenarioHash,
} from '@entanglement/shared';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, inject, test } from 'vitest';
import { launch, Person } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

beforeAll(async () => {
  browser = await launch();
});

afterAll(async () => {
  await browser?.close();
});

const recorded = recordRandomMatch('main', { rounds: 4 }, 'fork-e2e');
const replay = openReplay(recorded);

/** The recorded match imported and made public, so the test's pages read it: its id. */
async function importedMatch(): Promise<string> {
  const final = replay.finalState();
  const file = {
    format: 'entanglement-match',
    version: 1,
    id: 'fork-e2e',
    scenarioId: 'main',
    scenarioHash: scenarioHash(getScenario('main')),
    rulesVersion: recorded.rulesVersion,
    seed: recorded.seed,
    settings: recorded.settings,
    seats: final.seats.map((seat) => ({ seat, nickname: `N ${seat}`, kind: 'bot' })),
    commands: recorded.log,
    chat: [],
    phaseHashes: recorded.phaseHashes,
    createdAt: 1,
    finishedAt: 2,
    winner: null,
    rounds: final.round,
  };
  const res = await fetch(`${base}/api/matches/import`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(file),
  });
  const { id, hostToken } = (await res.json()) as { id: string; hostToken: string };
  const made = await fetch(`${base}/api/matches/${id}/visibility`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${hostToken}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ public: true }),
  });
  if (!made.ok) throw new Error(`Could not make the match public: ${made.status}`);
  return id;
}

test('the teacher forks a replay at a crisis call, changes one seat’s answer, sees the preview and opens the fork’s lobby', async () => {
  const id = await importedMatch();
  // A phase where a seat answered a crisis call by honouring or hedging.
  const entry = replay.timeline.find((e) =>
    recorded.log
      .slice(e.startStep, e.endStep)
      .some((c) => c.kind === 'answer' && ['honour', 'hedge'].includes(c.answer.kind)),
  )!;
  expect(entry).toBeDefined();
  const answer = recorded.log
    .slice(entry.startStep, entry.endStep)
    .find((c): c is Extract<Command, { kind: 'answer' }> => c.kind === 'answer')!;
  const instead = answer.answer.kind === 'hedge' ? 'honour' : 'hedge';

  const teacher = await Person.open(browser, 'teacher', { width: 1280, height: 900 });
  const page = teacher.page;
  await page.goto(`${base}/replay/${id}`);
  await page.getByTestId('scrubber').fill(String(entry.index));
  await expect
    .poll(() => page.getByTestId('fork-moment').textContent())
    .toContain(`Round ${entry.round}`);

  await page.locator('#fork-seat').selectOption(answer.seat);
  const row = page.getByTestId('fork-decisions').locator('li', { hasText: 'Answer to' }).first();
  await row.locator('select').selectOption(instead);
  if (instead === 'honour') {
    await row.locator('input[type=number]').fill('1');
    await row.locator('input[type=number]').dispatchEvent('change');
  }
  // The engine's preview plays the end of the phase both ways.
  await expect.poll(() => page.getByTestId('fork-preview').textContent()).toContain('In the fork');
  await page.getByTestId('fork-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-1280.png', fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('fork-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-390.png', fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  const previewText = (await page.getByTestId('fork-preview').textContent()) ?? '';
  expect(previewText).not.toContain('refused');
  await page.locator('#fork-nickname').fill('Teacher');
  await page.getByTestId('fork-start').click();
  await page.waitForURL(/\/match\//, { timeout: 30_000 });
  const roomId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
  // The teacher is the fork's host, in its lobby, with its own join code.
  await expect.poll(() => page.locator('body').textContent()).toMatch(/[A-Z0-9]{6}/);
  await page.screenshot({ path: '/tmp/fork-lobby-1280.png' });
  const credentials = await page.evaluate(
    (room) =>
      Object.entries(localStorage)
        .filter(([k]) => k.includes(room))
        .map(([, v]) => v)
        .join(''),
    roomId,
  );
  expect(credentials).toContain('hostToken');
  // The join code on the screen opens this very room.
  const code = (await page.locator('body').textContent())!.match(/\/join\/([A-Z0-9]{6})/)![1]!;
  const found = (await (await fetch(`${base}/api/join/${code}`)).json()) as { roomId: string };
  expect(found.roomId).toBe(roomId);
  expect(teacher.errors, teacher.errors.join('\n')).toEqual([]);
});
