import { describe, expect, it } from 'vitest';
import { clampView, type Frame, panBy, toWorld, zoomAt } from './view-state.ts';

const frame: Frame = {
  screenW: 800,
  screenH: 600,
  worldW: 800,
  worldH: 400,
  minZoom: 1,
  maxZoom: 8,
};

describe('view state', () => {
  it('centres a world that fits and keeps a zoomed one on screen', () => {
    expect(clampView({ cx: 0, cy: 0, zoom: 1 }, frame)).toEqual({ cx: 400, cy: 200, zoom: 1 });
    // At ×4 the screen shows 200×150 world units: the centre stays 100/75 from the edges.
    expect(clampView({ cx: -50, cy: 1000, zoom: 4 }, frame)).toEqual({ cx: 100, cy: 325, zoom: 4 });
    expect(clampView({ cx: 400, cy: 200, zoom: 100 }, frame).zoom).toBe(8);
  });

  it('zooms about the pointer', () => {
    const before = { cx: 400, cy: 200, zoom: 2 };
    const after = zoomAt(before, frame, 2, 500, 350);
    expect(after.zoom).toBe(4);
    expect(toWorld(after, frame, 500, 350)).toEqual(toWorld(before, frame, 500, 350));
  });

  it('pans with the drag and stops at the edge', () => {
    const view = { cx: 400, cy: 200, zoom: 2 };
    expect(panBy(view, frame, 100, 0).cx).toBe(350);
    expect(panBy(view, frame, 10_000, 0).cx).toBe(200);
  });
});
