/**
 * The world map, for the game screen.
 *
 *   import { createWorldMap, mapModel } from '../map/index.ts';
 *   const map = await createWorldMap(element, scenario);
 *   map.update(mapModel(scenario, seatView));      // on every new view
 *   const stop = map.onSelect(({ kind, id }) => …); // 'actor' | 'region'
 *   map.focus('china');                             // centre and highlight
 *   map.destroy();                                  // when leaving the screen
 *
 * createWorldMap here loads Phaser (about 1.2 MB) on first use, as its own
 * chunk, so screens without a map stay light. The model is pure and cheap.
 */
import type { Scenario } from '@entanglement/shared';
import type { WorldMap, WorldMapOptions } from './world-map.ts';

export { mapModel } from './model.ts';

export type { MapTarget, WorldMap, WorldMapOptions } from './world-map.ts';

export async function createWorldMap(
  parent: HTMLElement,
  scenario: Scenario,
  options?: WorldMapOptions,
): Promise<WorldMap> {
  const { createWorldMap: create } = await import('./world-map.ts');
  return create(parent, scenario, options);
}
