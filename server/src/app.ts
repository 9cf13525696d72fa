import express, { type Express } from 'express';
import { type ApiOptions, type Archive, apiRouter } from './api.ts';
import { clientRouter } from './client.ts';
import { DEFAULT_LIMITS, type Limits } from './doors/limits.ts';

export interface AppOptions {
  /** The directory of the built client (client/dist). */
  clientDist: string;
  /** The room id of the live match with a join code, or null (GET /api/join/:code). */
  findMatch?: (code: string) => Promise<string | null>;
  /** The archive of finished matches (GET /api/matches); none: an empty archive. */
  archive?: Archive | null;
  /** The server's limits (imports' size, count and time); the defaults when left out. */
  limits?: Limits;
  /** Creates a match (POST /api/matches). */
  createMatch?: ApiOptions['createMatch'];
  /** Creates a fork of a finished match (POST /api/matches/:id/fork). */
  forkMatch?: ApiOptions['forkMatch'];
  /** Where other devices reach this server (GET /api/address); none: nowhere known. */
  reachableAddresses?: ApiOptions['reachableAddresses'];
  /** Where a live match stands for a credential (POST /api/matches/live). */
  liveStanding?: ApiOptions['liveStanding'];
  /** Notifications' opt-in and opt-out (/api/notifications); none: not offered. */
  notify?: ApiOptions['notify'];
}

/** The HTTP application: the JSON API under /api, the built client everywhere else. */
export function createApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.use(
    '/api',
    apiRouter({
      findMatch: options.findMatch ?? (async () => null),
      archive: options.archive ?? null,
      limits: options.limits ?? DEFAULT_LIMITS,
      createMatch: options.createMatch,
      forkMatch: options.forkMatch,
      reachableAddresses: options.reachableAddresses,
      liveStanding: options.liveStanding,
      notify: options.notify,
    }),
  );
  app.use(clientRouter(options.clientDist));
  return app;
}
