/**
 * Crisis markers as DOM buttons over the canvas: a pulsing ring and "!"
 * drawn by CSS (so the canvas can sleep while only the pulse moves), and
 * reachable with Tab like any control. world-map.ts places them after every
 * pan and zoom.
 */
import type { MapCrisis, MapModel } from './model.ts';

/** Spacing between markers of crises that share a region (CSS px). */
const SPACING = 34;
/** The least gap between a crisis title and a side of the map (CSS px). */
const EDGE = 4;

export interface CrisisLayer {
  element: HTMLElement;
  /** Rebuilds the markers for the model's live crises. */
  render(model: MapModel): void;
  /**
   * Moves each marker to where its region's anchor is shown now; titles near
   * the sides of a map `width` CSS px wide are moved inward, not clipped.
   */
  place(
    pointOf: (lonLat: readonly [number, number]) => { x: number; y: number },
    width?: number,
  ): void;
}

export interface CrisisEvents {
  /** Pointer over a marker (mouse or pen), with the marker's centre in map CSS px. */
  hover(crisis: MapCrisis | null, x: number, y: number): void;
  /** Click, tap, Enter or Space on a marker. */
  choose(crisis: MapCrisis, x: number, y: number): void;
}

export function crisisLayer(events: CrisisEvents): CrisisLayer {
  const element = document.createElement('div');
  element.className = 'wm-crises';
  let markers: { crisis: MapCrisis; index: number; button: HTMLButtonElement }[] = [];
  let key = '';
  const centre = (button: HTMLButtonElement) => ({
    x: Number(button.dataset.x ?? 0),
    y: Number(button.dataset.y ?? 0),
  });

  return {
    element,
    render(model) {
      const regionName = (id: string) => model.regionById[id]?.name ?? id;
      const next = JSON.stringify(model.crises.map((c) => [c.uid, c.title, c.region, c.severity]));
      // Keep the same elements (and the pulse's phase, and keyboard focus) when nothing changed.
      if (next === key) return;
      key = next;
      const perRegion = new Map<string, number>();
      markers = model.crises.map((crisis) => {
        const index = perRegion.get(crisis.region) ?? 0;
        perRegion.set(crisis.region, index + 1);
        const button = document.createElement('button');
        button.type = 'button';
        button.className = 'wm-crisis';
        button.setAttribute(
          'aria-label',
          `Crisis: ${crisis.title}, ${regionName(crisis.region)}, severity ${crisis.severity}`,
        );
        const ring = document.createElement('span');
        ring.className = 'wm-crisis-ring';
        const icon = document.createElement('span');
        icon.className = 'wm-crisis-icon';
        icon.textContent = '!';
        const title = document.createElement('span');
        title.className = 'wm-crisis-title';
        // Markers of one region sit side by side; their titles stack so they do not overlap.
        title.style.setProperty('--stack', String(index));
        title.textContent = crisis.title;
        button.append(ring, icon, title);
        button.addEventListener('pointerenter', (event) => {
          if (event.pointerType !== 'touch')
            events.hover(crisis, centre(button).x, centre(button).y);
        });
        button.addEventListener('pointerleave', (event) => {
          if (event.pointerType !== 'touch') events.hover(null, 0, 0);
        });
        button.addEventListener('click', () =>
          events.choose(crisis, centre(button).x, centre(button).y),
        );
        return { crisis, index, button };
      });
      element.replaceChildren(...markers.map((m) => m.button));
    },
    place(pointOf, width = Number.POSITIVE_INFINITY) {
      for (const { crisis, index, button } of markers) {
        const p = pointOf(crisis.anchor);
        const x = p.x + index * SPACING;
        button.dataset.x = String(x);
        button.dataset.y = String(p.y);
        button.style.transform = `translate(${x}px, ${p.y}px)`;
        // The title is centred under its marker unless that would cut it at a side of the map.
        const title = button.querySelector<HTMLElement>('.wm-crisis-title');
        if (!title) continue;
        const half = title.offsetWidth / 2;
        const shift =
          x - half < EDGE
            ? EDGE - (x - half)
            : x + half > width - EDGE
              ? width - EDGE - (x + half)
              : 0;
        title.style.setProperty('--shift', `${Math.round(shift)}px`);
      }
    },
  };
}
