/**
 * Dev harness for the world map (not part of the build): the main scenario
 * with a match played by random bots up to a round, seen by one seat.
 * Open /dev/map.html?seed=…&viewer=…&round=… from `npx vite` in client/.
 */
import {
  cloneState,
  getScenario,
  type MatchState,
  playRandomGame,
  viewFor,
} from '@entanglement/shared';
import { mapModel } from '../src/map/model.ts';
import { createWorldMap, type MapTarget, type WorldMap } from '../src/map/world-map.ts';

declare global {
  interface Window {
    /** For shoot-map.ts: the map, once ready, and what was last selected. */
    worldMap?: WorldMap;
    lastSelected?: MapTarget;
  }
}

const params = new URLSearchParams(location.search);
const seed = params.get('seed') ?? 'map-harness';
const viewer = params.get('viewer') ?? 'china';
const round = Number(params.get('round') ?? 3);

const scenario = getScenario('main');

/** The first state of `round` with a crisis on the table, as the bots left it. */
function midgame(): MatchState {
  let found: MatchState | null = null;
  let fallback: MatchState | null = null;
  playRandomGame(scenario, { rounds: Math.max(4, round + 1) }, seed, seed, {
    onStep(state) {
      if (found || state.round !== round) return;
      fallback ??= cloneState(state);
      if (state.phase !== 'news' && state.crises.some((c) => c.live)) found = cloneState(state);
    },
  });
  const state = found ?? fallback;
  if (!state) throw new Error(`The bots never reached round ${round}`);
  return state;
}

async function main(): Promise<void> {
  const status = document.getElementById('status')!;
  const state = midgame();
  const map = await createWorldMap(document.getElementById('map')!, scenario);
  map.update(mapModel(scenario, viewFor(state, viewer)));
  map.onSelect((target) => {
    window.lastSelected = target;
    status.textContent = `Selected ${target.kind} ${target.id}`;
  });
  status.textContent = `Round ${state.round} · ${state.phase} · seen by ${viewer} · tension ${state.tension}`;
  window.worldMap = map;
}

void main();
