import {
  type Concept,
  type CrisisMoment,
  count,
  type MatchDebrief,
  type Scenario,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { oneDecimal, signedOneDecimal } from '../format.ts';
import { actorBadge } from '../game/actor-badge.ts';
import type { Reflection } from './load.ts';

/** The article's concepts in the words the debrief uses. */
export const CONCEPT_NAMES: Record<Concept, string> = {
  entrapment: 'Entrapment',
  abandonment: 'Abandonment',
  commitmentLadder: 'The commitment ladder',
  swiftScaling: 'Swift scaling back',
  deterrence: 'Deterrence',
  protractedWar: 'Protracted war',
  isolation: 'Isolation',
  twoFront: 'Two fronts',
  institutions: 'Institutions',
  mandates: 'Mandates',
  secondarySanctions: 'Secondary sanctions',
  mediation: 'Mediation',
  diversification: 'Diversification',
};

/** A seat's moment, from its own side: entrapped, abandoning a partner, or abandoned by one. */
export type MomentKind = 'entrapped' | 'abandoned' | 'abandonedBy';

/**
 * The line for a moment on one seat's card, naming the other seat of it: for
 * an entrapment the partner whose tie dragged it in, for an abandonment it
 * committed the partner it refused, for one it suffered the seat that
 * refused it (the moment's actor, not its partner, who is this seat).
 */
export function momentWords(
  kind: MomentKind,
  m: Pick<CrisisMoment, 'actor' | 'partner'>,
  name: (id: string) => string,
): string {
  switch (kind) {
    case 'entrapped':
      return `∞ Entrapment: dragged in by ${name(m.partner)}`;
    case 'abandoned':
      return `⚠ Abandoned ${name(m.partner)}`;
    case 'abandonedBy':
      return `⚠ Was abandoned by ${name(m.actor)}`;
  }
}

/**
 * The debrief: for each seat, commitments made, kept and broken; calls
 * honoured, hedged and abandoned; each entrapment and abandonment with its
 * crisis (a link to that moment of the replay); the score broken down; then
 * the concepts of the article the match showed, with the cards' debrief texts.
 */
export function renderDebrief(
  scenario: Scenario,
  debrief: MatchDebrief,
  seek: (entry: number) => void,
  reflections: readonly Reflection[] = [],
  notes: readonly string[] = [],
): HTMLElement {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const moment = (m: CrisisMoment, kind: MomentKind) => {
    const button = el(
      'button',
      { type: 'button', class: 'link-button' },
      `round ${m.round}${m.card ? `, ${m.card.title}` : ''}`,
    );
    button.addEventListener('click', () => seek(m.entry));
    return el('li', {}, `${momentWords(kind, m, name)} — `, button);
  };
  return el(
    'section',
    { class: 'panel debrief', 'aria-label': 'Debrief' },
    el('h2', {}, 'Debrief'),
    el(
      'div',
      { class: 'debrief__actors' },
      ...debrief.actors.map((a) => {
        const actor = scenario.actors.find((x) => x.id === a.actor)!;
        const c = a.commitments;
        return el(
          'article',
          { class: 'debrief__actor', 'data-actor': a.actor },
          el('h3', {}, actorBadge(actor)),
          el(
            'p',
            {},
            `Commitments: ${count(c.offersSent, 'offer')} made (${c.offersAccepted} accepted), ${count(c.treatiesFormed, 'treaty', 'treaties')} formed, ` +
              `${count(c.noticesGiven, 'treaty notice')}, ${count(c.tiesLowered, 'tie')} lowered; kept ${c.kept}, broken ${c.broken}.`,
          ),
          el(
            'p',
            {},
            `Calls: honoured ${a.calls.honoured}, hedged ${a.calls.hedged}, abandoned ${a.calls.abandoned}.`,
          ),
          a.entrapments.length + a.abandonments.by.length + a.abandonments.of.length > 0
            ? el(
                'ul',
                { class: 'debrief__moments' },
                ...a.entrapments.map((m) => moment(m, 'entrapped')),
                ...a.abandonments.by.map((m) => moment(m, 'abandoned')),
                ...a.abandonments.of.map((m) => moment(m, 'abandonedBy')),
              )
            : null,
          ...reflectionsOf(a.actor, reflections),
          a.score
            ? el(
                'p',
                { class: 'debrief__score' },
                `Score: ${oneDecimal(a.score.stars)} stars, par ${oneDecimal(a.score.par)} (${signedOneDecimal(a.score.margin)}), rank ${a.score.rank}. ` +
                  a.score.goals
                    .map((g) => `${g.label}: ${oneDecimal(g.value)} (${g.stars}★)`)
                    .join('; ') +
                  (a.score.objective
                    ? `; secret objective ${a.score.objective.met ? 'met' : 'not met'}: ${a.score.objective.text}`
                    : ''),
              )
            : null,
        );
      }),
    ),
    el('h3', {}, 'What the match showed'),
    debrief.concepts.length === 0
      ? el('p', {}, 'No concept of the article came up.')
      : el(
          'dl',
          { class: 'debrief__concepts' },
          ...debrief.concepts.flatMap((c) => [
            el('dt', {}, `${CONCEPT_NAMES[c.concept]} (${count(c.events, 'event')})`),
            ...c.cards.map((card) =>
              el('dd', {}, el('strong', {}, `${card.title}: `), card.debrief),
            ),
          ]),
        ),
    notes.length > 0
      ? el(
          'div',
          { class: 'debrief__notes' },
          el('h3', {}, 'The teacher’s notes'),
          el('ul', {}, ...notes.map((n) => el('li', {}, n))),
        )
      : null,
    debrief.awards.length > 0
      ? el(
          'p',
          {},
          `Awards: ${debrief.awards.map((aw) => `${aw.title}: ${name(aw.seat)}`).join('; ')}.`,
        )
      : null,
  );
}

/** The seat's players' own words on why, beside its entrapments and abandonments. */
function reflectionsOf(actor: string, reflections: readonly Reflection[]): HTMLElement[] {
  const mine = reflections.filter((r) => r.seat === actor);
  if (mine.length === 0) return [];
  return [
    el(
      'ul',
      { class: 'debrief__why' },
      ...mine.map((r) =>
        el('li', {}, el('em', {}, `Round ${r.round}, in their words: `), `“${r.text}”`),
      ),
    ),
  ];
}
