import { PHASE_NAMES, type Phase, type Scenario, type TimelineEntry } from '@entanglement/shared';
import { el } from '../dom.ts';
import { addNote, deleteNote, hostTokenFor, type Note, type Reflection } from './load.ts';

const EVENT_WORDS: Record<string, string> = {
  callHonoured: 'honoured a call',
  callHedged: 'hedged on a call',
  abandonment: 'abandoned a partner',
  entrapment: 'was entrapped',
};

/**
 * Beside the account of the chosen moment: the teacher's notes pinned to it
 * (the host can add and remove them) and the players' reflections on what
 * their seat did then. Text is shown as text, never as HTML.
 */
export function createNotes(
  scenario: Scenario,
  matchId: string,
  notes: Note[],
  reflections: Reflection[],
) {
  const isHost = hostTokenFor(matchId) !== null;
  const list = el('ul', { class: 'notes__list', 'data-testid': 'notes' });
  const why = el('ul', { class: 'notes__reflections' });
  const input = el('textarea', {
    rows: '2',
    maxlength: '2000',
    'aria-label': 'Note for this moment',
  });
  const error = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  const form = el(
    'form',
    { class: 'notes__form' },
    input,
    el('button', { type: 'submit', class: 'button button--small' }, 'Pin a note here'),
    error,
  );
  const element = el(
    'section',
    { class: 'panel notes', 'aria-label': 'Notes' },
    el('h2', {}, 'Notes'),
    list,
    isHost ? form : null,
    el('h3', {}, 'Why, in the players’ words'),
    why,
  );
  let entry: TimelineEntry | null = null;
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

  const draw = () => {
    if (!entry) return;
    const here = (x: { round: number; phase: string }) =>
      x.round === entry!.round && x.phase === entry!.phase;
    const pinned = notes.filter(here);
    list.replaceChildren(
      ...(pinned.length === 0
        ? [el('li', { class: 'hint' }, 'No note for this moment.')]
        : pinned.map((n) => {
            const item = el('li', {}, n.text);
            if (isHost) {
              const remove = el('button', { type: 'button', class: 'link-button' }, 'remove');
              remove.addEventListener('click', () => {
                deleteNote(matchId, n.id).then(
                  () => {
                    notes.splice(notes.indexOf(n), 1);
                    draw();
                  },
                  (e: unknown) => showError(e),
                );
              });
              item.append(' ', remove);
            }
            return item;
          })),
    );
    const answers = reflections.filter(here);
    why.replaceChildren(
      ...(answers.length === 0
        ? [el('li', { class: 'hint' }, 'No reflection for this moment.')]
        : answers.map((r) =>
            el(
              'li',
              {},
              el('strong', {}, `${name(r.seat)} ${EVENT_WORDS[r.eventType] ?? r.eventType}: `),
              r.text,
            ),
          )),
    );
  };
  const showError = (e: unknown) => {
    error.textContent = e instanceof Error ? e.message : String(e);
    error.hidden = false;
  };
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!entry || !text) return;
    error.hidden = true;
    addNote(matchId, { round: entry.round, phase: entry.phase, text }).then((saved) => {
      notes.push(saved);
      input.value = '';
      draw();
    }, showError);
  });

  return {
    element,
    show(at: TimelineEntry) {
      entry = at;
      draw();
    },
    /** Every note, for the printed report: where it is pinned, and its text. */
    all(): string[] {
      return notes.map(
        (n) => `Round ${n.round}, ${PHASE_NAMES[n.phase as Phase] ?? n.phase}: ${n.text}`,
      );
    },
  };
}
