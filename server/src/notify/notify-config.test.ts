import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import webpush from 'web-push';
import { loadConfig } from '../config.ts';
import { nearDeadlineMs } from './match-notices.ts';
import { DEFAULT_PUSH_SERVICES } from './notice-outbox.ts';
import { loadVapidKeys, VAPID_FILE } from './vapid.ts';

test('without settings: VAPID keys made on first start, the usual push services, no e-mail', () => {
  expect(loadConfig({}).notify).toEqual({
    vapidKeys: null,
    vapidSubject: 'mailto:entanglement@localhost',
    smtpUrl: null,
    mailFrom: 'Entanglement <entanglement@localhost>',
    siteUrl: null,
    pushServices: DEFAULT_PUSH_SERVICES,
  });
});

test('each setting is read and checked, and a secret is never echoed', () => {
  const keys = webpush.generateVAPIDKeys();
  const notify = loadConfig({
    VAPID_PUBLIC_KEY: keys.publicKey,
    VAPID_PRIVATE_KEY: keys.privateKey,
    VAPID_SUBJECT: 'https://game.example.org',
    SMTP_URL: 'smtps://me:s3cret@mail.example.org:465',
    MAIL_FROM: 'Game <game@example.org>',
    SITE_URL: 'https://game.example.org',
    PUSH_SERVICES: 'https://fcm.googleapis.com, http://127.0.0.1:4122',
  }).notify;
  expect(notify).toMatchObject({
    vapidKeys: keys,
    smtpUrl: 'smtps://me:s3cret@mail.example.org:465',
    pushServices: ['https://fcm.googleapis.com', 'http://127.0.0.1:4122'],
  });
  expect(() => loadConfig({ VAPID_PUBLIC_KEY: keys.publicKey })).toThrow(/both/);
  expect(() =>
    loadConfig({ VAPID_PUBLIC_KEY: 'short', VAPID_PRIVATE_KEY: 'n0t-a-key-s3cret' }),
  ).not.toThrow(/s3cret/);
  expect(() => loadConfig({ VAPID_SUBJECT: 'me' })).toThrow(/VAPID_SUBJECT/);
  expect(() => loadConfig({ SMTP_URL: 'mail.example.org s3cret' })).toThrow(/SMTP_URL/);
  expect(() => loadConfig({ SMTP_URL: 'mail.example.org s3cret' })).not.toThrow(/s3cret/);
  expect(() => loadConfig({ SITE_URL: 'game.example.org' })).toThrow(/SITE_URL/);
  expect(() => loadConfig({ PUSH_SERVICES: 'https://fcm.googleapis.com/path' })).toThrow(
    /PUSH_SERVICES/,
  );
});

test('generated VAPID keys are kept in the data directory, readable by the server alone; configured ones win', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'entanglement-vapid-'));
  try {
    const first = loadVapidKeys(null, 'mailto:a@example.org', dir);
    expect(first.generated).toBe(true);
    expect((await stat(join(dir, VAPID_FILE))).mode & 0o777).toBe(0o600);
    const again = loadVapidKeys(null, 'mailto:a@example.org', dir);
    expect([again.generated, again.publicKey, again.privateKey]).toEqual([
      false,
      first.publicKey,
      first.privateKey,
    ]);
    const given = webpush.generateVAPIDKeys();
    expect(loadVapidKeys(given, 'mailto:a@example.org', dir).publicKey).toBe(given.publicKey);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the deadline is near with a quarter of the phase left, or an hour, whichever is less', () => {
  expect(nearDeadlineMs(60_000)).toBe(15_000);
  expect(nearDeadlineMs(3600_000)).toBe(900_000);
  expect(nearDeadlineMs(24 * 3600_000)).toBe(3600_000);
});
