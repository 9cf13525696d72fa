import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from '@colyseus/sdk';
import {
  describeEvent,
  getScenario,
  type MatchFileInput,
  openReplay,
  PHASE_NAMES,
} from '@entanglement/shared';
import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { chatEntries } from '../../client/src/replay/chat-timeline.ts';
import { createMatch } from '../../server/src/rooms/test-clients.ts';
import { Person, useSuiteBrowser } from './browser.ts';

let browser: Browser;
const base = inject('baseUrl');

useSuiteBrowser((launched) => {
  browser = launched;
});

/** A whole main-scenario match played by bots on 1-second timers; resolves with its id once archived. */
async function finishedMatch(): Promise<string> {
  const created = await createMatch(base, {
    scenario: 'main',
    nickname: 'Teacher',
    rounds: 4,
    timers: { news: 1, diplomacy: 1, resolution: 1 },
  });
  const token = created.hostToken;
  const room = await new Client(base).joinById(created.roomId, {
    nickname: 'Teacher',
    code: created.code,
    hostToken: token,
  });
  let stage = '';
  room.onMessage('*', (type, message: { stage?: string }) => {
    if (type === 'lobby') stage = message.stage ?? stage;
  });
  room.send('host', { action: 'start', token });
  // A line of chat during play, which the replay places in its phase.
  await new Promise((r) => setTimeout(r, 1500));
  room.send('chat', { channel: 'public', token, text: 'Remember who signed the treaty.' });
  const deadline = Date.now() + 60_000;
  while (stage !== 'ended' && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  await room.leave();
  for (;;) {
    const auth = { headers: { Authorization: `Bearer ${token}` } };
    if ((await fetch(`${base}/api/matches/${room.roomId}`, auth)).ok) {
      // Archives are private: the host makes this one public, so the test's pages read it.
      const made = await fetch(`${base}/api/matches/${room.roomId}/visibility`, {
        method: 'POST',
        headers: { ...auth.headers, 'Content-Type': 'application/json' },
        body: JSON.stringify({ public: true }),
      });
      if (!made.ok) throw new Error(`Could not make the match public: ${made.status}`);
      return room.roomId;
    }
    if (Date.now() > deadline) throw new Error('The match was not archived');
    await new Promise((r) => setTimeout(r, 200));
  }
}

test('the replay viewer scrubs to a chosen phase and shows what the engine says happened there', async () => {
  const id = await finishedMatch();
  const file = (await (await fetch(`${base}/api/matches/${id}`)).json()) as MatchFileInput;
  const replay = openReplay({ ...file, log: file.commands });
  const scenario = getScenario('main');
  // A phase in the middle with something in its account.
  const chosen = replay.timeline.findIndex(
    (_entry, i) => i >= replay.timeline.length / 2 && replay.eventsAt(i).length > 0,
  );
  expect(chosen).toBeGreaterThan(0);
  const entry = replay.timeline[chosen]!;

  const teacher = await Person.open(browser, 'teacher', { width: 1440, height: 900 });
  const page = teacher.page;
  await page.goto(`${base}/archive`);
  await page.locator(`a[href="/replay/${id}"]`).click();
  await page.getByTestId('scrubber').fill(String(chosen));
  await expect
    .poll(() => page.getByTestId('moment').textContent())
    .toContain(`Round ${entry.round}`);
  expect(await page.getByTestId('moment').textContent()).toContain(PHASE_NAMES[entry.phase]);

  const shown = (await page.getByTestId('replay-account').textContent()) ?? '';
  for (const e of replay.eventsAt(chosen))
    expect(shown).toContain(describeEvent(scenario, e.event));

  // From one seat: its private events of that phase only.
  const seat = file.seats[0]!.seat;
  await page.locator('#replay-seat').selectOption(seat);
  const mine = (await page.getByTestId('replay-account').textContent()) ?? '';
  const texts = replay.eventsAt(chosen).map((e) => ({
    text: describeEvent(scenario, e.event),
    seen: !e.event.visibleTo || e.event.visibleTo.includes(seat),
  }));
  for (const { text, seen } of texts) {
    if (seen) expect(mine).toContain(text);
    else if (!texts.some((t) => t.seen && t.text === text)) expect(mine).not.toContain(text);
  }

  // The chat line is shown in the phase it was sent in.
  expect(file.commandTimes?.length).toBe(file.commands.length);
  const [chatEntry] = chatEntries(
    replay.timeline,
    file.commandTimes,
    file.chat.map((c) => c.at),
  );
  expect(chatEntry).not.toBeNull();
  await page.locator('#replay-seat').selectOption('');
  await page.getByTestId('scrubber').fill(String(chatEntry));
  await expect
    .poll(() => page.getByTestId('phase-chat').textContent())
    .toContain('Remember who signed the treaty.');

  await page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await expect
    .poll(() => page.locator('[data-testid=track-chart] canvas').count())
    .toBeGreaterThan(0);
  await teacher.screenshot('replay.png');
  expect(teacher.errors, teacher.errors.join('\n')).toEqual([]);
});

test('a match file imports through the archive page, replays, and its importer pins a note; a tampered file is refused', async () => {
  const id = await finishedMatch();
  const file = (await (await fetch(`${base}/api/matches/${id}`)).json()) as MatchFileInput;
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-import-'));
  const good = join(dir, 'match.json');
  const bad = join(dir, 'tampered.json');
  await writeFile(good, JSON.stringify(file));
  const tampered = structuredClone(file);
  tampered.phaseHashes[1]!.hash = '0000000000000000';
  await writeFile(bad, JSON.stringify(tampered));

  const teacher = await Person.open(browser, 'teacher', { width: 1280, height: 900 });
  const page = teacher.page;
  await page.goto(`${base}/archive`);
  await page.locator('#import-file').setInputFiles(bad);
  await page.getByRole('button', { name: 'Import and replay' }).click();
  await expect
    .poll(() => page.locator('.archive [role=status]').textContent())
    .toMatch(/Not imported: .*round \d+/);
  // The browser's own log of the refused request is expected here, and only here.
  teacher.errors.splice(0);

  await page.locator('#import-file').setInputFiles(good);
  await page.getByRole('button', { name: 'Import and replay' }).click();
  await page.waitForURL(/\/replay\//);
  expect(page.url()).not.toContain(id);
  await page.getByTestId('scrubber').fill('2');
  await page.getByLabel('Note for this moment').fill('Here Russia pressed: ask the class why.');
  await page.getByRole('button', { name: 'Pin a note here' }).click();
  await expect.poll(() => page.getByTestId('notes').textContent()).toContain('ask the class why');
  await page.reload();
  await page.getByTestId('scrubber').fill('2');
  await expect.poll(() => page.getByTestId('notes').textContent()).toContain('ask the class why');
  await rm(dir, { recursive: true, force: true });
  expect(teacher.errors, teacher.errors.join('\n')).toEqual([]);
});
