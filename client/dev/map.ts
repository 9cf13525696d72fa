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
/** A seat's id, or "none" for the spectator / projector view. */
const viewerParam = params.get('viewer') ?? 'china';
const viewer = viewerParam === 'none' ? null : viewerParam;
const round = Number(params.get('round') ?? 3);

const scenario = getScenario('main');

/**
 * The first state of `round` with a crisis on the table, as the bots left it
 * (or the last state before the end, if a war ends the match sooner).
 */
function midgame(): MatchState {
  let found: MatchState | null = null;
  let last: MatchState | null = null;
  playRandomGame(scenario, { rounds: Math.max(4, round + 1) }, seed, seed, {
    onStep(state) {
      if (found || state.phase === 'ended') return;
      if (state.round === round && state.phase !== 'news' && state.crises.some((c) => c.live))
        found = cloneState(state);
      else if (state.round <= round && state.step % 10 === 0) last = cloneState(state);
    },
  });
  const state = found ?? last;
  if (!state) throw new Error(`The bots never reached round ${round}`);
  return state;
}

async function main(): Promise<void> {
  const status = document.getElementById('status')!;
  const state = midgame();
  const map = await createWorldMap(document.getElementById('map')!, scenario);
  const model = mapModel(scenario, viewFor(state, viewer));
  map.update(model);
  // For shoot-map.ts: where to hover to find a crisis marker.
  if (model.crises[0]) map.element.dataset.firstCrisis = JSON.stringify(model.crises[0].anchor);
  map.onSelect((target) => {
    window.lastSelected = target;
    status.textContent = `Selected ${target.kind} ${target.id}`;
  });
  status.textContent = `Round ${state.round} · ${state.phase} · seen by ${viewer ?? 'the projector'} · tension ${state.tension}`;
  window.worldMap = map;
}

void main();
