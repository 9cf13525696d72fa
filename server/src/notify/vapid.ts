import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import webpush from 'web-push';

/** The server's VAPID identity: push services accept its pushes only, signed with the private key. */
export interface VapidKeys {
  publicKey: string;
  privateKey: string;
  /** A mailto: or https: address push services may contact (VAPID_SUBJECT). */
  subject: string;
}

/** The file next to the SQLite database that keeps generated keys across restarts. */
export const VAPID_FILE = 'vapid.json';

/**
 * The keys from the configuration (VAPID_PUBLIC_KEY and VAPID_PRIVATE_KEY),
 * else those generated on an earlier start and kept in `dataDir`, else new
 * ones, written there (readable by this user only). Every process of a
 * cluster must use the same keys: give them in the configuration there.
 */
export function loadVapidKeys(
  configured: { publicKey: string; privateKey: string } | null,
  subject: string,
  dataDir: string,
): VapidKeys & { generated: boolean } {
  if (configured) return { ...configured, subject, generated: false };
  const file = join(dataDir, VAPID_FILE);
  const kept = readKept(file);
  if (kept) return { ...kept, subject, generated: false };
  const keys = webpush.generateVAPIDKeys();
  try {
    // 'wx': a process starting at the same moment that wrote first wins; its keys are read back.
    writeFileSync(file, `${JSON.stringify(keys)}\n`, { flag: 'wx', mode: 0o600 });
  } catch (error) {
    const raced = readKept(file);
    if (raced) return { ...raced, subject, generated: false };
    throw error;
  }
  return { ...keys, subject, generated: true };
}

function readKept(file: string): { publicKey: string; privateKey: string } | null {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return null;
  }
  const parsed = JSON.parse(text) as { publicKey?: unknown; privateKey?: unknown };
  if (typeof parsed.publicKey !== 'string' || typeof parsed.privateKey !== 'string')
    throw new Error(`${file} does not hold VAPID keys: delete it to have new ones made.`);
  return { publicKey: parsed.publicKey, privateKey: parsed.privateKey };
}
