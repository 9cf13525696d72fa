/**
 * The map's visual vocabulary, shared by the Phaser scene and the DOM legend
 * so that both always agree. Tie levels differ by pattern and width as well
 * as colour, so they read without colour vision too.
 */

export interface TieStyle {
  /** Tie level 1..4. */
  level: number;
  label: string;
  colour: string;
  /** Line width in CSS pixels. */
  width: number;
  /** Dash pattern in CSS pixels [on, off]; null for a solid line. */
  dash: readonly [number, number] | null;
  /** Drawn twice (a dark casing under a light core): the strongest commitment. */
  cased: boolean;
  /** Opacity when nothing is highlighted: weak ties recede. */
  alpha: number;
}

export const TIE_STYLES: readonly TieStyle[] = [
  {
    level: 1,
    label: 'Dialogue',
    colour: '#b8c4d2',
    width: 1,
    dash: [1.5, 4],
    cased: false,
    alpha: 0.45,
  },
  {
    level: 2,
    label: 'Partnership',
    colour: '#56b4e9',
    width: 1.6,
    dash: [7, 5],
    cased: false,
    alpha: 0.6,
  },
  {
    level: 3,
    label: 'Strategic',
    colour: '#f0a830',
    width: 2.4,
    dash: null,
    cased: false,
    alpha: 0.75,
  },
  {
    level: 4,
    label: 'Alliance',
    colour: '#ffffff',
    width: 3.4,
    dash: null,
    cased: true,
    alpha: 0.9,
  },
];

export function tieStyle(level: number): TieStyle {
  return TIE_STYLES[Math.min(Math.max(level, 1), 4) - 1]!;
}

export const OCEAN = '#0e2034';
export const BACKGROUND = '#060d17';
/** Land outside every region and actor. */
export const LAND_NEUTRAL = '#3a4350';
/** Land in a region, before any leading actor tints it. */
export const LAND_REGION = '#56606e';
export const BORDER = '#0a121c';
export const HOVER = '#ffffff';

/** '#rrggbb' → 0xrrggbb, the form Phaser takes. */
export function hexNumber(colour: string): number {
  return Number.parseInt(colour.slice(1, 7), 16);
}

/** Mixes two '#rrggbb' colours: t = 0 gives `from`, 1 gives `to`. */
export function mix(from: string, to: string, t: number): string {
  const a = hexNumber(from);
  const b = hexNumber(to);
  const channel = (shift: number) => {
    const x = (a >> shift) & 255;
    const y = (b >> shift) & 255;
    return Math.round(x + (y - x) * t);
  };
  const value = (channel(16) << 16) | (channel(8) << 8) | channel(0);
  return `#${value.toString(16).padStart(6, '0')}`;
}

/** Relative luminance (WCAG), to pick dark or light text on a colour. */
export function luminance(colour: string): number {
  const n = hexNumber(colour);
  const lin = (c: number) => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin((n >> 16) & 255) + 0.7152 * lin((n >> 8) & 255) + 0.0722 * lin(n & 255);
}
