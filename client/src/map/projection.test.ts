import type { Topology } from 'topojson-specification';
import { describe, expect, it } from 'vitest';
import atlas from 'world-atlas/countries-110m.json';
import {
  countriesFromTopology,
  countryContains,
  fitProjection,
  projectCountries,
  widestSegment,
} from './projection.ts';

const shapes = countriesFromTopology(atlas as unknown as Topology);

describe('projection', () => {
  for (const [width, height] of [
    [1920, 1080],
    [360, 640],
  ] as const) {
    const projection = fitProjection(width, height, 8);
    const countries = projectCountries(shapes, projection);
    const byIso = (iso: number) => countries.find((c) => c.iso === iso)!;

    it(`keeps every country inside ${width}×${height}`, () => {
      for (const c of countries) {
        expect(c.bounds[0]).toBeGreaterThanOrEqual(-0.5);
        expect(c.bounds[2]).toBeLessThanOrEqual(width + 0.5);
        expect(c.bounds[1]).toBeGreaterThanOrEqual(-0.5);
        expect(c.bounds[3]).toBeLessThanOrEqual(height + 0.5);
      }
    });

    it(`cuts Russia and Fiji at the antimeridian instead of smearing them (${width}×${height})`, () => {
      for (const iso of [643, 242]) {
        const country = byIso(iso);
        // Both cross 180°: they come out in pieces on both edges of the map…
        expect(country.rings.length).toBeGreaterThan(1);
        expect(country.bounds[2] - country.bounds[0]).toBeGreaterThan(width / 2);
        // …yet no single segment runs across the map.
        expect(widestSegment(country.rings)).toBeLessThan(width / 2);
      }
    });

    it(`would smear them if vertices were projected one by one (${width}×${height})`, () => {
      // The control for the test above: the detector does see a smear.
      const russia = shapes.find((s) => s.iso === 643)!;
      if (russia.geometry.type !== 'MultiPolygon') throw new Error('Russia is a MultiPolygon');
      const naive = russia.geometry.coordinates.flatMap((polygon) =>
        polygon.map((ring) => ring.flatMap((p) => projection(p as [number, number])!)),
      );
      expect(widestSegment(naive)).toBeGreaterThan(width / 2);
    });

    it(`finds the country under a point (${width}×${height})`, () => {
      const [x, y] = projection([116.4, 39.9])!;
      const hit = countries.filter((c) => countryContains(c, x, y)).map((c) => c.iso);
      expect(hit).toEqual([156]);
      // Lesotho is a hole in South Africa: a point in it is not in South Africa.
      const [lx, ly] = projection([28.2, -29.6])!;
      expect(countryContains(byIso(426), lx, ly)).toBe(true);
      expect(countryContains(byIso(710), lx, ly)).toBe(false);
    });
  }

  it('gives the uncoded atlas shapes a country to belong to', () => {
    expect(shapes.filter((s) => s.iso === null)).toEqual([]);
    expect(shapes.find((s) => s.name === 'Kosovo')?.iso).toBe(688);
  });
});
