import {
  API_ROUTES,
  type LiveStanding,
  MAX_NOTICE_TARGETS_PER_SEAT,
  type NotifyBody,
} from '@entanglement/shared';
import { Router } from 'express';
import { mount } from '../http/mount.ts';
import { hashToken } from '../store/tokens.ts';
import type { NoticeTarget, NoticeTargetStore } from '../store/types.ts';
import { StoreError } from '../store/types.ts';
import type { NoticeOutbox } from './notice-outbox.ts';
import { knownTimeZone } from './texts.ts';

/** The largest opt-in a browser sends: an endpoint of 1 KB, its keys, an address. */
const NOTIFY_BODY_BYTES = 2048;

export interface NotifyRoutesOptions {
  outbox: NoticeOutbox;
  store: NoticeTargetStore;
  /** Where the live match stands for a credential (as POST /api/matches/live asks it). */
  standing: (id: string, token: string) => Promise<LiveStanding | null>;
}

const NO_SEAT = 'No live match with a seat this pass holds.';

/**
 * GET /api/notifications, POST /api/notifications (opt in) and POST
 * /api/notifications/off (opt out). Both posts show the seat's pass, checked
 * by the match's room exactly as "My matches" checks it: a pass that holds
 * no seat of a live match there opens nothing, and learns nothing.
 */
export function notifyRoutes(options: NotifyRoutesOptions | null): Router {
  const api = Router();
  mount(api, API_ROUTES.notifyInfo, ({ send }) =>
    send(200, options?.outbox.info ?? { publicKey: null, email: false }),
  );

  mount(
    api,
    API_ROUTES.notify,
    async ({ body, send }) => {
      if (!options) return send(503, { error: 'This server sends no notifications.' });
      const { outbox, store } = options;
      if (body.push && !outbox.info.publicKey)
        return send(503, { error: 'This server sends no push notifications.' });
      if (body.email && !outbox.info.email)
        return send(503, { error: 'This server sends no e-mail.' });
      if (body.push && !outbox.allowsEndpoint(body.push.endpoint))
        return send(400, {
          error: 'Cannot notify you: push.endpoint is not at a push service this server sends to.',
        });
      const timeZone = knownTimeZone(body.timeZone);
      if (!timeZone)
        return send(400, { error: `Cannot notify you: "${body.timeZone}" is not a time zone.` });
      const seat = (await options.standing(body.matchId, body.pass))?.seat ?? null;
      if (seat === null) return send(404, { error: NO_SEAT });
      let count = 0;
      for (const target of targetsOf(body, seat, timeZone)) {
        const added = await store
          .addNoticeTarget(body.matchId, target, MAX_NOTICE_TARGETS_PER_SEAT)
          .catch((error: unknown) => {
            // The match ended between the room's answer and this write.
            if (error instanceof StoreError && error.code !== 'invalid') return null;
            throw error;
          });
        if (added === null) return send(404, { error: NO_SEAT });
        if (added === 'full')
          return send(409, {
            error: `This seat is already told in ${MAX_NOTICE_TARGETS_PER_SEAT} ways: turn one off first.`,
          });
        count = added;
      }
      send(201, { seat, targets: count });
    },
    { refusedAs: 'Cannot notify you: ', bodyBytes: NOTIFY_BODY_BYTES },
  );

  mount(
    api,
    API_ROUTES.notifyOff,
    async ({ body, send }) => {
      if (!options) return send(503, { error: 'This server sends no notifications.' });
      const seat = (await options.standing(body.matchId, body.pass))?.seat ?? null;
      if (seat === null) return send(404, { error: NO_SEAT });
      const passHash = hashToken(body.pass);
      const addresses = [body.endpoint, body.email].filter((a) => a !== undefined);
      let removed = 0;
      if (addresses.length === 0)
        removed = await options.store.removeNoticeTargets(body.matchId, { passHash });
      for (const address of addresses)
        removed += await options.store.removeNoticeTargets(body.matchId, { passHash, address });
      send(200, { removed });
    },
    { bodyBytes: NOTIFY_BODY_BYTES },
  );
  return api;
}

function targetsOf(body: NotifyBody, seat: string, timeZone: string): NoticeTarget[] {
  const common = { seat, passHash: hashToken(body.pass), language: body.language, timeZone };
  const targets: NoticeTarget[] = [];
  if (body.push)
    targets.push({
      ...common,
      channel: 'push',
      address: body.push.endpoint,
      p256dh: body.push.keys.p256dh,
      auth: body.push.keys.auth,
    });
  if (body.email)
    targets.push({ ...common, channel: 'email', address: body.email, p256dh: null, auth: null });
  return targets;
}
