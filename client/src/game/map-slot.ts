import type { Scenario, SeatView } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import type { WorldMap } from '../map/world-map.ts';

/** The performance mark set once the map is first on screen. */
const MAP_DRAWN = 'entanglement:map-drawn';
/** A failed load (the server restarting, the network gone) is tried again, less and less often. */
const RETRY_MS = [2000, 4000, 8000, 15000, 30000];

/**
 * Where the world map goes. Phaser and the atlas load in their own chunk
 * after the panels are on screen, so the page is usable at once; until then
 * (or if WebGL and canvas both fail) the slot says so.
 */
export function createMapSlot(scenario: Scenario) {
  const element = el(
    'div',
    { class: 'map-slot', 'data-testid': 'map' },
    el('p', { class: 'status' }, t('mapSlot.loadingTheMap')),
  );
  let map: WorldMap | null = null;
  let draw: ((view: SeatView) => void) | null = null;
  let latest: SeatView | null = null;
  let destroyed = false;
  let failures = 0;

  const load = async () => {
    try {
      const [{ createWorldMap }, { mapModel }] = await Promise.all([
        import('../map/world-map.ts'),
        import('../map/model.ts'),
      ]);
      if (destroyed) return;
      element.replaceChildren();
      const created = await createWorldMap(element, scenario, {
        actorWords: { label: t('mapSlot.actorsOnTheMap'), you: t('mapSlot.you') },
      });
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
      console.warn('The map could not be drawn yet:', error);
      element.replaceChildren(el('p', { class: 'status' }, t('mapSlot.theMapCouldNot')));
      const wait = RETRY_MS[Math.min(failures++, RETRY_MS.length - 1)]!;
      if (!destroyed) window.setTimeout(() => void load(), wait);
    }
  };
  void load();

  /** The picture that stands in for the canvas on paper (print CSS swaps them). */
  const paper = el('img', { class: 'map-slot__print', alt: t('mapSlot.printedMap') });
  /**
   * Lays the map out at the paper's size (so the crisis markers, which are
   * page elements, stay where the picture shows their regions), then puts a
   * picture of it into the printed page; resolves once it can be laid out.
   */
  const preparePrint = async () => {
    if (!map) return;
    element.classList.add('map-slot--paper');
    map.resize();
    const url = await map.snapshot();
    if (!url) return;
    paper.src = url;
    // Over the canvas, under the crisis markers and the legend (page elements printed as they are).
    if (!paper.isConnected)
      map.element.insertBefore(paper, map.element.firstChild?.nextSibling ?? null);
    await paper.decode().catch(() => undefined);
  };
  // The browser's own Print (Ctrl+P) too: best effort, as it does not wait.
  const beforePrint = () => void preparePrint();
  const afterPrint = () => {
    element.classList.remove('map-slot--paper');
    map?.resize();
  };
  window.addEventListener('beforeprint', beforePrint);
  window.addEventListener('afterprint', afterPrint);

  return {
    element,
    preparePrint,
    update(view: SeatView) {
      latest = view;
      draw?.(view);
    },
    destroy() {
      destroyed = true;
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('afterprint', afterPrint);
      map?.destroy();
    },
  };
}
