import { API_ROUTES } from '@entanglement/shared';
import { apiPath, callApi } from './api.ts';

/** Whether the page was opened on this machine's own name, which no other device can open. */
export function isLocalHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127\./.test(hostname);
}

/**
 * The origin other devices can open this page at. A page opened on
 * localhost asks the server where else it is reachable (GET /api/address,
 * answered only to this machine) and uses the first LAN address with the
 * page's own port; otherwise, or when the server knows none, the page's own
 * origin.
 */
export async function reachableOrigin(page: Location = location): Promise<string> {
  if (!isLocalHost(page.hostname)) return page.origin;
  try {
    const route = API_ROUTES.address;
    const { addresses } = await callApi(route, 200, apiPath(route));
    // Only a plain address goes into the link (the schema checks the list; this its entries).
    const first = addresses.find((a) => /^[\w.:-]+$/.test(a));
    if (!first) return page.origin;
    const host = first.includes(':') ? `[${first}]` : first;
    return `${page.protocol}//${host}${page.port ? `:${page.port}` : ''}`;
  } catch {
    return page.origin;
  }
}
