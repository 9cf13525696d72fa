import {
  type ErrorMessage,
  type ReadonlyState,
  type Scenario,
  stateOfView,
} from '@entanglement/shared';
import { type Child, el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { refusalText } from '../i18n/problem-words.ts';
import type { Intent } from '../net/match-connection.ts';
import type { Panel, PanelContext } from './panel.ts';
import './panels.css';

export interface Option {
  value: string;
  label: string;
}

/**
 * What a panel's render function builds with: the context, the state the
 * engine's read-only functions take (rebuilt from the seat's view), form
 * controls whose values survive redraws, and buttons that send a command and
 * show the engine's reason beside themselves when it is refused.
 */
export interface Kit {
  ctx: PanelContext;
  state: ReadonlyState;
  /** The value of a form control (or the fallback when it was never set). */
  value(key: string, fallback?: string): string;
  set(key: string, value: string): void;
  select(key: string, label: string, options: Option[], opts?: ControlOptions): HTMLElement;
  amount(
    key: string,
    label: string,
    range: { min: number; max: number },
    opts?: ControlOptions,
  ): HTMLElement;
  checkbox(key: string, label: string, opts?: ControlOptions): HTMLElement;
  checked(key: string): boolean;
  /** A button that sends the intent built at click time; the engine's refusal appears beside it. */
  action(
    key: string,
    label: string,
    intent: () => Intent | null,
    opts?: ActionOptions,
  ): HTMLElement;
  /** Redraw now (after a change that alters what the form shows). */
  redraw(): void;
}

interface ControlOptions {
  /** Redraw the panel when this control changes (other parts of the form depend on it). */
  redraw?: boolean;
  fallback?: string;
  /** Keep the label for screen readers only. */
  quietLabel?: boolean;
}

interface ActionOptions {
  ghost?: boolean;
  small?: boolean;
  disabled?: boolean;
  /** Spoken and shown state of a toggle button. */
  pressed?: boolean;
  /** Extra words for screen readers (the visible label is short). */
  aria?: string;
  /** A toggle that keeps its own look (the done button) instead of the outlined/filled choice style. */
  keepStyle?: boolean;
  /** Form values to forget after the command is accepted. */
  reset?: string[];
}

let instances = 0;

/** The reason a send was refused, worded from the engine's code when the server gave one. */
function refusalReason(err: unknown, scenario: Scenario): string {
  // A RefusedError (net/match-connection.ts) carries the server's refusal.
  const refusal = (err as { refusal?: ErrorMessage } | null)?.refusal;
  if (refusal && typeof refusal.reason === 'string') return refusalText(refusal, scenario);
  if (err instanceof Error) return err.message;
  return t('refusal.fallback');
}

/**
 * A panel that redraws itself from each new view with `render`. It keeps
 * what the player typed (by control key) and the focus across redraws, and
 * ignores updates that bring the same view (chat and timer ticks).
 */
export function createPanel(name: string, heading: string, render: (kit: Kit) => Child[]): Panel {
  const prefix = `pnl-${name}-${++instances}`;
  const element = el('section', { class: `panel pnl pnl--${name}`, 'aria-label': heading });
  const values = new Map<string, string>();
  const problems = new Map<string, string>();
  const pending = new Set<string>();
  let last: PanelContext | null = null;
  let state: ReadonlyState | null = null;

  const idFor = (key: string) => `${prefix}-${key.replace(/[^a-zA-Z0-9_-]/g, '_')}`;

  function draw() {
    if (!last || !state) return;
    const active = document.activeElement;
    const focusKey =
      active instanceof HTMLElement && element.contains(active) ? active.dataset.key : undefined;
    const ctx = last;
    const kit: Kit = {
      ctx,
      state,
      value: (key, fallback = '') => values.get(key) ?? fallback,
      set: (key, value) => {
        values.set(key, value);
      },
      select(key, label, options, opts = {}) {
        const stored = values.get(key);
        const current = options.some((o) => o.value === stored)
          ? stored!
          : (opts.fallback ?? options[0]?.value ?? '');
        values.set(key, current);
        const select = el(
          'select',
          { id: idFor(key), 'data-key': key },
          ...options.map((o) =>
            el(
              'option',
              { value: o.value, ...(o.value === current ? { selected: '' } : {}) },
              o.label,
            ),
          ),
        );
        select.value = current;
        select.addEventListener('change', () => {
          values.set(key, select.value);
          if (opts.redraw) draw();
        });
        return field(key, label, select, opts);
      },
      amount(key, label, range, opts = {}) {
        const stored = Number(values.get(key) ?? opts.fallback ?? range.min);
        const current = Math.max(
          range.min,
          Math.min(range.max, Number.isFinite(stored) ? stored : range.min),
        );
        values.set(key, String(current));
        const input = el('input', {
          id: idFor(key),
          'data-key': key,
          type: 'number',
          inputmode: 'numeric',
          min: String(range.min),
          max: String(range.max),
          step: '1',
          value: String(current),
        });
        input.addEventListener('input', () => {
          values.set(key, input.value);
          if (opts.redraw) draw();
        });
        return field(key, label, input, opts);
      },
      checkbox(key, label, opts = {}) {
        const input = el('input', { id: idFor(key), 'data-key': key, type: 'checkbox' });
        input.checked = values.get(key) === 'true';
        input.addEventListener('change', () => {
          values.set(key, String(input.checked));
          if (opts.redraw) draw();
        });
        return el('label', { class: 'pnl-check', for: idFor(key) }, input, el('span', {}, label));
      },
      checked: (key) => values.get(key) === 'true',
      action(key, label, intent, opts = {}) {
        const classes = ['button', 'pnl-action'];
        // A choice among several (accept/reject, a vote) is outlined until chosen, then filled with a tick.
        const choice = opts.pressed !== undefined && !opts.keepStyle;
        if (choice ? !opts.pressed : opts.ghost) classes.push('button--ghost');
        const text = choice && opts.pressed ? `✔ ${label}` : label;
        if (opts.small !== false) classes.push('button--small');
        const problemId = `${idFor(key)}-problem`;
        const button = el(
          'button',
          {
            type: 'button',
            class: classes.join(' '),
            'data-key': key,
            ...(opts.aria ? { 'aria-label': opts.aria } : {}),
            ...(opts.pressed !== undefined ? { 'aria-pressed': String(opts.pressed) } : {}),
            ...(problems.has(key) ? { 'aria-describedby': problemId } : {}),
          },
          pending.has(key) ? `${text}…` : text,
        );
        button.disabled = Boolean(opts.disabled);
        // While its command is on its way the button stays focusable but does nothing.
        if (pending.has(key)) button.setAttribute('aria-busy', 'true');
        button.addEventListener('click', () => {
          if (pending.has(key)) return;
          const built = intent();
          if (!built || !last) return;
          pending.add(key);
          problems.delete(key);
          draw();
          last.send(built).then(
            () => {
              pending.delete(key);
              for (const k of opts.reset ?? []) values.delete(k);
              draw();
            },
            (err: unknown) => {
              pending.delete(key);
              problems.set(key, refusalReason(err, ctx.scenario));
              draw();
            },
          );
        });
        const problem = problems.get(key);
        return el(
          'span',
          { class: 'pnl-act' },
          button,
          problem
            ? el('span', { class: 'pnl-problem', id: problemId, role: 'alert' }, problem)
            : null,
        );
      },
      redraw: () => draw(),
    };
    element.replaceChildren(
      el('h2', { class: 'pnl-heading' }, heading),
      ...render(kit).filter(isNode),
    );
    if (focusKey) {
      const again = element.querySelector<HTMLElement>(`[data-key="${CSS.escape(focusKey)}"]`);
      again?.focus();
    }
  }

  function field(key: string, label: string, control: HTMLElement, opts: ControlOptions) {
    return el(
      'span',
      { class: 'pnl-field' },
      el('label', { for: idFor(key), class: opts.quietLabel ? 'pnl-sr' : 'pnl-label' }, label),
      control,
    );
  }

  return {
    element,
    update(context) {
      if (
        last &&
        last.view === context.view &&
        last.seat === context.seat &&
        last.scenario === context.scenario
      ) {
        last = context;
        return;
      }
      // A new round or seat starts with clean forms and no stale refusals.
      if (last && (last.seat !== context.seat || last.view.round !== context.view.round)) {
        values.clear();
        problems.clear();
      }
      // A refusal belongs to the phase it was given in.
      if (last && last.view.phase !== context.view.phase) problems.clear();
      last = context;
      state = stateOfView(context.view);
      draw();
    },
  };
}

function isNode(c: Child): c is Node | string {
  return c !== null && c !== undefined && c !== false;
}

/** A titled group inside a panel. */
export function section(title: string, ...children: Child[]): HTMLElement {
  return el(
    'div',
    { class: 'pnl-section' },
    el('h3', { class: 'pnl-subheading' }, title),
    ...children,
  );
}

/** A short line of muted text. */
export function note(text: string, extra = ''): HTMLElement {
  return el('p', { class: `pnl-note ${extra}`.trim() }, text);
}
