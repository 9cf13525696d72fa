import {
  answerCosts,
  type EngineEvent,
  legalCommands,
  type ReadonlyState,
  type Scenario,
  type SeatView,
  seatNow,
  stateOfView,
  TIE_LEVELS,
} from '@entanglement/shared';
import { eventText } from '../i18n/event-words.ts';
import { lowerChoices, lowerWords } from '../panels/order-rows.ts';
import { actorName, levelWords } from '../panels/words.ts';
import { CONCEPT_NAMES } from '../replay/debrief-view.ts';

/**
 * The tutorial's steps. Each asks for one action and names the control
 * for it; which step is current is read from the seat's view alone (the
 * round, the phase, the seat's draft, answers and account), so the coach
 * moves on when the state shows the action happened, and a reload lands on
 * the same step. Everything that explains a concept quotes the engine or the
 * scenario: the card's news and debrief, the cost of each answer, the
 * effect of a lower, the sentence of each event.
 */
export interface CoachStep {
  id: StepId;
  /** 1-based place among STEP_IDS. */
  number: number;
  title: string;
  /** Tutorial words that set the scene (no rule, no number). */
  lead: string;
  /** The one action asked, in words. */
  action: string;
  /** The engine's and the scenario's own words on what happens and why. */
  quotes: string[];
  /** The tab holding the control, and the control (a selector inside that tab's pane). */
  tab: string | null;
  target: string | null;
}

export const STEP_IDS = [
  'briefing',
  'offer',
  'answer',
  'commit',
  'entrapment',
  'entangled',
  'scaleBack',
  'commitAgain',
  'scaledBack',
  'lastRound',
  'debrief',
] as const;
type StepId = (typeof STEP_IDS)[number];

const DONE = '[data-key="done"]';

/** The step the learner is at, or null when the view is not the tutorial's seat in play. */
export function currentStep(
  scenario: Scenario,
  view: SeatView | null,
  seat: string | null,
): CoachStep | null {
  if (!view || !seat || !view.seats.includes(seat)) return null;
  const state = stateOfView(view);
  const make = (id: StepId, parts: Omit<CoachStep, 'id' | 'number'>): CoachStep => ({
    id,
    number: STEP_IDS.indexOf(id) + 1,
    ...parts,
  });
  const now = seatNow(scenario, state, seat);
  const label = scenario.roundLabels?.[view.round - 1] ?? `Round ${view.round}`;
  const me = actorName(scenario, seat);

  if (view.phase === 'ended')
    return make('debrief', {
      title: 'The debrief',
      lead: 'The match is over. The debrief below lists, for every seat, the commitments made, kept and broken, and each concept the match showed with the moment that showed it.',
      action: 'Read the debrief of your match; the replay shows each moment again.',
      quotes: [],
      tab: null,
      target: null,
    });

  if (view.round >= 3)
    return make('lastRound', {
      title: `${label}: the last round`,
      lead: 'Nothing new to learn: play the last round with what you have seen, then the match ends and the debrief follows.',
      action: now.ask,
      quotes: newsOf(scenario, state, view.round),
      tab: view.phase === 'news' ? 'crises' : 'orders',
      target: DONE,
    });

  if (view.round === 1) {
    if (view.phase === 'news')
      return make('briefing', {
        title: `${label}: you are ${me}`,
        lead: scenario.actors.find((a) => a.id === seat)?.description ?? '',
        action: `${now.ask} (In Crises, “Done for this phase”.)`,
        quotes: newsOf(scenario, state, 1),
        tab: 'crises',
        target: DONE,
      });
    if (view.phase === 'resolution')
      return make('entrapment', {
        title: 'Entrapment happens',
        lead: 'The round is resolved. Here is what your answer brought, in the words of the account.',
        action: `${now.ask} (In Orders, “Done for this phase”.)`,
        quotes: [
          ...eventsOf(scenario, view, seat, 1, ['entrapment', 'abandonment', 'callHonoured']),
          ...cardDebriefs(scenario, view, seat, 1, 'entrapment'),
        ],
        tab: 'orders',
        target: DONE,
      });
    const sent = state.offers.some((o) => o.from === seat && o.round === 1 && !o.withdrawn);
    if (!sent)
      return make('offer', {
        title: `${CONCEPT_NAMES.commitmentLadder}: make an offer`,
        lead: `Ties climb a ladder, each rung binding you more than the last: ${TIE_LEVELS.slice(1)
          .map((_, i) => levelWords(i + 1))
          .join(' → ')}. An offer asks a partner to climb one rung with you.`,
        action:
          'In Orders, under “Make an offer”, choose India, keep “Raise the tie”, and press Send offer.',
        quotes: tiesOf(scenario, state, seat),
        tab: 'orders',
        target: '[data-key="offer:send"]',
      });
    const call = state.crises.find((c) => c.live && c.calls.some((k) => k.actor === seat));
    if (call && !call.answers[seat])
      return make('answer', {
        title: 'Answer the treaty call',
        lead: `${scenario.cards.find((c) => c.id === call.card)?.title ?? 'A crisis'}: your ally calls on you. Each answer’s cost, as the engine will apply it:`,
        action: `In Crises, press Honour under “Your call”.`,
        quotes: answerCosts(scenario, state, seat, call.uid).map((a) => a.words),
        tab: 'crises',
        target: '[data-key$=":answer-honour"]',
      });
    return make('commit', {
      title: 'Commit your round',
      lead: 'Orders, offers and answers stay secret until resolution. When you and the bots are done, the round resolves.',
      action: 'In Orders, press “Done for this phase”.',
      quotes: [now.ifNothing],
      tab: 'orders',
      target: DONE,
    });
  }

  // Round 2.
  if (view.phase === 'news')
    return make('entangled', {
      title: `${label}: entangled`,
      lead: 'Entrapment has a lasting price: you start this round Entangled, with fewer action points, and you cannot leave the tie that drew you in. A new crisis follows from the first:',
      action: `${now.ask} (In Crises, “Done for this phase”.)`,
      quotes: newsOf(scenario, state, 2),
      tab: 'crises',
      target: DONE,
    });
  if (view.phase === 'resolution')
    return make('scaledBack', {
      title: CONCEPT_NAMES.swiftScaling,
      lead: 'A tie below alliance can be scaled back at once. The account says what your lower did:',
      action: `${now.ask} (In Orders, “Done for this phase”.)`,
      quotes: eventsOf(scenario, view, seat, 2, ['tieLowered']),
      tab: 'orders',
      target: DONE,
    });
  if ((state.drafts[seat]?.lowers ?? []).length === 0) {
    const lower = legalCommands(scenario, state, seat).find((o) => o.kind === 'lower');
    return make('scaleBack', {
      title: `${CONCEPT_NAMES.swiftScaling}: lower a tie`,
      lead: 'Partnerships are flexible: you may step down from one without a treaty’s notice. The ties you may lower now, and what each lower does:',
      action: 'In Orders, under “Lower a tie”, choose India and press Lower.',
      quotes: lowerChoices(scenario, lower).flatMap((c) => {
        const effect = lower?.lowers?.[c.value];
        return effect ? [lowerWords(scenario, c.value, effect)] : [];
      }),
      tab: 'orders',
      target: '[data-key="lower:go"]',
    });
  }
  return make('commitAgain', {
    title: 'Commit your round',
    lead: 'Your lower applies at the start of resolution.',
    action: 'In Orders, press “Done for this phase”.',
    quotes: [now.ifNothing],
    tab: 'orders',
    target: DONE,
  });
}

/** The news of the crises briefed in `round`, as the cards tell it. */
function newsOf(scenario: Scenario, state: ReadonlyState, round: number): string[] {
  return state.crises
    .filter((c) => c.live && c.revealed === round)
    .flatMap((c) => {
      const card = scenario.cards.find((x) => x.id === c.card);
      return card ? [`${card.title}: ${card.news}`] : [];
    });
}

/** The seat's ties now, in words ("India: partnership"). */
function tiesOf(scenario: Scenario, state: ReadonlyState, seat: string): string[] {
  return Object.values(state.ties)
    .filter((t) => (t.a === seat || t.b === seat) && t.level > 0)
    .map((t) => `${actorName(scenario, t.a === seat ? t.b : t.a)}: ${levelWords(t.level)}`)
    .sort();
}

/** The account's sentences for the seat's events of these kinds in `round`. */
function eventsOf(
  scenario: Scenario,
  view: SeatView,
  seat: string,
  round: number,
  types: EngineEvent['type'][],
): string[] {
  return view.account
    .filter((e) => e.round === round && types.includes(e.type) && e.actors[0] === seat)
    .map((e) => eventText(scenario, e));
}

/** The debrief of each card whose event in `round` showed the concept to the seat. */
function cardDebriefs(
  scenario: Scenario,
  view: SeatView,
  seat: string,
  round: number,
  concept: 'entrapment',
): string[] {
  const cards = new Set(
    view.account
      .filter(
        (e) =>
          e.round === round &&
          e.concept === concept &&
          e.actors[0] === seat &&
          e.card !== undefined,
      )
      .map((e) => e.card!),
  );
  return [...cards].flatMap((id) => scenario.cards.find((c) => c.id === id)?.debrief ?? []);
}
