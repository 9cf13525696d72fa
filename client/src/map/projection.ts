/**
 * World geometry for the map: country outlines from world-atlas, projected
 * with Equal Earth into flat pixel rings that any renderer can fill.
 *
 * Geometry goes through d3-geo's path *stream* (geoPath with a recording
 * context) rather than projecting vertices one by one: the stream applies
 * the projection's antimeridian clipping and adaptive resampling, so Russia's
 * Chukotka and Fiji are cut at the map edge instead of drawing a line across
 * the whole world.
 */
import {
  type GeoContext,
  type GeoPermissibleObjects,
  type GeoProjection,
  geoEqualEarth,
  geoPath,
} from 'd3-geo';
import type { Feature, Geometry } from 'geojson';
import { feature } from 'topojson-client';
import type { GeometryCollection, Topology } from 'topojson-specification';

/** A closed ring as flat coordinates [x0, y0, x1, y1, …] in map pixels. */
export type Ring = number[];

export interface CountryShape {
  /** ISO 3166-1 numeric code; null for the few atlas shapes without one. */
  iso: number | null;
  name: string;
  geometry: Geometry;
}

export interface ProjectedCountry {
  iso: number | null;
  name: string;
  rings: Ring[];
  /** [minX, minY, maxX, maxY] over all rings. */
  bounds: [number, number, number, number];
  /** Absolute projected area (outer rings minus nothing): for draw order and hit priority. */
  area: number;
}

/**
 * Atlas shapes without an ISO code, attached to the country whose colour
 * they should take (a diplomacy map, not a statement on recognition).
 */
const UNCODED: Record<string, number> = { Kosovo: 688, 'N. Cyprus': 196, Somaliland: 706 };

/** Countries of a world-atlas topology (its `countries` object). */
export function countriesFromTopology(topology: Topology): CountryShape[] {
  const object = topology.objects.countries as GeometryCollection<{ name?: string }>;
  const collection = feature(topology, object);
  return collection.features.map((f: Feature<Geometry, { name?: string } | null>) => {
    const name = f.properties?.name ?? '';
    const iso = f.id !== undefined ? Number(f.id) : (UNCODED[name] ?? null);
    return { iso, name, geometry: f.geometry };
  });
}

/** Fetches and decodes the atlas (served as a static asset, not bundled). */
export async function loadCountries(url: string): Promise<CountryShape[]> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`The world atlas did not load (${response.status}).`);
  return countriesFromTopology((await response.json()) as Topology);
}

/** Equal Earth (equal-area, so regions compare fairly) fitted inside width × height. */
export function fitProjection(width: number, height: number, padding = 0): GeoProjection {
  const pad = Math.min(padding, width / 4, height / 4);
  return geoEqualEarth().fitExtent(
    [
      [pad, pad],
      [Math.max(pad + 1, width - pad), Math.max(pad + 1, height - pad)],
    ],
    { type: 'Sphere' },
  );
}

/** A GeoContext that records the stream's path commands as rings. */
class RingRecorder implements GeoContext {
  readonly rings: Ring[] = [];
  private current: Ring | null = null;

  beginPath(): void {}

  moveTo(x: number, y: number): void {
    this.current = [x, y];
    this.rings.push(this.current);
  }

  lineTo(x: number, y: number): void {
    if (!this.current) this.moveTo(x, y);
    else this.current.push(x, y);
  }

  closePath(): void {
    this.current = null;
  }

  /** Only Point geometries produce arcs; the map has none. */
  arc(): void {}
}

/** Any GeoJSON object projected into pixel rings (or polylines, for lines). */
export function projectRings(object: GeoPermissibleObjects, projection: GeoProjection): Ring[] {
  const recorder = new RingRecorder();
  geoPath(projection, recorder)(object);
  // Degenerate slivers (fewer than 3 points) come from clipping; they fill nothing.
  return recorder.rings.filter((ring) => ring.length >= 6);
}

/** Signed area of a flat ring (shoelace). */
function ringArea(ring: Ring): number {
  let sum = 0;
  const n = ring.length;
  for (let i = 0; i < n; i += 2) {
    const j = (i + 2) % n;
    sum += ring[i]! * ring[j + 1]! - ring[j]! * ring[i + 1]!;
  }
  return sum / 2;
}

export function projectCountries(
  shapes: CountryShape[],
  projection: GeoProjection,
): ProjectedCountry[] {
  return shapes.map((shape) => {
    const rings = projectRings(shape.geometry, projection);
    const bounds: [number, number, number, number] = [
      Number.POSITIVE_INFINITY,
      Number.POSITIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
      Number.NEGATIVE_INFINITY,
    ];
    let area = 0;
    for (const ring of rings) {
      area += Math.abs(ringArea(ring));
      for (let i = 0; i < ring.length; i += 2) {
        bounds[0] = Math.min(bounds[0], ring[i]!);
        bounds[1] = Math.min(bounds[1], ring[i + 1]!);
        bounds[2] = Math.max(bounds[2], ring[i]!);
        bounds[3] = Math.max(bounds[3], ring[i + 1]!);
      }
    }
    return { iso: shape.iso, name: shape.name, rings, bounds, area };
  });
}

/** Even-odd point-in-country test over all rings, so holes (Lesotho in South Africa) stay out. */
export function countryContains(country: ProjectedCountry, x: number, y: number): boolean {
  const [x0, y0, x1, y1] = country.bounds;
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  let inside = false;
  for (const ring of country.rings) {
    const n = ring.length;
    for (let i = 0, j = n - 2; i < n; j = i, i += 2) {
      const xi = ring[i]!;
      const yi = ring[i + 1]!;
      const xj = ring[j]!;
      const yj = ring[j + 1]!;
      if (yi > y !== yj > y && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** The longest horizontal jump between consecutive points of any ring (the smear detector). */
export function widestSegment(rings: Ring[]): number {
  let widest = 0;
  for (const ring of rings)
    for (let i = 2; i < ring.length; i += 2)
      widest = Math.max(widest, Math.abs(ring[i]! - ring[i - 2]!));
  return widest;
}
