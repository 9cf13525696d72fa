import { API_ROUTES } from '@entanglement/shared';
import { language } from '../i18n/index.ts';
import { apiPath, callApi } from './api.ts';

/**
 * Notifications of a match (docs/client.md, "Notifications"): this browser
 * opts in with the seat's pass, through Web Push (the service worker
 * /sw.js shows what the server pushes) and/or an e-mail address when the
 * server sends e-mail. Which matches are on is remembered in localStorage.
 */

export interface NotifyAvailability {
  /** This browser can take pushes and the server sends them. */
  push: boolean;
  email: boolean;
  publicKey: string | null;
}

const KEY_PREFIX = 'entanglement:notify:';

/** What this browser registered for the match, or null. */
export function notifyState(roomId: string): { email?: string } | null {
  try {
    const raw = window.localStorage.getItem(KEY_PREFIX + roomId);
    return raw ? (JSON.parse(raw) as { email?: string }) : null;
  } catch {
    return null;
  }
}

function remember(roomId: string, state: { email?: string } | null): void {
  try {
    if (state) window.localStorage.setItem(KEY_PREFIX + roomId, JSON.stringify(state));
    else window.localStorage.removeItem(KEY_PREFIX + roomId);
  } catch {
    // Without storage the control forgets it is on; the server still notifies.
  }
}

function browserCanPush(): boolean {
  return 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

let availability: Promise<NotifyAvailability> | null = null;

/** What the server offers and this browser can take (asked once per page). */
export function notifyAvailability(): Promise<NotifyAvailability> {
  const route = API_ROUTES.notifyInfo;
  availability ??= callApi(route, 200, apiPath(route)).then(
    (info) => ({
      push: browserCanPush() && info.publicKey !== null,
      email: info.email,
      publicKey: info.publicKey,
    }),
    () => ({ push: false, email: false, publicKey: null }),
  );
  return availability;
}

/** Why opting in did not happen, for the control to say. */
export class NotifyRefused extends Error {
  readonly reason: 'blocked' | 'unsupported';
  constructor(reason: 'blocked' | 'unsupported') {
    super(reason);
    this.reason = reason;
  }
}

function keyBytes(base64url: string): Uint8Array<ArrayBuffer> {
  const base64 = base64url.replace(/-/g, '+').replace(/_/g, '/');
  const raw = atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4));
  const bytes = new Uint8Array(new ArrayBuffer(raw.length));
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

/** This browser's push subscription (one for every match of this server), made if needed. */
async function pushSubscription(publicKey: string): Promise<PushSubscriptionJSON> {
  if ((await Notification.requestPermission()) !== 'granted') throw new NotifyRefused('blocked');
  const registration = await navigator.serviceWorker.register('/sw.js');
  await navigator.serviceWorker.ready;
  const subscription =
    (await registration.pushManager.getSubscription()) ??
    (await registration.pushManager.subscribe({
      userVisibleOnly: true,
      applicationServerKey: keyBytes(publicKey),
    }));
  return subscription.toJSON();
}

/** Opts this seat in: pushes to this browser (when it can) and e-mail to `email` (when given). */
export async function notifyOn(roomId: string, pass: string, email: string | null): Promise<void> {
  const offer = await notifyAvailability();
  const wantsEmail = Boolean(email) && offer.email;
  if (!offer.push && !wantsEmail) throw new NotifyRefused('unsupported');
  let push: PushSubscriptionJSON | undefined;
  try {
    if (offer.push && offer.publicKey) push = await pushSubscription(offer.publicKey);
  } catch (error) {
    // Blocked pushes still leave the e-mail, if one was given.
    if (!wantsEmail) throw error;
  }
  const route = API_ROUTES.notify;
  await callApi(route, 201, apiPath(route), {
    body: {
      matchId: roomId,
      pass,
      ...(push && { push }),
      ...(wantsEmail && { email }),
      language: language(),
      timeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
    },
  });
  remember(roomId, wantsEmail && email ? { email } : {});
}

/** Opts this seat out of every way this pass registered. */
export async function notifyOff(roomId: string, pass: string): Promise<void> {
  const route = API_ROUTES.notifyOff;
  await callApi(route, 200, apiPath(route), { body: { matchId: roomId, pass } });
  remember(roomId, null);
}
