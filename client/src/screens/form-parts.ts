import { el } from '../dom.ts';

/** A labelled form control: the label names the control for screen readers. */
export function field(label: string, control: HTMLElement): HTMLElement {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return el('div', { class: 'field' }, el('label', { for: id }, label), control);
}

export function select(id: string, options: [string, string][]): HTMLSelectElement {
  return el(
    'select',
    { id, name: id },
    ...options.map(([value, label]) => el('option', { value }, label)),
  );
}

export function numberInput(id: string, min: number, max: number): HTMLInputElement {
  return el('input', {
    id,
    name: id,
    type: 'number',
    min: String(min),
    max: String(max),
    step: '1',
  });
}

/** The line under a form that says what went wrong, announced to screen readers. */
export function formError(): { node: HTMLElement; show(message: string): void; clear(): void } {
  const node = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  return {
    node,
    show(message) {
      node.textContent = message;
      node.hidden = false;
    },
    clear() {
      node.textContent = '';
      node.hidden = true;
    },
  };
}
