import {
  ctxOf,
  incomeParts,
  type MatchState,
  objectiveOf,
  type ReadonlyState,
  RULES,
  type Scenario,
  type SeatView,
  scoreMatch,
  seatBudget,
  stateOfView,
  upkeepOn,
} from '@entanglement/shared';
import { actorName, listWords, regionName, signed } from './words.ts';

export interface TrackLine {
  label: string;
  value: string;
  /** What the number means, in a few words. */
  hint: string;
}

export interface SeatTracks {
  name: string;
  tracks: TrackLine[];
  influence: string;
  entangled: string | null;
  budget: TrackLine[];
  objective: string | null;
  markers: string[];
}

/** What step 8 will do to the seat's Wealth, from the engine's own income parts. */
function wealthHint(scenario: Scenario, state: ReadonlyState, seat: string): string {
  // incomeParts (a rule's own reading) only reads: the seat's state goes in as it is.
  const p = incomeParts(ctxOf(scenario), state as MatchState)[seat];
  if (!p) return '';
  const upkeep = upkeepOn(state.actors[seat]!.wealth);
  return (
    `income ${p.total} a round: base ${p.base}, partners +${p.partners} (at most +${p.partnersCap})` +
    (p.blocs ? `, blocs +${p.blocs}` : '') +
    (p.sanctions ? `, sanctions ${p.sanctions}` : '') +
    `; upkeep −${upkeep} on what you hold`
  );
}

/** The seat's own tracks, markers, what its plans spend and its secret objective (from its own view). */
export function seatTracks(scenario: Scenario, view: SeatView, seat: string): SeatTracks | null {
  const me = view.actors[seat];
  if (!me) return null;
  const state = stateOfView(view);
  const budget = seatBudget(scenario, state, seat);
  const locked = me.locked.reduce((n, l) => n + l.amount, 0);
  const tracks: TrackLine[] = [
    {
      label: 'Power',
      value: String(me.power),
      hint:
        locked > 0
          ? `${locked} locked after crises, ${budget.power.free} free`
          : `military strength (0–${RULES.powerMax})`,
    },
    {
      label: 'Wealth',
      value: String(me.wealth),
      hint: wealthHint(scenario, state, seat),
    },
    {
      label: 'Autonomy',
      value: String(me.autonomy),
      hint: 'freedom of action; treaties lower its cap',
    },
    {
      label: 'Reputation',
      value: `${me.reputation} / ${RULES.trackMax}`,
      hint: 'how much others trust your word',
    },
    { label: 'Security', value: `${me.security} / ${RULES.trackMax}`, hint: 'how safe you are' },
  ];
  if (me.cohesion >= 0)
    tracks.push({
      label: 'Cohesion',
      value: `${me.cohesion} / ${RULES.trackMax}`,
      hint: 'how united your alliance is',
    });
  const entangledWith = me.entangledBy?.split('|').find((id) => id !== seat);
  const entangled =
    me.entangled > 0
      ? `Entangled for ${me.entangled} more ${me.entangled === 1 ? 'round' : 'rounds'}: ${RULES.entangledActionPoints} action ${RULES.entangledActionPoints === 1 ? 'point' : 'points'} fewer${
          entangledWith
            ? `, and you cannot lower your tie with ${actorName(scenario, entangledWith)}`
            : ''
        }.`
      : null;
  const apLeft = Math.max(0, budget.actionPoints.max - budget.actionPoints.used);
  // The objective's text with its threshold as scaled to this match.
  const objective = objectiveOf(ctxOf(scenario), state as MatchState, seat);
  return {
    name: actorName(scenario, seat),
    tracks,
    influence: influenceWords(scenario, me.influence),
    entangled,
    budget: [
      {
        label: 'Action points',
        value: `${apLeft} left of ${budget.actionPoints.max}`,
        hint: 'each order, offer or invitation uses one',
      },
      {
        label: 'Wealth',
        value: `${budget.wealth.planned} planned of ${budget.wealth.have}`,
        hint: 'your plans may not spend more than you hold',
      },
      {
        label: 'Power',
        value: `${budget.power.planned} planned of ${budget.power.free} free`,
        hint: 'deployed or committed to crises this round',
      },
    ],
    objective: objective?.text ?? null,
    markers: markerWords(scenario, view, seat),
  };
}

function influenceWords(scenario: Scenario, influence: Record<string, number>): string {
  const entries = Object.entries(influence)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (entries.length === 0) return 'No influence anywhere yet.';
  return entries.map(([r, n]) => `${regionName(scenario, r)} ${n}`).join(', ');
}

function markerWords(scenario: Scenario, view: SeatView, seat: string): string[] {
  const me = view.actors[seat]!;
  const out: string[] = [];
  const name = (id: string) => actorName(scenario, id);
  const owed = Object.entries(me.favours).filter(([, n]) => n > 0);
  if (owed.length > 0)
    out.push(
      `Favours owed to you by ${listWords(owed.map(([id, n]) => (n > 1 ? `${name(id)} (${n})` : name(id))))}.`,
    );
  const against = Object.values(view.actors)
    .filter((a) => (a.grievances[seat] ?? 0) > 0)
    .map((a) => name(a.id));
  if (against.length > 0)
    out.push(`Grievances against you: ${listWords(against)} (each costs a star at the end).`);
  const sanctions = view.sanctions.filter((s) => s.target === seat);
  if (sanctions.length > 0)
    out.push(`Sanctioned by ${listWords(sanctions.map((s) => name(s.by)))}: less income.`);
  if (me.secondary > 0)
    out.push(
      `Secondary sanctions for ${me.secondary} more ${me.secondary === 1 ? 'round' : 'rounds'} (${signed(-RULES.secondaryLoss)} income).`,
    );
  if (me.isolated) out.push(`Isolated: crises against you hit ${RULES.isolation.severity} harder.`);
  if (me.freeVeto) out.push('You hold a free veto in the Security Council.');
  return out;
}

export interface PublicRow {
  actor: string;
  name: string;
  cells: number[];
}

/** Column names, short for a phone and long for screen readers and tooltips. */
export const PUBLIC_COLUMNS = [
  { short: 'Pow', long: 'Power' },
  { short: 'Wlth', long: 'Wealth' },
  { short: 'Aut', long: 'Autonomy' },
  { short: 'Rep', long: 'Reputation' },
  { short: 'Sec', long: 'Security' },
] as const;

/** Every seated actor's public tracks, for spectators and the host. */
export function publicTable(scenario: Scenario, view: SeatView): PublicRow[] {
  return view.seats.map((id) => {
    const a = view.actors[id]!;
    return {
      actor: id,
      name: scenario.actors.find((x) => x.id === id)?.short ?? actorName(scenario, id),
      cells: [a.power, a.wealth, a.autonomy, a.reputation, a.security],
    };
  });
}

/** The seat's score if the match ended now (the engine's scoreMatch on its own view), in lines. */
export function scoreSoFar(scenario: Scenario, view: SeatView, seat: string): string[] | null {
  const score = scoreMatch(scenario, stateOfView(view)).find((s) => s.seat === seat);
  if (!score) return null;
  const star = (n: number) => (n > 0 ? '★'.repeat(n) : 'no star yet');
  return [
    ...score.goals.map((g) => `${g.label}: now ${g.value} → ${star(g.stars)}`),
    score.objective
      ? `Secret objective: ${score.objective.met ? 'met (★)' : 'not met yet'}`
      : 'No secret objective',
    `${score.stars} stars against a par of ${score.par}: ${score.margin >= 0 ? '+' : ''}${Math.round(score.margin * 10) / 10}`,
  ];
}
