import { DEFAULT_PUSH_SERVICES } from './notice-outbox.ts';

/** How the server notifies, as configured (docs/deploy.md, "Notifications"). */
export interface NotifyConfig {
  /** VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY; null: generated once and kept in DATA_DIR. */
  vapidKeys: { publicKey: string; privateKey: string } | null;
  /** VAPID_SUBJECT: a mailto: or https: address push services may contact. */
  vapidSubject: string;
  /** SMTP_URL (smtp:// or smtps://); null: no e-mail. */
  smtpUrl: string | null;
  /** MAIL_FROM: the e-mails' sender. */
  mailFrom: string;
  /** SITE_URL: the game's public address, for links in e-mails; null: no link. */
  siteUrl: string | null;
  /** PUSH_SERVICES: the origins push endpoints may be at (comma-separated). */
  pushServices: readonly string[];
}

/** Reads the notification settings; throws a plain-language error for a bad value. */
export function loadNotifyConfig(env: NodeJS.ProcessEnv): NotifyConfig {
  return {
    vapidKeys: parseVapidKeys(env.VAPID_PUBLIC_KEY, env.VAPID_PRIVATE_KEY),
    vapidSubject: parseSubject(env.VAPID_SUBJECT),
    smtpUrl: parseSmtpUrl(env.SMTP_URL),
    mailFrom: env.MAIL_FROM?.trim() || 'Entanglement <entanglement@localhost>',
    siteUrl: parseSiteUrl(env.SITE_URL),
    pushServices: parsePushServices(env.PUSH_SERVICES),
  };
}

function parseVapidKeys(
  publicKey: string | undefined,
  privateKey: string | undefined,
): NotifyConfig['vapidKeys'] {
  const pub = publicKey?.trim();
  const priv = privateKey?.trim();
  if (!pub && !priv) return null;
  // Never echoes the private key.
  if (!pub || !priv)
    throw new Error(
      'Set both VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY (npx web-push generate-vapid-keys), or neither.',
    );
  if (!/^[A-Za-z0-9_-]{87}$/.test(pub) || !/^[A-Za-z0-9_-]{43}$/.test(priv))
    throw new Error(
      'VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY must be the base64url keys `npx web-push generate-vapid-keys` prints.',
    );
  return { publicKey: pub, privateKey: priv };
}

function parseSubject(raw: string | undefined): string {
  const subject = raw?.trim();
  if (!subject) return 'mailto:entanglement@localhost';
  if (!/^(mailto:\S+@\S+|https:\/\/\S+)$/.test(subject))
    throw new Error(
      `VAPID_SUBJECT must be a mailto: or https: address, e.g. mailto:you@example.org, not "${subject}".`,
    );
  return subject;
}

/** Never echoes the value: it may hold a password. */
function parseSmtpUrl(raw: string | undefined): string | null {
  const url = raw?.trim();
  if (!url) return null;
  if (!/^smtps?:\/\/[^/\s]+/.test(url))
    throw new Error(
      'SMTP_URL must be an SMTP URL such as smtps://user:password@mail.example.org:465 (or unset: no e-mail).',
    );
  return url;
}

function parseSiteUrl(raw: string | undefined): string | null {
  const url = raw?.trim();
  if (!url) return null;
  if (!/^https?:\/\/[^/\s]+/.test(url))
    throw new Error(
      `SITE_URL must be where people open the game, e.g. https://game.example.org, not "${url}".`,
    );
  return url;
}

function parsePushServices(raw: string | undefined): readonly string[] {
  const list =
    raw
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean) ?? [];
  if (list.length === 0) return DEFAULT_PUSH_SERVICES;
  return list.map((service) => {
    let url: URL | null = null;
    try {
      url = new URL(service);
    } catch {
      // Reported below.
    }
    if (!url || url.origin !== service.replace(/\/+$/, '') || !/^https?:$/.test(url.protocol))
      throw new Error(
        `PUSH_SERVICES must be origins such as https://fcm.googleapis.com, comma-separated, not "${service}".`,
      );
    return url.origin;
  });
}
