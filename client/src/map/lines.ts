/**
 * Line geometry for ties: gently curved capital-to-capital arcs (so lines
 * that share a capital fan out instead of overlapping) and dashing, which
 * Phaser's Graphics does not do.
 */

export type Point = readonly [number, number];

/**
 * A quadratic curve from a to b bowed sideways by `bend` × its length,
 * sampled into points. It bows to the same side of a→b every time, so a
 * caller that passes each pair in a fixed order gets a stable curve.
 */
export function arc(a: Point, b: Point, bend = 0.12, samples = 24): Point[] {
  const [x0, y0] = a;
  const [x1, y1] = b;
  const dx = x1 - x0;
  const dy = y1 - y0;
  // Perpendicular offset at the midpoint.
  const cx = (x0 + x1) / 2 - dy * bend;
  const cy = (y0 + y1) / 2 + dx * bend;
  const points: Point[] = [];
  for (let i = 0; i <= samples; i++) {
    const t = i / samples;
    const u = 1 - t;
    points.push([
      u * u * x0 + 2 * u * t * cx + t * t * x1,
      u * u * y0 + 2 * u * t * cy + t * t * y1,
    ]);
  }
  return points;
}

/** The point halfway along a polyline (by length): where a tie's label goes. */
export function midpoint(points: readonly Point[]): Point {
  const half = length(points) / 2;
  let walked = 0;
  for (let i = 1; i < points.length; i++) {
    const [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    const step = Math.hypot(x1 - x0, y1 - y0);
    if (walked + step >= half && step > 0) {
      const t = (half - walked) / step;
      return [x0 + (x1 - x0) * t, y0 + (y1 - y0) * t];
    }
    walked += step;
  }
  return points[0] ?? [0, 0];
}

export function length(points: readonly Point[]): number {
  let total = 0;
  for (let i = 1; i < points.length; i++)
    total += Math.hypot(points[i]![0] - points[i - 1]![0], points[i]![1] - points[i - 1]![1]);
  return total;
}

/**
 * Cuts a polyline into dashes of `on` length separated by `off` gaps
 * (same units as the points); each dash is a polyline of its own, so dashes
 * follow curves. Very short dashes become dots when stroked with round-ish width.
 */
export function dashes(points: readonly Point[], on: number, off: number): Point[][] {
  const out: Point[][] = [];
  if (on <= 0 || points.length < 2) return [points.slice()];
  let drawing = true;
  let left = on;
  let current: Point[] = [points[0]!];
  for (let i = 1; i < points.length; i++) {
    let [x0, y0] = points[i - 1]!;
    const [x1, y1] = points[i]!;
    let step = Math.hypot(x1 - x0, y1 - y0);
    while (step > left) {
      const t = left / step;
      const x = x0 + (x1 - x0) * t;
      const y = y0 + (y1 - y0) * t;
      if (drawing) {
        current.push([x, y]);
        out.push(current);
      } else current = [[x, y]];
      drawing = !drawing;
      step -= left;
      left = drawing ? on : off;
      [x0, y0] = [x, y];
    }
    left -= step;
    if (drawing) current.push([x1, y1]);
  }
  if (drawing && current.length > 1) out.push(current);
  return out;
}
