/** A child for `el`: strings become text nodes (never parsed as HTML); nullish and false are skipped. */
export type Child = Node | string | null | undefined | false;

/** Creates an element with attributes and children: the only way the client builds DOM. */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attrs: Record<string, string> = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attrs)) node.setAttribute(name, value);
  for (const child of children) {
    if (child !== null && child !== undefined && child !== false) node.append(child);
  }
  return node;
}
