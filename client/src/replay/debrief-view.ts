import type { Concept, CrisisMoment, MatchDebrief, Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
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
  const moment = (m: CrisisMoment, verb: string) => {
    const button = el(
      'button',
      { type: 'button', class: 'link-button' },
      `round ${m.round}${m.card ? `, ${m.card.title}` : ''}`,
    );
    button.addEventListener('click', () => seek(m.entry));
    return el('li', {}, `${verb} ${name(m.partner)} — `, button);
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
            `Commitments: ${c.offersSent} offers made (${c.offersAccepted} accepted), ${c.treatiesFormed} treaties formed, ` +
              `${c.noticesGiven} treaty notices, ${c.tiesLowered} ties lowered; kept ${c.kept}, broken ${c.broken}.`,
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
                ...a.entrapments.map((m) => moment(m, '∞ Entrapment: dragged in by')),
                ...a.abandonments.by.map((m) => moment(m, '⚠ Abandoned')),
                ...a.abandonments.of.map((m) => moment(m, '⚠ Was abandoned by')),
              )
            : null,
          ...reflectionsOf(a.actor, reflections),
          a.score
            ? el(
                'p',
                { class: 'debrief__score' },
                `Score: ${a.score.stars} stars, par ${a.score.par} (${a.score.margin >= 0 ? '+' : ''}${Math.round(a.score.margin * 10) / 10}), rank ${a.score.rank}. ` +
                  a.score.goals.map((g) => `${g.label}: ${g.value} (${g.stars}★)`).join('; ') +
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
            el('dt', {}, `${CONCEPT_NAMES[c.concept]} (${c.events} events)`),
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
