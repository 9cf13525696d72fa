import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { type Config, REPO_ROOT } from '../config.ts';
import { log } from '../log.ts';
import type { NotifyOptions } from './notice-outbox.ts';
import { loadVapidKeys, VAPID_FILE } from './vapid.ts';

/** The server's notifications from its configuration: VAPID keys given, kept, or made now. */
export function notifyOptions(config: Config): NotifyOptions {
  const { notify, dataDir } = config;
  mkdirSync(dataDir, { recursive: true });
  const vapid = loadVapidKeys(notify.vapidKeys, notify.vapidSubject, dataDir);
  if (vapid.generated)
    log.info(
      `Web Push keys made and kept in ${relative(REPO_ROOT, join(dataDir, VAPID_FILE))} ` +
        '(give VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY to every process of a cluster instead)',
    );
  if (config.redisUrl && !notify.vapidKeys)
    log.warn(
      'Several processes share matches (REDIS_URL) but VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY are not set: ' +
        'unless every process reads the same DATA_DIR, their pushes are signed with different keys and fail',
    );
  log.info(
    `Notifications: Web Push${notify.smtpUrl ? ' and e-mail' : ' (no SMTP_URL: no e-mail)'}`,
  );
  return {
    vapid: { publicKey: vapid.publicKey, privateKey: vapid.privateKey, subject: vapid.subject },
    smtpUrl: notify.smtpUrl,
    mailFrom: notify.mailFrom,
    siteUrl: notify.siteUrl,
    pushServices: notify.pushServices,
  };
}
