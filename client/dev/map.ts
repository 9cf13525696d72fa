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
import { createWorldMap, type MapTarget, mapModel, type WorldMap } from '../src/map/index.ts';

declare global {
  interface Window {
    /** For shoot-map.ts: the map, once ready, and what was last selected. */
    worldMap?: WorldMap;
    lastSelected?: MapTarget;
    /** Shows the bots' match at another round (tests update()); false if it never got there. */
    showRound?: (round: number) => boolean;
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
 * For each round, the first state with a crisis on the table (or the last
 * state of that round before the news), as the bots played it. A war may end
 * the match early: then later rounds are missing.
 */
function snapshots(): Map<number, MatchState> {
  const byRound = new Map<number, MatchState>();
  const chosen = new Set<number>();
  playRandomGame(scenario, { rounds: Math.max(4, round + 1) }, seed, seed, {
    onStep(state) {
      if (state.phase === 'ended' || chosen.has(state.round)) return;
      if (state.phase !== 'news' && state.crises.some((c) => c.live)) chosen.add(state.round);
      else if (state.step % 10 !== 0) return;
      byRound.set(state.round, cloneState(state));
    },
  });
  return byRound;
}

async function main(): Promise<void> {
  const status = document.getElementById('status')!;
  const states = snapshots();
  const map = await createWorldMap(document.getElementById('map')!, scenario);
  const show = (n: number): boolean => {
    const state = states.get(n);
    if (!state) return false;
    const model = mapModel(scenario, viewFor(state, viewer));
    map.update(model);
    // For shoot-map.ts: where to hover to find a crisis marker.
    map.element.dataset.firstCrisis = model.crises[0] ? JSON.stringify(model.crises[0].anchor) : '';
    status.textContent = `Round ${state.round} · ${state.phase} · seen by ${viewer ?? 'the projector'} · tension ${state.tension}`;
    return true;
  };
  const first = states.has(round) ? round : Math.max(...states.keys());
  show(first);
  map.onSelect((target) => {
    window.lastSelected = target;
    status.textContent = `Selected ${target.kind} ${target.id}`;
  });
  window.showRound = show;
  window.worldMap = map;
}

void main();
