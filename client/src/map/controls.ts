/**
 * The map's DOM chrome: zoom buttons, the tie legend (which doubles as a
 * filter) and the tooltip. Plain DOM so it is keyboard- and screen-reader
 * friendly and styled by map.css; all text goes in through textContent.
 */
import type { Description } from './describe.ts';
import { TIE_STYLES } from './styles.ts';

function button(label: string, text: string, className: string): HTMLButtonElement {
  const b = document.createElement('button');
  b.type = 'button';
  b.className = className;
  b.textContent = text;
  b.setAttribute('aria-label', label);
  b.title = label;
  return b;
}

export interface ZoomControls {
  element: HTMLElement;
}

export function zoomControls(actions: {
  zoomIn: () => void;
  zoomOut: () => void;
  reset: () => void;
}): ZoomControls {
  const element = document.createElement('div');
  element.className = 'wm-zoom';
  const zoomIn = button('Zoom in', '+', 'wm-button');
  const zoomOut = button('Zoom out', '−', 'wm-button');
  const reset = button('Show the whole world', '⟲', 'wm-button');
  zoomIn.addEventListener('click', actions.zoomIn);
  zoomOut.addEventListener('click', actions.zoomOut);
  reset.addEventListener('click', actions.reset);
  element.append(zoomIn, zoomOut, reset);
  return { element };
}

/** A small SVG sample of a tie level's line, matching the canvas drawing. */
function sample(style: (typeof TIE_STYLES)[number]): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('width', '28');
  svg.setAttribute('height', '10');
  svg.setAttribute('aria-hidden', 'true');
  const line = (stroke: string, width: number) => {
    const l = document.createElementNS(ns, 'line');
    l.setAttribute('x1', '1');
    l.setAttribute('y1', '5');
    l.setAttribute('x2', '27');
    l.setAttribute('y2', '5');
    l.setAttribute('stroke', stroke);
    l.setAttribute('stroke-width', String(width));
    if (style.dash) l.setAttribute('stroke-dasharray', style.dash.join(' '));
    return l;
  };
  if (style.cased) svg.append(line('#000000', style.width + 2.5));
  svg.append(line(style.colour, style.width));
  return svg;
}

export interface Legend {
  element: HTMLElement;
}

/** Tie levels with their line styles; each entry toggles that level's lines. */
export function tieLegend(onChange: (levels: ReadonlySet<number>) => void): Legend {
  const element = document.createElement('div');
  element.className = 'wm-legend';
  const heading = document.createElement('div');
  heading.className = 'wm-legend-title';
  heading.textContent = 'Ties';
  element.append(heading);
  const levels = new Set(TIE_STYLES.map((s) => s.level));
  for (const style of TIE_STYLES) {
    const item = button(`Show ${style.label.toLowerCase()} ties`, '', 'wm-legend-item');
    item.setAttribute('aria-pressed', 'true');
    const name = document.createElement('span');
    name.textContent = style.label;
    item.append(sample(style), name);
    item.addEventListener('click', () => {
      if (levels.has(style.level)) levels.delete(style.level);
      else levels.add(style.level);
      item.setAttribute('aria-pressed', String(levels.has(style.level)));
      onChange(levels);
    });
    element.append(item);
  }
  const crisis = document.createElement('div');
  crisis.className = 'wm-legend-crisis';
  const mark = document.createElement('span');
  mark.className = 'wm-crisis-icon';
  mark.textContent = '!';
  mark.setAttribute('aria-hidden', 'true');
  const crisisText = document.createElement('span');
  crisisText.textContent = 'Crisis';
  crisis.append(mark, crisisText);
  // Fills: an actor's own countries in its colour; other land tinted by the region's leader.
  const tint = document.createElement('div');
  tint.className = 'wm-legend-tint';
  const swatch = document.createElement('span');
  swatch.className = 'wm-tint-swatch';
  swatch.setAttribute('aria-hidden', 'true');
  const tintText = document.createElement('span');
  tintText.textContent = 'Tint: region’s leading influence';
  tint.append(swatch, tintText);
  element.append(crisis, tint);
  return { element };
}

export interface Tooltip {
  element: HTMLElement;
  /** Shows the description near (x, y), CSS pixels relative to the map's box. */
  show(description: Description, x: number, y: number): void;
  hide(): void;
  readonly visible: boolean;
}

export function tooltip(container: HTMLElement): Tooltip {
  const element = document.createElement('div');
  element.className = 'wm-tooltip';
  element.setAttribute('role', 'status');
  element.hidden = true;
  const result: Tooltip = {
    element,
    get visible() {
      return !element.hidden;
    },
    show(description, x, y) {
      const title = document.createElement('div');
      title.className = 'wm-tooltip-title';
      title.textContent = description.title;
      const parts: HTMLElement[] = [title];
      if (description.subtitle) {
        const sub = document.createElement('div');
        sub.className = 'wm-tooltip-subtitle';
        sub.textContent = description.subtitle;
        parts.push(sub);
      }
      for (const text of description.lines) {
        const line = document.createElement('div');
        line.textContent = text;
        parts.push(line);
      }
      element.replaceChildren(...parts);
      element.hidden = false;
      // Beside the pointer, flipped to stay inside the map.
      const box = container.getBoundingClientRect();
      const w = element.offsetWidth;
      const h = element.offsetHeight;
      const offset = 14;
      let left = x + offset;
      let top = y + offset;
      if (left + w > box.width - 4) left = Math.max(4, x - offset - w);
      if (top + h > box.height - 4) top = Math.max(4, y - offset - h);
      element.style.left = `${left}px`;
      element.style.top = `${top}px`;
    },
    hide() {
      element.hidden = true;
    },
  };
  return result;
}
