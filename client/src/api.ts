import type { ScenarioSummary, SeatSummary } from '@entanglement/shared';

export type { ScenarioSummary, SeatSummary } from '@entanglement/shared';

/** The shipped scenarios, from GET /api/scenarios. */
export async function fetchScenarios(signal?: AbortSignal): Promise<ScenarioSummary[]> {
  const res = await fetch('/api/scenarios', { signal, headers: { Accept: 'application/json' } });
  if (!res.ok) throw new Error(`The server answered ${res.status} ${res.statusText}.`);
  const data: unknown = await res.json();
  if (!Array.isArray(data) || !data.every(isScenarioSummary)) {
    throw new Error('The server sent a scenario list this page does not understand.');
  }
  return data;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function isSeat(value: unknown): value is SeatSummary {
  return (
    isObject(value) &&
    typeof value.id === 'string' &&
    typeof value.name === 'string' &&
    typeof value.kind === 'string' &&
    typeof value.colour === 'string' &&
    /^#[0-9a-f]{6}$/i.test(value.colour)
  );
}

function isScenarioSummary(value: unknown): value is ScenarioSummary {
  if (!isObject(value) || !isObject(value.seats)) return false;
  const { seats } = value;
  return (
    typeof value.id === 'string' &&
    typeof value.title === 'string' &&
    typeof value.description === 'string' &&
    Array.isArray(seats.required) &&
    seats.required.every(isSeat) &&
    Array.isArray(seats.optional) &&
    seats.optional.every(isSeat) &&
    typeof seats.minOptional === 'number' &&
    typeof seats.maxOptional === 'number'
  );
}
