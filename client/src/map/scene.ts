/**
 * The Phaser scene that paints the map. It knows nothing about the DOM or
 * input: world-map.ts feeds it geometry, a model, the view (zoom and pan) and
 * what to highlight, and asks it what lies under a point.
 *
 * Everything is drawn in device pixels; widths and text sizes given in CSS
 * pixels are multiplied by `dpr` and divided by the zoom, so lines and
 * labels keep their on-screen size and stay crisp at every zoom.
 */
import * as Phaser from 'phaser';
import { describeHit, type MapHit } from './describe.ts';
import { arc, dashes, midpoint, type Point } from './lines.ts';
import type { MapModel, MapTie } from './model.ts';
import { countryContains, type ProjectedCountry, type Ring } from './projection.ts';
import {
  BACKGROUND,
  BORDER,
  HOVER,
  hexNumber,
  LAND_NEUTRAL,
  LAND_REGION,
  luminance,
  mix,
  OCEAN,
  tieStyle,
} from './styles.ts';
import type { ViewState } from './view-state.ts';

export interface SceneGeometry {
  /** Countries, largest first (the draw order: enclaves end up on top). */
  countries: ProjectedCountry[];
  /** The outline of the globe in this projection: the ocean. */
  sphere: Ring[];
  worldW: number;
  worldH: number;
  /** Projects [lon, lat] to world pixels. */
  project: (lonLat: readonly [number, number]) => Point;
}

export interface Highlight {
  /** Actor whose countries and ties stand out. */
  actor: string | null;
  /** Country under the pointer (outlined). */
  iso: number | null;
}

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif';
/** Hit radius of a capital in CSS pixels: generous enough for fingers. */
const CAPITAL_HIT = 10;

/** [left, top, right, bottom] in screen pixels (world × zoom: panning shifts all alike). */
type Box = [number, number, number, number];

function overlaps(box: Box, boxes: readonly Box[]): boolean {
  return boxes.some((p) => box[0] < p[2] && box[2] > p[0] && box[1] < p[3] && box[3] > p[1]);
}

interface ActorLabel {
  id: string;
  at: Point;
  priority: number;
  text: Phaser.GameObjects.Text;
}

export class MapScene extends Phaser.Scene {
  private geometry: SceneGeometry | null = null;
  private model: MapModel | null = null;
  private view: ViewState = { cx: 0, cy: 0, zoom: 1 };
  private dpr = 1;
  private highlight: Highlight = { actor: null, iso: null };
  private levels = new Set([1, 2, 3, 4]);

  private fills!: Phaser.GameObjects.Graphics;
  private borders!: Phaser.GameObjects.Graphics;
  private outline!: Phaser.GameObjects.Graphics;
  private ties!: Phaser.GameObjects.Graphics;
  private capitals!: Phaser.GameObjects.Graphics;
  private labels: ActorLabel[] = [];
  /** Screen boxes of the emblem labels shown at the current zoom. */
  private labelBoxes: Box[] = [];
  private tieLabels: Phaser.GameObjects.Text[] = [];
  /** Ordered smallest first: the most specific country wins a hit test. */
  private hitOrder: ProjectedCountry[] = [];
  private readyCallback: (() => void) | null;
  /** What the current labels and markers were built from (see rebuildObjects). */
  private objectsKey = '';
  private idleFrames = 0;
  /** The camera moved since the last frame (a pan repaints without redrawing). */
  private viewMoved = false;

  /** What needs repainting before the next frame (several changes coalesce into one paint). */
  private dirty = { fills: false, zoomed: false, ties: false, overlays: false };

  constructor(onReady: () => void) {
    super({ key: 'world-map' });
    this.readyCallback = onReady;
  }

  create(): void {
    this.cameras.main.setBackgroundColor(BACKGROUND);
    this.fills = this.add.graphics();
    this.borders = this.add.graphics();
    this.outline = this.add.graphics();
    this.ties = this.add.graphics();
    this.capitals = this.add.graphics();
    this.readyCallback?.();
    this.readyCallback = null;
  }

  override update(): void {
    if (!this.geometry) return;
    const d = this.dirty;
    // Nothing moves on its own: after a couple of unchanged frames the loop
    // sleeps (no CPU or GPU use) until a setter wakes it.
    if (!d.fills && !d.zoomed && !d.ties && !d.overlays && !this.viewMoved) {
      if (++this.idleFrames >= 2) this.game.loop.sleep();
      return;
    }
    this.idleFrames = 0;
    this.viewMoved = false;
    if (d.fills) this.drawFills();
    if (d.fills || d.zoomed) this.drawBorders();
    if (d.fills || d.zoomed || d.overlays) this.drawOutline();
    // Capitals first: tie labels avoid the emblem labels placed there.
    if (d.fills || d.zoomed) this.drawCapitals();
    if (d.fills || d.zoomed || d.ties || d.overlays) this.drawTies();
    this.dirty = { fills: false, zoomed: false, ties: false, overlays: false };
  }

  /** New projection (first load or a resize): every object is rebuilt. */
  setGeometry(geometry: SceneGeometry, dpr: number, screenW: number, screenH: number): void {
    this.cameras.main.setSize(screenW, screenH);
    this.geometry = geometry;
    this.dpr = dpr;
    this.hitOrder = [...geometry.countries].sort((a, b) => a.area - b.area);
    // Label and marker sizes depend on the pixel ratio.
    for (const text of this.tieLabels) text.destroy();
    this.tieLabels = [];
    this.rebuildObjects();
    this.dirty.fills = true;
    this.wake();
  }

  setModel(model: MapModel): void {
    this.model = model;
    this.rebuildObjects();
    this.dirty.fills = true;
    this.wake();
  }

  setView(view: ViewState): void {
    const zoomed = view.zoom !== this.view.zoom;
    this.view = view;
    const camera = this.cameras.main;
    camera.setZoom(view.zoom);
    camera.centerOn(view.cx, view.cy);
    if (zoomed) this.dirty.zoomed = true;
    this.viewMoved = true;
    this.wake();
  }

  /** Paints one more frame even though nothing changed (a snapshot is taken at a frame's end). */
  repaint(): void {
    this.viewMoved = true;
    this.wake();
  }

  /** Restarts the game loop if it went to sleep, so the next change is painted. */
  private wake(): void {
    this.idleFrames = 0;
    if (!this.game.loop.running) this.game.loop.wake();
  }

  setHighlight(highlight: Highlight): void {
    if (highlight.actor === this.highlight.actor && highlight.iso === this.highlight.iso) return;
    this.highlight = highlight;
    this.dirty.overlays = true;
    this.wake();
  }

  setVisibleLevels(levels: ReadonlySet<number>): void {
    this.levels = new Set(levels);
    this.dirty.ties = true;
    this.wake();
  }

  /** CSS pixels → world units at the current zoom. */
  private px(css: number): number {
    return (css * this.dpr) / this.view.zoom;
  }

  /**
   * Recreates the emblem labels, but only when what they show changed: a
   * model update arrives with every command.
   */
  private rebuildObjects(): void {
    const { geometry, model } = this;
    const key = model
      ? JSON.stringify([
          this.dpr,
          geometry?.worldW,
          geometry?.worldH,
          model.actors.map((a) => [a.id, a.emblem, a.colour, a.isViewer, a.seat]),
        ])
      : '';
    if (key === this.objectsKey) return;
    this.objectsKey = key;
    for (const label of this.labels) label.text.destroy();
    this.labels = [];
    if (!geometry || !model) return;
    for (const [i, actor] of model.actors.entries()) {
      const dark = luminance(actor.colour) > 0.35;
      const text = this.add
        .text(0, 0, actor.emblem, {
          fontFamily: FONT,
          fontSize: `${11 * this.dpr}px`,
          fontStyle: 'bold',
          color: dark ? '#0b0f14' : '#ffffff',
          backgroundColor: actor.colour,
          padding: { x: 3 * this.dpr, y: 1 * this.dpr },
        })
        .setOrigin(0.5, 1)
        .setDepth(actor.isViewer ? 31 : 30);
      // Seats first, the viewer before all: their labels win collisions.
      const priority = (actor.isViewer ? 0 : actor.seat ? 100 : 200) + i;
      this.labels.push({ id: actor.id, at: geometry.project(actor.capital), priority, text });
    }
    this.labels.sort((a, b) => a.priority - b.priority);
  }

  private countryColour(country: ProjectedCountry): string {
    const model = this.model;
    const info = country.iso !== null ? model?.countries[country.iso] : undefined;
    if (!model || !info) return LAND_NEUTRAL;
    const owner = info.actor ? model.actorById[info.actor] : undefined;
    if (owner) return owner.colour;
    const region = info.region ? model.regionById[info.region] : undefined;
    if (!region) return LAND_NEUTRAL;
    const lead = region.lead ? model.actorById[region.lead.actor] : undefined;
    // A faint tint that deepens with the lead's influence: ownership stays unmistakable.
    return lead ? mix(LAND_REGION, lead.colour, 0.18 + 0.4 * region.strength) : LAND_REGION;
  }

  private drawFills(): void {
    const g = this.fills;
    const geometry = this.geometry!;
    g.clear();
    g.fillStyle(hexNumber(OCEAN), 1);
    for (const ring of geometry.sphere) this.fillRing(g, ring);
    for (const country of geometry.countries) {
      g.fillStyle(hexNumber(this.countryColour(country)), 1);
      for (const ring of country.rings) this.fillRing(g, ring);
    }
  }

  private fillRing(g: Phaser.GameObjects.Graphics, ring: Ring): void {
    g.beginPath();
    g.moveTo(ring[0]!, ring[1]!);
    for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i]!, ring[i + 1]!);
    g.closePath();
    g.fillPath();
  }

  private strokeRing(g: Phaser.GameObjects.Graphics, ring: Ring): void {
    g.beginPath();
    g.moveTo(ring[0]!, ring[1]!);
    for (let i = 2; i < ring.length; i += 2) g.lineTo(ring[i]!, ring[i + 1]!);
    g.closePath();
    g.strokePath();
  }

  private drawBorders(): void {
    const g = this.borders;
    g.clear();
    g.lineStyle(this.px(0.6), hexNumber(BORDER), 0.9);
    for (const country of this.geometry!.countries)
      for (const ring of country.rings) this.strokeRing(g, ring);
    g.lineStyle(this.px(1), 0x2a3d55, 1);
    for (const ring of this.geometry!.sphere) this.strokeRing(g, ring);
  }

  /** Outlines the hovered country and every country of the highlighted actor. */
  private drawOutline(): void {
    const g = this.outline;
    g.clear();
    const { model, geometry, highlight } = this;
    if (!model || !geometry) return;
    g.lineStyle(this.px(1.8), hexNumber(HOVER), 0.95);
    for (const country of geometry.countries) {
      const info = country.iso !== null ? model.countries[country.iso] : undefined;
      const mine = highlight.actor !== null && info?.actor === highlight.actor;
      if (mine || (highlight.iso !== null && country.iso === highlight.iso))
        for (const ring of country.rings) this.strokeRing(g, ring);
    }
  }

  private tieVisible(tie: MapTie): boolean {
    const actor = this.highlight.actor;
    // A highlighted actor shows all its ties, bloc pairs included.
    if (actor && (tie.a === actor || tie.b === actor)) return this.levels.has(tie.level);
    return tie.drawn && this.levels.has(tie.level);
  }

  private drawTies(): void {
    const g = this.ties;
    g.clear();
    for (const t of this.tieLabels) t.setVisible(false);
    const { model, geometry } = this;
    if (!model || !geometry) return;
    const actor = this.highlight.actor;
    let labelCount = 0;
    const taken = [...this.labelBoxes];
    for (const tie of model.ties) {
      if (!this.tieVisible(tie)) continue;
      const a = model.actorById[tie.a];
      const b = model.actorById[tie.b];
      if (!a || !b) continue;
      const style = tieStyle(tie.level);
      const involved = actor !== null && (tie.a === actor || tie.b === actor);
      const alpha = actor === null ? style.alpha : involved ? 1 : 0.08;
      const points = arc(geometry.project(a.capital), geometry.project(b.capital));
      const parts = style.dash
        ? dashes(points, this.px(style.dash[0]), this.px(style.dash[1]))
        : [points];
      if (style.cased) {
        g.lineStyle(this.px(style.width + 2.5), 0x000000, alpha * 0.7);
        for (const part of parts) this.strokeLine(g, part);
      }
      g.lineStyle(this.px(style.width), hexNumber(style.colour), alpha);
      for (const part of parts) this.strokeLine(g, part);
      if (involved && this.tieLabel(labelCount, midpoint(points), style.label, style.colour, taken))
        labelCount++;
    }
  }

  private strokeLine(g: Phaser.GameObjects.Graphics, points: readonly Point[]): void {
    if (points.length < 2) return;
    g.beginPath();
    g.moveTo(points[0]![0], points[0]![1]);
    for (let i = 1; i < points.length; i++) g.lineTo(points[i]![0], points[i]![1]);
    g.strokePath();
  }

  /** Level names at the middle of a highlighted actor's ties, so lines are labelled, not just styled. */
  private tieLabel(index: number, at: Point, label: string, colour: string, taken: Box[]): boolean {
    let text = this.tieLabels[index];
    if (!text) {
      text = this.add
        .text(0, 0, '', {
          fontFamily: FONT,
          fontSize: `${10 * this.dpr}px`,
          color: '#ffffff',
          backgroundColor: 'rgba(7, 17, 29, 0.8)',
          padding: { x: 3 * this.dpr, y: 1 * this.dpr },
        })
        .setOrigin(0.5, 0.5)
        .setDepth(35)
        .setVisible(false);
      this.tieLabels.push(text);
    }
    text.setText(label).setColor(colour);
    // Skipped where it would cover an emblem or another tie's label: the line style still tells.
    const zoom = this.view.zoom;
    const [w, h] = [text.width / 2, text.height / 2];
    const box: Box = [at[0] * zoom - w, at[1] * zoom - h, at[0] * zoom + w, at[1] * zoom + h];
    if (overlaps(box, taken)) return false;
    taken.push(box);
    text
      .setPosition(at[0], at[1])
      .setScale(1 / zoom)
      .setVisible(true);
    return true;
  }

  private drawCapitals(): void {
    const g = this.capitals;
    g.clear();
    const { model, geometry } = this;
    if (!model || !geometry) return;
    for (const actor of model.actors) {
      const [x, y] = geometry.project(actor.capital);
      g.fillStyle(hexNumber(actor.colour), 1).fillCircle(x, y, this.px(3.5));
      g.lineStyle(this.px(1.5), actor.isViewer ? 0xffffff : 0x0b0f14, 1).strokeCircle(
        x,
        y,
        this.px(3.5),
      );
    }
    this.placeLabels();
  }

  /**
   * Emblem labels above capitals, greedily in priority order, skipping any
   * that would overlap one already placed. Screen overlap depends only on the
   * zoom (panning moves all labels alike), so this runs on zoom changes only.
   */
  private placeLabels(): void {
    const zoom = this.view.zoom;
    const placed: Box[] = [];
    const gap = 2 * this.dpr;
    for (const label of this.labels) {
      const [x, y] = label.at;
      const lift = this.px(5);
      label.text.setPosition(x, y - lift).setScale(1 / zoom);
      const w = label.text.width;
      const h = label.text.height;
      const sx = x * zoom;
      const sy = (y - lift) * zoom;
      const box: Box = [sx - w / 2 - gap, sy - h - gap, sx + w / 2 + gap, sy + gap];
      const clash = overlaps(box, placed);
      label.text.setVisible(!clash);
      if (!clash) placed.push(box);
    }
    this.labelBoxes = placed;
  }

  /** What lies under a world point: a capital, then a country (crisis markers are DOM buttons). */
  hitTest(x: number, y: number): MapHit | null {
    const { model, geometry } = this;
    if (!model || !geometry) return null;
    for (const label of this.labels) {
      const [cx, cy] = label.at;
      if (Math.hypot(x - cx, y - cy) <= this.px(CAPITAL_HIT))
        return { kind: 'actor', id: label.id };
    }
    for (const country of this.hitOrder)
      if (countryContains(country, x, y))
        return { kind: 'country', iso: country.iso, name: country.name };
    return null;
  }

  /** The tooltip text for a hit, or null. */
  describe(hit: MapHit) {
    return this.model ? describeHit(this.model, hit) : null;
  }
}
