import { join } from 'node:path';

/** Where the pinned recordings live (committed; `npm run record:pinned` writes them). */
export const PINNED_DIR = join(import.meta.dirname, '..', 'recordings');

/** The file of one scenario's pinned recording under one rules version. */
export function pinnedFileName(scenarioId: string, rulesVersion: number): string {
  return `${scenarioId}.v${rulesVersion}.json`;
}
