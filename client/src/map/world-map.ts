/**
 * The world map component: a Phaser canvas with DOM controls, mounted into
 * any element. It sizes itself to that element (phone to projector), redraws
 * at the device's pixel ratio, and handles zoom, pan, hover and selection.
 *
 *   const map = await createWorldMap(element, scenario);
 *   map.update(mapModel(scenario, view));
 *   map.onSelect((target) => …);
 */
import type { Scenario } from '@entanglement/shared';
import * as Phaser from 'phaser';
import { type ActorListWords, actorList } from './actor-list.ts';
import { ATLAS_URL } from './atlas.ts';
import { tieLegend, tooltip, zoomControls } from './controls.ts';
import type { MapHit } from './describe.ts';
import { crisisLayer } from './markers.ts';
import type { MapModel } from './model.ts';
import {
  type CountryShape,
  fitProjection,
  loadCountries,
  projectCountries,
  projectRings,
} from './projection.ts';
import { MapScene, type SceneGeometry } from './scene.ts';
import { BACKGROUND } from './styles.ts';
import { clampView, type Frame, panBy, toWorld, type ViewState, zoomAt } from './view-state.ts';
import './map.css';

export type MapTarget = { kind: 'actor' | 'region'; id: string };

export interface WorldMapOptions {
  /** Accessible name of the map. */
  label?: string;
  /** Where to load world-atlas countries-110m.json from (defaults to the bundled asset). */
  atlasUrl?: string;
  /** Deepest zoom (default 10). */
  maxZoom?: number;
  /** Words of the keyboard list of actors (the caller's language). */
  actorWords?: ActorListWords;
}

export interface WorldMap {
  /** The element the map put into its parent (remove it with destroy()). */
  readonly element: HTMLElement;
  /** Shows a new state of the match. */
  update(model: MapModel): void;
  /** Re-fits to the parent's size; also runs by itself when the parent resizes. */
  resize(): void;
  /** Called when the player clicks or taps an actor (country or capital) or a region. Returns an unsubscribe. */
  onSelect(callback: (target: MapTarget) => void): () => void;
  /** Where a [lon, lat] is now shown, in CSS pixels from the map's top-left (for popups anchored to the map). */
  pointOf(lonLat: readonly [number, number]): { x: number; y: number };
  /** Centres on an actor's capital or a region's anchor and highlights it; null clears. */
  focus(id: string | null): void;
  /**
   * The map as drawn now, as a PNG data URL (null if the renderer gave none):
   * for printing, where a WebGL canvas comes out as a black block.
   */
  snapshot(): Promise<string | null>;
  destroy(): void;
}

/** CSS pixels the arrow keys move the map. */
const KEY_PAN = 80;
/** Pointer travel (CSS px) beyond which a press is a drag, not a tap. */
const TAP_SLOP = 6;
/** Padding around the globe, CSS px. */
const PADDING = 8;

function element(tag: string, className: string): HTMLElement {
  const e = document.createElement(tag);
  e.className = className;
  return e;
}

/** Creates the map inside `parent` once the atlas has loaded and Phaser has booted. */
export async function createWorldMap(
  parent: HTMLElement,
  scenario: Scenario,
  options: WorldMapOptions = {},
): Promise<WorldMap> {
  const shapes: CountryShape[] = await loadCountries(options.atlasUrl ?? ATLAS_URL);

  const root = element('div', 'wm-root');
  root.tabIndex = 0;
  root.setAttribute('role', 'region');
  root.setAttribute('aria-roledescription', 'map');
  root.setAttribute('aria-label', options.label ?? `World map: ${scenario.title}`);
  const hint = element('p', 'wm-hint');
  hint.id = `wm-hint-${Math.random().toString(36).slice(2, 8)}`;
  hint.textContent = 'Arrow keys pan, plus and minus zoom, 0 shows the whole world.';
  root.setAttribute('aria-describedby', hint.id);
  const host = element('div', 'wm-canvas');
  root.append(host, hint);
  parent.append(root);
  const tip = tooltip(root);
  tip.element.id = `${hint.id}-tip`;

  const sizes = () => {
    const dpr = Math.min(window.devicePixelRatio || 1, 3);
    const cssW = Math.max(1, root.clientWidth);
    const cssH = Math.max(1, root.clientHeight);
    return { dpr, cssW, cssH, gw: Math.round(cssW * dpr), gh: Math.round(cssH * dpr) };
  };
  let size = sizes();

  let ready!: () => void;
  const booted = new Promise<void>((resolve) => {
    ready = resolve;
  });
  const scene = new MapScene(() => ready());
  const game = new Phaser.Game({
    type: Phaser.AUTO,
    parent: host,
    width: size.gw,
    height: size.gh,
    backgroundColor: BACKGROUND,
    banner: false,
    autoFocus: false,
    disableContextMenu: true,
    // Input is handled on the DOM (pinch, wheel, keys), where it is simpler to get right.
    input: false,
    audio: { noAudio: true },
    render: { antialias: true },
    // The canvas has device-pixel resolution and is shown at 1/dpr: crisp on high-DPI screens.
    scale: { mode: Phaser.Scale.ScaleModes.NONE, zoom: 1 / size.dpr },
    scene,
  });
  await booted;

  let model: MapModel | null = null;
  let frame: Frame = { screenW: 1, screenH: 1, worldW: 1, worldH: 1, minZoom: 1, maxZoom: 10 };
  let view: ViewState = { cx: 0, cy: 0, zoom: 1 };
  let project: SceneGeometry['project'] = () => [0, 0];
  let selected: string | null = null;
  let hovered: MapHit | null = null;
  let pinned = false;
  const listeners = new Set<(target: MapTarget) => void>();

  // Crisis markers sit over the canvas, under the controls and tooltip.
  const crises = crisisLayer({
    hover(crisis, x, y) {
      if (crisis && pinned) return;
      // Leaving a marker also closes a tooltip its click pinned.
      if (!crisis) pinned = false;
      hovered = crisis ? { kind: 'crisis', uid: crisis.uid } : null;
      showTip(hovered, x, y);
    },
    choose(crisis, x, y) {
      hovered = { kind: 'crisis', uid: crisis.uid };
      selected = null;
      refreshHighlight();
      showTip(hovered, x, y);
      pinned = true;
      for (const listener of listeners) listener({ kind: 'region', id: crisis.region });
    },
  });
  root.append(crises.element);

  /** An actor chosen from the keyboard list: as a hover (preview) or a click on it (choose). */
  const showActor = (id: string, choose: boolean) => {
    const actor = model?.actorById[id];
    if (!actor) return;
    const [cx, cy] = project(actor.capital);
    const zoom = choose ? Math.max(view.zoom, 2.5 * frame.minZoom) : view.zoom;
    setView({ cx, cy, zoom });
    hovered = { kind: 'actor', id };
    if (choose) selected = id;
    refreshHighlight();
    const at = pointOf(actor.capital);
    showTip(hovered, at.x, at.y);
    pinned = choose;
    if (choose) for (const listener of listeners) listener({ kind: 'actor', id });
  };
  const actors = actorList(
    options.actorWords ?? { label: 'Actors on the map', you: 'you' },
    tip.element.id,
    { preview: (id) => showActor(id, false), choose: (id) => showActor(id, true) },
  );
  // First after the map in the tab order, before the crisis markers and the controls.
  root.insertBefore(actors.element, crises.element);

  const pointOf = (lonLat: readonly [number, number]) => {
    const [wx, wy] = project(lonLat);
    return {
      x: ((wx - view.cx) * view.zoom + frame.screenW / 2) / size.dpr,
      y: ((wy - view.cy) * view.zoom + frame.screenH / 2) / size.dpr,
    };
  };

  const setView = (next: ViewState) => {
    view = clampView(next, frame);
    scene.setView(view);
    crises.place(pointOf, root.clientWidth);
    // A tooltip stays by what it describes: when the map moves, it goes (hover brings it back).
    pinned = false;
    tip.hide();
  };

  const wholeWorld = (): ViewState => ({
    cx: frame.worldW / 2,
    cy: frame.worldH / 2,
    zoom: frame.minZoom,
  });

  /** The first view: the whole world, or on tall screens (phones) a closer look at Eurasia and Africa, where most play is. */
  const homeView = (): ViewState => {
    const portraitZoom = (frame.screenH * 0.55) / (frame.worldH * frame.minZoom);
    if (portraitZoom <= 1.2) return wholeWorld();
    const [cx, cy] = project([50, 22]);
    return { cx, cy, zoom: Math.min(2.2, portraitZoom) * frame.minZoom };
  };

  /** Projects the atlas for the current size, keeping the view's relative position and zoom. */
  const layout = () => {
    size = sizes();
    const { gw, gh, dpr } = size;
    const relative =
      frame.worldW > 1 ? { x: view.cx / frame.worldW, y: view.cy / frame.worldH } : null;
    const previousMin = frame.minZoom;
    const pad = PADDING * dpr;
    const projection = fitProjection(gw, gh, pad);
    // The world is the globe's box plus padding, so panning stops at the globe, not the canvas.
    const sphere0 = projectRings({ type: 'Sphere' }, projection);
    let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of sphere0)
      for (let i = 0; i < ring.length; i += 2) {
        x0 = Math.min(x0, ring[i]!);
        x1 = Math.max(x1, ring[i]!);
        y0 = Math.min(y0, ring[i + 1]!);
        y1 = Math.max(y1, ring[i + 1]!);
      }
    const [tx, ty] = projection.translate();
    projection.translate([tx - x0 + pad, ty - y0 + pad]);
    const worldW = x1 - x0 + 2 * pad;
    const worldH = y1 - y0 + 2 * pad;
    const minZoom = Math.min(gw / worldW, gh / worldH);
    frame = {
      screenW: gw,
      screenH: gh,
      worldW,
      worldH,
      minZoom,
      maxZoom: (options.maxZoom ?? 10) * minZoom,
    };
    project = (lonLat) => {
      const p = projection([lonLat[0], lonLat[1]]);
      return p ? [p[0], p[1]] : [0, 0];
    };
    const countries = projectCountries(shapes, projection).sort((a, b) => b.area - a.area);
    if (game.scale.zoom !== 1 / dpr) game.scale.setZoom(1 / dpr);
    game.scale.resize(gw, gh);
    scene.setGeometry(
      { countries, sphere: projectRings({ type: 'Sphere' }, projection), worldW, worldH, project },
      dpr,
      gw,
      gh,
    );
    if (relative)
      setView({
        cx: relative.x * worldW,
        cy: relative.y * worldH,
        zoom: (view.zoom / previousMin) * minZoom,
      });
    else setView(homeView());
  };
  layout();

  // Pointer position in device pixels on the canvas.
  const screenPoint = (event: { clientX: number; clientY: number }) => {
    const box = root.getBoundingClientRect();
    const x = event.clientX - box.left;
    const y = event.clientY - box.top;
    return { x, y, sx: x * size.dpr, sy: y * size.dpr };
  };

  const hitAt = (sx: number, sy: number) => {
    const [wx, wy] = toWorld(view, frame, sx, sy);
    return scene.hitTest(wx, wy);
  };

  const actorOf = (hit: MapHit | null): string | null => {
    if (!hit || !model) return null;
    if (hit.kind === 'actor') return hit.id;
    if (hit.kind === 'country' && hit.iso !== null) return model.countries[hit.iso]?.actor ?? null;
    return null;
  };

  const refreshHighlight = () => {
    const iso = hovered?.kind === 'country' ? hovered.iso : null;
    scene.setHighlight({ actor: actorOf(hovered) ?? selected, iso });
    // What is chosen, on the element: keyboard users' tests and styles can read it.
    root.dataset.selected = selected ?? '';
  };

  let tipAt = { x: 0, y: 0 };
  const showTip = (hit: MapHit | null, x: number, y: number) => {
    tipAt = { x, y };
    const description = hit ? scene.describe(hit) : null;
    if (description) tip.show(description, x, y);
    else tip.hide();
  };

  const targetOf = (hit: MapHit): MapTarget | null => {
    const actor = actorOf(hit);
    if (actor) return { kind: 'actor', id: actor };
    if (hit.kind === 'crisis') {
      const region = model?.crises.find((c) => c.uid === hit.uid)?.region;
      return region ? { kind: 'region', id: region } : null;
    }
    if (hit.kind === 'country' && hit.iso !== null) {
      const region = model?.countries[hit.iso]?.region;
      return region ? { kind: 'region', id: region } : null;
    }
    return null;
  };

  // --- Pointer: drag to pan, pinch to zoom, hover and tap for tooltips. ---
  const pointers = new Map<number, { sx: number; sy: number }>();
  let press: { x: number; y: number; moved: boolean } | null = null;
  let pinchDistance = 0;

  const onPointerDown = (event: PointerEvent) => {
    if (event.button !== 0 && event.pointerType === 'mouse') return;
    host.setPointerCapture(event.pointerId);
    const p = screenPoint(event);
    pointers.set(event.pointerId, { sx: p.sx, sy: p.sy });
    if (pointers.size === 1) press = { x: p.x, y: p.y, moved: false };
    if (pointers.size === 2) {
      const [a, b] = [...pointers.values()];
      pinchDistance = Math.hypot(a!.sx - b!.sx, a!.sy - b!.sy);
      if (press) press.moved = true;
    }
  };

  const onPointerMove = (event: PointerEvent) => {
    const p = screenPoint(event);
    const last = pointers.get(event.pointerId);
    if (!last) {
      // Hovering with a mouse or pen: a live tooltip, unless one is pinned by a click.
      if (event.pointerType === 'touch' || pinned) return;
      hovered = hitAt(p.sx, p.sy);
      refreshHighlight();
      showTip(hovered, p.x, p.y);
      host.style.cursor = hovered && targetOf(hovered) ? 'pointer' : 'grab';
      return;
    }
    if (pointers.size === 2) {
      pointers.set(event.pointerId, { sx: p.sx, sy: p.sy });
      const [a, b] = [...pointers.values()];
      const distance = Math.hypot(a!.sx - b!.sx, a!.sy - b!.sy);
      if (pinchDistance > 0 && distance > 0)
        setView(
          zoomAt(view, frame, distance / pinchDistance, (a!.sx + b!.sx) / 2, (a!.sy + b!.sy) / 2),
        );
      pinchDistance = distance;
      return;
    }
    if (press && !press.moved && Math.hypot(p.x - press.x, p.y - press.y) < TAP_SLOP) return;
    if (press && !press.moved) {
      press.moved = true;
      host.style.cursor = 'grabbing';
    }
    setView(panBy(view, frame, p.sx - last.sx, p.sy - last.sy));
    pointers.set(event.pointerId, { sx: p.sx, sy: p.sy });
  };

  const onPointerUp = (event: PointerEvent) => {
    if (!pointers.has(event.pointerId)) return;
    pointers.delete(event.pointerId);
    if (pointers.size > 0) return;
    host.style.cursor = 'grab';
    const tap = press && !press.moved && event.type === 'pointerup';
    press = null;
    if (!tap) return;
    const p = screenPoint(event);
    const hit = hitAt(p.sx, p.sy);
    const target = hit ? targetOf(hit) : null;
    hovered = hit;
    selected = hit ? actorOf(hit) : null;
    refreshHighlight();
    // A tap pins the tooltip (touch has no hover; a mouse keeps hovering); tapping the ocean clears it.
    pinned = hit !== null && event.pointerType !== 'mouse';
    showTip(hit, p.x, p.y);
    if (target) for (const listener of listeners) listener(target);
  };

  const onPointerLeave = (event: PointerEvent) => {
    if (event.pointerType === 'touch' || pinned || pointers.size > 0) return;
    hovered = null;
    refreshHighlight();
    tip.hide();
  };

  const onWheel = (event: WheelEvent) => {
    event.preventDefault();
    const p = screenPoint(event);
    // Lines (deltaMode 1) from some mice: scale them to pixels.
    const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
    setView(zoomAt(view, frame, Math.exp(-delta * 0.0015), p.sx, p.sy));
  };

  const zoomCentre = (factor: number) =>
    setView(zoomAt(view, frame, factor, frame.screenW / 2, frame.screenH / 2));

  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== root) return;
    const step = KEY_PAN * size.dpr;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [step, 0],
      ArrowRight: [-step, 0],
      ArrowUp: [0, step],
      ArrowDown: [0, -step],
    };
    const move = moves[event.key];
    if (move) setView(panBy(view, frame, move[0], move[1]));
    else if (event.key === '+' || event.key === '=') zoomCentre(1.4);
    else if (event.key === '-' || event.key === '_') zoomCentre(1 / 1.4);
    else if (event.key === '0') setView(wholeWorld());
    else if (event.key === 'Escape') {
      selected = null;
      pinned = false;
      tip.hide();
      refreshHighlight();
      return;
    } else return;
    event.preventDefault();
  };

  host.addEventListener('pointerdown', onPointerDown);
  host.addEventListener('pointermove', onPointerMove);
  host.addEventListener('pointerup', onPointerUp);
  host.addEventListener('pointercancel', onPointerUp);
  host.addEventListener('pointerleave', onPointerLeave);
  host.addEventListener('wheel', onWheel, { passive: false });
  root.addEventListener('keydown', onKeyDown);

  const zoom = zoomControls({
    zoomIn: () => zoomCentre(1.5),
    zoomOut: () => zoomCentre(1 / 1.5),
    reset: () => setView(wholeWorld()),
  });
  const legend = tieLegend((levels) => scene.setVisibleLevels(levels));
  root.append(zoom.element, legend.element, tip.element);

  // Resize with the parent; one relayout per frame at most while a window is dragged.
  let pending = 0;
  const observer = new ResizeObserver(() => {
    if (pending) return;
    pending = requestAnimationFrame(() => {
      pending = 0;
      const next = sizes();
      if (next.gw !== size.gw || next.gh !== size.gh || next.dpr !== size.dpr) layout();
    });
  });
  observer.observe(root);

  return {
    element: root,
    update(next) {
      model = next;
      scene.setModel(next);
      crises.render(next);
      actors.render(next);
      crises.place(pointOf, root.clientWidth);
      // Keep an open tooltip's numbers current (or close it if its subject is gone).
      if (tip.visible && hovered) showTip(hovered, tipAt.x, tipAt.y);
    },
    resize: layout,
    pointOf,
    onSelect(callback) {
      listeners.add(callback);
      return () => listeners.delete(callback);
    },
    focus(id) {
      selected = null;
      if (id === null || !model) {
        refreshHighlight();
        return;
      }
      const actor = model.actorById[id];
      const region = model.regionById[id];
      const at = actor?.capital ?? region?.anchor;
      if (!at) return;
      if (actor) selected = actor.id;
      refreshHighlight();
      const [cx, cy] = project(at);
      setView({ cx, cy, zoom: Math.max(view.zoom, 2.5 * frame.minZoom) });
    },
    snapshot() {
      return new Promise<string | null>((resolve) => {
        game.renderer.snapshot((image) =>
          resolve(image instanceof HTMLImageElement ? image.src : null),
        );
        scene.repaint();
      });
    },
    destroy() {
      observer.disconnect();
      if (pending) cancelAnimationFrame(pending);
      listeners.clear();
      // Phaser tears down on its next step: a sleeping loop must be woken for that.
      if (!game.loop.running) game.loop.wake();
      game.destroy(true);
      root.remove();
    },
  };
}
