import { readFile, writeFile } from 'node:fs/promises';
import type { Browser } from 'playwright-core';
import { expect, inject, test } from 'vitest';
import { Person, useSuiteBrowser } from './browser.ts';
import { matchOver, phaseOf, skipPhase } from './every-page.ts';

let browser: Browser;
const base = inject('baseUrl');
const LABEL = 'Class 9B · period 3';
/** A nickname a spreadsheet would run as a formula if the CSV let it. */
const PLAYER = '=Ana+1';

useSuiteBrowser((launched) => {
  browser = launched;
});

test('a teacher labels a match, filters the archive by label, and exports each person’s seats, decisions and reflections as CSV and in the printed report', async () => {
  const host = await Person.open(browser, 'host');
  const ana = await Person.open(browser, 'ana', { width: 390, height: 844 });
  host.page.on('dialog', (dialog) => void dialog.accept());
  await host.page.goto(base);
  await host.page.getByLabel('Your name').nth(1).fill('Ms Rivera');
  await host.page.getByLabel('Scenario').selectOption('tutorial-1950');
  await host.page.getByRole('button', { name: 'Create the match' }).click();
  const code = (await host.page.getByTestId('join-code').textContent())?.trim() ?? '';
  await ana.page.goto(`${base}/join/${code}`);
  await ana.page.getByLabel('Your name').first().fill(PLAYER);
  await ana.page.getByRole('button', { name: 'Join', exact: true }).click();
  await ana.page
    .locator('[data-seat="china"]')
    .getByRole('button', { name: 'Take this seat' })
    .click();
  await ana.page.getByRole('button', { name: 'I am ready' }).click();
  await expect.poll(() => host.page.locator('.ready-mark.is-ready').count()).toBe(1);
  await host.page.getByTestId('start').click();
  await expect.poll(() => phaseOf(host.page), { timeout: 20_000 }).toBe('Briefing');
  await skipPhase(host.page);
  await expect.poll(() => phaseOf(ana.page)).toBe('Negotiate & Commit');

  // Ana's decision: an offer to India to raise the tie.
  await ana.page.locator('[data-tab="orders"]').click();
  await ana.page.locator('#pane-orders select[data-key="offer:to"]').selectOption('india');
  await ana.page.locator('#pane-orders select[data-key="offer:what:india"]').selectOption('raise');
  await ana.page.locator('#pane-orders [data-key="offer:send"]').click();
  await expect.poll(() => ana.page.locator('#pane-orders').textContent()).toContain('India');
  while ((await phaseOf(host.page)) !== 'Resolution') await skipPhase(host.page);
  // Her reflection at Resolution.
  const question = ana.page.locator('.reflections__form').first();
  await expect.poll(() => question.count(), { timeout: 20_000 }).toBe(1);
  const asked = (await question.locator('.reflections__question').textContent()) ?? '';
  await question.getByLabel('Your answer').fill('We owed Moscow for the treaty.');
  await question.getByRole('button', { name: 'Answer' }).click();
  // Answered: that question is gone (another may follow).
  await expect
    .poll(() =>
      ana.page
        .locator('.reflections__question')
        .evaluateAll((qs, text) => qs.filter((q) => q.textContent === text).length, asked),
    )
    .toBe(0);
  while ((await matchOver(host.page)) === 0) await skipPhase(host.page);

  // The archive: the host labels the match.
  await host.page.goto(`${base}/archive`);
  const input = host.page.locator('.archive__label-input').first();
  await expect.poll(() => input.count(), { timeout: 20_000 }).toBe(1);
  // Hostile labels: too long is cut by the field; a control character is refused with the reason.
  await input.fill('x'.repeat(80));
  expect((await input.inputValue()).length).toBe(60);
  await input.fill('9B\u0007bell');
  await host.page.getByRole('button', { name: 'save label' }).click();
  await expect
    .poll(() => host.page.locator('main').textContent())
    .toContain('The label was not saved: label must be text of at most 60 characters');
  await input.fill(`  ${LABEL.replace(' · ', '   ·  ')} `);
  await host.page.getByRole('button', { name: 'save label' }).click();
  await expect.poll(() => host.page.getByTestId('match-label').first().textContent()).toBe(LABEL);
  await host.page.screenshot({ path: '/tmp/a11y-archive-labelled-1280.png', fullPage: true });

  // Filtering by label: this label keeps it, another leaves nothing.
  const filter = host.page.getByLabel('Label', { exact: true });
  await filter.fill('Class 9A');
  await filter.press('Enter');
  await expect.poll(() => host.page.getByTestId('match-label').count()).toBe(0);
  await filter.fill(LABEL);
  await filter.press('Enter');
  await expect.poll(() => host.page.getByTestId('match-label').count()).toBe(1);
  await host.page.setViewportSize({ width: 390, height: 844 });
  await host.page.screenshot({ path: '/tmp/a11y-archive-labelled-390.png', fullPage: true });
  await host.page.setViewportSize({ width: 1280, height: 800 });

  // The replay: Ana's record.
  await host.page.getByRole('link', { name: 'Replay' }).first().click();
  const people = host.page.getByTestId('people');
  await expect.poll(() => people.isVisible(), { timeout: 30_000 }).toBe(true);
  const record = host.page.locator(`[data-person="${PLAYER}"]`);
  await expect.poll(() => record.textContent()).toContain('Held the seat to the end');
  expect(await record.textContent()).toContain('Offered India to raise the tie');
  expect(await record.textContent()).toContain('We owed Moscow for the treaty.');
  // Nobody else is named: the host watched, bots played the other seats.
  expect(await host.page.locator('[data-person]').count()).toBe(1);

  // The CSV: the same lines, and no cell a spreadsheet would run.
  const [download] = await Promise.all([
    host.page.waitForEvent('download'),
    host.page.getByTestId('people-csv').click(),
  ]);
  const csv = await readFile((await download.path())!, 'utf8');
  const rows = csv.trimEnd().split('\r\n');
  expect(rows[0]).toBe('person,seat,kind,round,phase,until,what');
  expect(rows).toContain(
    `'=Ana+1,People’s Republic of China,seat,1,Briefing,,Held the seat to the end`,
  );
  expect(
    rows.some((r) => r.includes('decision') && r.includes('Offered India to raise the tie')),
  ).toBe(true);
  expect(rows.some((r) => r.includes('reflection') && r.includes('We owed Moscow'))).toBe(true);
  expect(rows.filter((r) => /^[=+\-@]/.test(r))).toEqual([]);

  // The printed report carries the record (and leaves the download button out).
  await host.page.emulateMedia({ media: 'print' });
  expect(await people.isVisible()).toBe(true);
  expect(await host.page.getByTestId('people-csv').isVisible()).toBe(false);
  await host.page.emulateMedia({ media: 'screen' });
  await people.screenshot({ path: '/tmp/a11y-people-1280.png' });

  // Printing: the button puts a picture of the map in the page first (its WebGL canvas prints black).
  await host.page.waitForSelector('[data-testid=map][data-ready=true]', { timeout: 60_000 });
  await host.page.evaluate(() => {
    window.print = () => {
      document.body.dataset.printed = 'yes';
    };
  });
  await host.page.getByRole('button', { name: 'Print the report' }).click();
  await expect.poll(() => host.page.evaluate(() => document.body.dataset.printed)).toBe('yes');
  const picture = host.page.locator('.map-slot__print');
  const src = (await picture.getAttribute('src')) ?? '';
  expect(src).toMatch(/^data:image\/png;base64,/);
  await writeFile('/tmp/a11y-map-picture.png', Buffer.from(src.split(',')[1]!, 'base64'));
  // The picture is the map, not a black block: a good part of it is land and lines in colour.
  const lit = await picture.evaluate(async (img) => {
    const image = img as HTMLImageElement;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    const g = canvas.getContext('2d')!;
    g.drawImage(image, 0, 0);
    const { data } = g.getImageData(0, 0, canvas.width, canvas.height);
    let bright = 0;
    for (let i = 0; i < data.length; i += 4)
      if (data[i]! + data[i + 1]! + data[i + 2]! > 120) bright++;
    return bright / (data.length / 4);
  });
  expect(lit).toBeGreaterThan(0.08);
  await host.page.emulateMedia({ media: 'print' });
  expect(await picture.isVisible()).toBe(true);
  await host.page.setViewportSize({ width: 794, height: 1123 });
  await host.page.screenshot({ path: '/tmp/a11y-print-report.png', fullPage: true });
  await host.page.locator('.replay__map').screenshot({ path: '/tmp/a11y-print-map.png' });
  await host.page.locator('.charts').screenshot({ path: '/tmp/a11y-print-charts.png' });
  // On paper nothing is wider than the page: the charts were redrawn to its width.
  expect(await host.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(
    794,
  );
  await host.page.emulateMedia({ media: 'screen' });
  const pdf = await host.page.pdf({ path: '/tmp/a11y-report.pdf', format: 'A4' });
  expect(pdf.length).toBeGreaterThan(50_000);

  // The one error logged is the browser's note of the refused label's answer (400).
  const errors = [...host.errors, ...ana.errors];
  expect(errors, errors.join('\n')).toEqual([
    'host console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
  ]);
});
