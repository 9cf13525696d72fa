import { API_ROUTES, type CreatedMatch, type CreateMatchOptions } from '@entanglement/shared';
import { apiPath, callApi } from './api.ts';

/** Finds the live match with this join code (GET /api/join/:code) and returns its room id. */
export async function findMatchByCode(code: string): Promise<string> {
  const found = await callApi(API_ROUTES.join, 200, apiPath(API_ROUTES.join, { code }));
  return found.roomId;
}

/** Creates a match (POST /api/matches): its room id, join code and the host token, for this browser only. */
export function createMatch(options: CreateMatchOptions): Promise<CreatedMatch> {
  return callApi(API_ROUTES.createMatch, 201, apiPath(API_ROUTES.createMatch), { body: options });
}
