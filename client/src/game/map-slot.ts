import type { Scenario, SeatView } from '@entanglement/shared';
import { el } from '../dom.ts';
import type { WorldMap } from '../map/world-map.ts';

/** The performance mark set once the map is first on screen. */
export const MAP_DRAWN = 'entanglement:map-drawn';

/**
 * Where the world map goes. Phaser and the atlas load in their own chunk
 * after the panels are on screen, so the page is usable at once; until then
 * (or if WebGL and canvas both fail) the slot says so.
 */
export function createMapSlot(scenario: Scenario) {
  const element = el(
    'div',
    { class: 'map-slot', 'data-testid': 'map' },
    el('p', { class: 'status' }, 'Loading the map…'),
  );
  let map: WorldMap | null = null;
  let draw: ((view: SeatView) => void) | null = null;
  let latest: SeatView | null = null;
  let destroyed = false;

  void (async () => {
    try {
      const [{ createWorldMap }, { mapModel }] = await Promise.all([
        import('../map/world-map.ts'),
        import('../map/model.ts'),
      ]);
      if (destroyed) return;
      element.replaceChildren();
      const created = await createWorldMap(element, scenario);
      if (destroyed) return created.destroy();
      map = created;
      draw = (view) => created.update(mapModel(scenario, view));
      if (latest) draw(latest);
      // The first frame with the map on it: what `npm run bench:client` times from navigation.
      requestAnimationFrame(() =>
        requestAnimationFrame(() => {
          element.dataset.ready = 'true';
          performance.mark(MAP_DRAWN);
        }),
      );
    } catch (error) {
      console.warn('The map could not be drawn:', error);
      element.replaceChildren(
        el(
          'p',
          { class: 'status' },
          'The map could not be drawn on this device; the panels still work.',
        ),
      );
    }
  })();

  return {
    element,
    update(view: SeatView) {
      latest = view;
      draw?.(view);
    },
    destroy() {
      destroyed = true;
      map?.destroy();
    },
  };
}
