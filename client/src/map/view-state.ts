/**
 * Zoom and pan as plain numbers: the world point at the centre of the
 * screen and a zoom factor. Kept apart from Phaser so the clamping rules can
 * be tested and reasoned about on their own.
 */

export interface ViewState {
  /** World point shown at the centre of the screen. */
  cx: number;
  cy: number;
  zoom: number;
}

export interface Frame {
  /** Screen (game canvas) size in device pixels. */
  screenW: number;
  screenH: number;
  /** World (projected map) size; the map is drawn in [0, worldW] × [0, worldH]. */
  worldW: number;
  worldH: number;
  minZoom: number;
  maxZoom: number;
}

/**
 * Keeps the view on the world: zoom within its range, and the centre such
 * that no edge of the world leaves a gap on screen unless the whole world
 * already fits that way (then it is centred).
 */
export function clampView(view: ViewState, frame: Frame): ViewState {
  const zoom = Math.min(frame.maxZoom, Math.max(frame.minZoom, view.zoom));
  const axis = (centre: number, screen: number, world: number) => {
    const half = screen / (2 * zoom);
    if (2 * half >= world) return world / 2;
    return Math.min(world - half, Math.max(half, centre));
  };
  return {
    zoom,
    cx: axis(view.cx, frame.screenW, frame.worldW),
    cy: axis(view.cy, frame.screenH, frame.worldH),
  };
}

/** Screen point (device pixels) → world point. */
export function toWorld(view: ViewState, frame: Frame, sx: number, sy: number): [number, number] {
  return [
    view.cx + (sx - frame.screenW / 2) / view.zoom,
    view.cy + (sy - frame.screenH / 2) / view.zoom,
  ];
}

/** Zooms by `factor` keeping the world point under (sx, sy) where it is (wheel, pinch). */
export function zoomAt(
  view: ViewState,
  frame: Frame,
  factor: number,
  sx: number,
  sy: number,
): ViewState {
  const [wx, wy] = toWorld(view, frame, sx, sy);
  const zoom = Math.min(frame.maxZoom, Math.max(frame.minZoom, view.zoom * factor));
  return clampView(
    {
      zoom,
      cx: wx - (sx - frame.screenW / 2) / zoom,
      cy: wy - (sy - frame.screenH / 2) / zoom,
    },
    frame,
  );
}

/** Moves the view by a screen-space drag of (dx, dy) device pixels. */
export function panBy(view: ViewState, frame: Frame, dx: number, dy: number): ViewState {
  return clampView({ ...view, cx: view.cx - dx / view.zoom, cy: view.cy - dy / view.zoom }, frame);
}
