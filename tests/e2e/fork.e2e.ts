import { Client } from '@colyseus/sdk';
import {
  type Command,
  getScenario,
  openReplay,
  recordRandomMatch,
  scenarioHash,
} from '@entanglement/shared';
import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
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

  /** Selects the seat and gives its answer otherwise (with the Power an honour commits). */
  const changeAnswer = async () => {
    await page.locator('#fork-seat').selectOption(answer.seat);
    const row = page.getByTestId('fork-decisions').locator('li', { hasText: 'Answer to' }).first();
    await row.locator('select').selectOption(instead);
    if (instead === 'honour') {
      await row.locator('input[type=number]').fill('1');
      await row.locator('input[type=number]').dispatchEvent('change');
    }
  };
  /** Lets the bots play on 12 times and waits for the results. */
  const playOn = async () => {
    await page.locator('#fork-runs').fill('12');
    await page.getByTestId('fork-play-on').click();
    await expect
      .poll(() => page.getByTestId('fork-progress').textContent(), { timeout: 120_000 })
      .toContain('12 runs played in');
  };
  await changeAnswer();
  // The engine's preview plays the end of the phase both ways.
  await expect.poll(() => page.getByTestId('fork-preview').textContent()).toContain('In the fork');
  await page.getByTestId('fork-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-1280.png', fullPage: false });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('fork-panel').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-390.png', fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });

  // Bots play on from there, in a Web Worker of this page, with a progress bar: first with the
  // decisions as played, then with the change, the two side by side.
  await page.locator('#fork-seat').selectOption('');
  await playOn();
  await changeAnswer();
  await playOn();
  const outcomes = page.getByTestId('fork-outcomes');
  expect(await outcomes.locator('[data-variant=asPlayed]').count()).toBe(1);
  expect(await outcomes.locator('[data-variant=changed]').count()).toBe(1);
  const table = outcomes.locator('[data-variant=changed] .fork__table tbody tr');
  expect(await table.count()).toBe(replay.finalState().seats.length);
  // Every run plays to the end and has one winner.
  const wins = await table.evaluateAll((rows) =>
    rows.map((r) => Number(r.children[1]!.textContent!.split('/ ')[1]!.split('/')[0])),
  );
  expect(wins.reduce((a, b) => a + b, 0)).toBe(12);
  expect(await page.locator('[data-testid=outcomes-chart] canvas').count()).toBeGreaterThan(0);
  await page.getByTestId('fork-outcomes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-outcomes-1280.png' });
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('fork-outcomes').scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-outcomes-390.png' });
  await page.setViewportSize({ width: 1280, height: 900 });

  const previewText = (await page.getByTestId('fork-preview').textContent()) ?? '';
  expect(previewText).not.toContain('refused');
  await page.locator('#fork-nickname').fill('Teacher');
  await page.getByTestId('fork-start').click();
  await page.waitForURL(/\/match\//, { timeout: 30_000 });
  const roomId = decodeURIComponent(new URL(page.url()).pathname.split('/')[2]!);
  // The teacher is the fork's host, in its lobby, with its own join code.
  await expect.poll(() => page.locator('body').textContent()).toMatch(/[A-Z0-9]{6}/);
  await expect.poll(() => page.getByTestId('lobby-fork').textContent()).toContain(`Fork of ${id}`);
  // As its host: the lobby offers it the Start button.
  await expect.poll(() => page.getByTestId('start').isVisible()).toBe(true);
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

/** A fork made through the API and played to its end by bots, then made public: its id. */
async function finishedFork(from: string, entry: number): Promise<string> {
  const res = await fetch(`${base}/api/matches/${from}/fork`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ entry, reseed: true, timers: { news: 1, diplomacy: 1, resolution: 1 } }),
  });
  const { roomId, code, hostToken } = (await res.json()) as Record<string, string>;
  const room = await new Client(base).joinById(roomId!, { nickname: 'Teacher', code, hostToken });
  let stage = '';
  room.onMessage('*', (type, message: { stage?: string }) => {
    if (type === 'lobby') stage = message.stage ?? stage;
  });
  room.send('host', { action: 'start', token: hostToken });
  const deadline = Date.now() + 90_000;
  while (stage !== 'ended' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await room.leave();
  for (;;) {
    const made = await fetch(`${base}/api/matches/${roomId}/visibility`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${hostToken}`, 'Content-Type': 'application/json' },
      body: JSON.stringify({ public: true }),
    });
    if (made.ok) return roomId!;
    if (Date.now() > deadline) throw new Error('The fork was not archived');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('a finished fork’s replay compares it with the original, seat by seat, from the fork point on', async () => {
  const id = await importedMatch();
  const forkId = await finishedFork(id, 4);
  const teacher = await Person.open(browser, 'teacher', { width: 1280, height: 900 });
  const page = teacher.page;
  await page.goto(`${base}/replay/${forkId}`);
  const compare = page.getByTestId('fork-compare');
  await expect.poll(() => compare.textContent()).toContain(`a fork of ${id}`);
  await expect
    .poll(() => page.getByTestId('fork-compare-body').locator('.fork__table tbody tr').count())
    .toBe(replay.finalState().seats.length);
  await compare.scrollIntoViewIfNeeded();
  await page.screenshot({ path: '/tmp/fork-compare-1280.png' });
  expect(teacher.errors, teacher.errors.join('\n')).toEqual([]);
});
