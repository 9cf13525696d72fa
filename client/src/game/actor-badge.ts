import type { ActorDef } from '@entanglement/shared';
import { el } from '../dom.ts';

/** An actor's colour swatch, emblem letters and name: never colour alone, for colour-blind players. */
export function actorBadge(actor: ActorDef, label: string = actor.name): HTMLElement {
  return el(
    'span',
    { class: 'actor-badge', style: `--actor:${actor.colour}` },
    el('span', { class: 'actor-badge__emblem', 'aria-hidden': 'true' }, actor.emblem),
    el('span', { class: 'actor-badge__name' }, label),
  );
}
