/**
 * The map's actors as a list of buttons, kept in step with the map: the way
 * keyboard and screen-reader users reach what the canvas draws. Focusing one
 * shows its tooltip on the map (the tooltip is the button's description);
 * Enter or a click does what a click on that actor on the map does. Hidden
 * until focus enters it, then shown over the map's corner.
 */
import type { MapModel } from './model.ts';

export interface ActorListWords {
  /** Name of the list ("Actors on the map"). */
  label: string;
  /** Marks the viewer's own seat ("you"). */
  you: string;
}

export interface ActorList {
  element: HTMLElement;
  render(model: MapModel): void;
}

export function actorList(
  words: ActorListWords,
  describedBy: string,
  actions: { preview(id: string): void; choose(id: string): void },
): ActorList {
  const element = document.createElement('nav');
  element.className = 'wm-actors';
  element.setAttribute('aria-label', words.label);
  const list = document.createElement('ul');
  element.append(list);
  const buttons = new Map<string, HTMLButtonElement>();
  let order = '';

  const button = (id: string) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.className = 'wm-actor';
    b.dataset.actor = id;
    b.setAttribute('aria-describedby', describedBy);
    b.addEventListener('focus', () => actions.preview(id));
    b.addEventListener('click', () => actions.choose(id));
    return b;
  };

  return {
    element,
    render(model) {
      const ids = model.actors.map((a) => a.id).join(' ');
      if (ids !== order) {
        order = ids;
        buttons.clear();
        list.replaceChildren(
          ...model.actors.map((actor) => {
            const b = button(actor.id);
            buttons.set(actor.id, b);
            const item = document.createElement('li');
            item.append(b);
            return item;
          }),
        );
      }
      for (const actor of model.actors) {
        const b = buttons.get(actor.id);
        if (!b) continue;
        const mark = document.createElement('span');
        mark.className = 'wm-actor-swatch';
        mark.style.background = actor.colour;
        mark.setAttribute('aria-hidden', 'true');
        const name = actor.isViewer ? `${actor.name} (${words.you})` : actor.name;
        b.replaceChildren(mark, name);
      }
    },
  };
}
