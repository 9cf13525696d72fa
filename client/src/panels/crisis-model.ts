import {
  type AnswerCost,
  answerCosts,
  type CrisisState,
  type DeepReadonly,
  type LegalOption,
  legalCommands,
  PHASE_NAMES,
  phaseAccepting,
  possessive,
  type ReadonlyState,
  RULES,
  type Scenario,
  type Side,
  silentAnswer,
} from '@entanglement/shared';
import { actorName, blocName, levelWords, listWords, regionName, signed } from './words.ts';

export const ANSWER_LABELS: Record<AnswerCost['kind'], string> = {
  honour: 'Honour',
  honourIfPressed: 'Honour if pressed',
  quiet: 'Quiet support',
  hedge: 'Hedge',
  abandon: 'Abandon',
};

/** Each mandate choice's name and effect, with the engine's numbers (RULES.mandate). */
export function mandateWords(choice: 'limit' | 'stretch' | 'standDown'): [string, string] {
  const m = RULES.mandate;
  switch (choice) {
    case 'limit':
      return [
        'Limit',
        `If the vote passes: ${signed(m.limitInfluence)} influence in the region. If it fails you act anyway: ${signed(-m.failedReputation)} Reputation, ${signed(m.failedInfluence)} influence, and Tension rises.`,
      ];
    case 'stretch':
      return [
        'Stretch',
        `If it passes: ${signed(m.stretchInfluence)} influence, but every member that abstained holds a grievance against you. If it fails: as Limit.`,
      ];
    case 'standDown':
      return ['Stand down', 'Nothing happens, whatever the vote.'];
  }
}

/** What pressing and holding do, with the engine's numbers. */
export function instigateWords(): string {
  return `Press: commit Power to win it (Tension rises). Hold: commit nothing; the crisis goes ahead ${RULES.holdReduction} weaker, or fizzles out.`;
}

interface CallView {
  /** "Green calls you (strategic partnership)". */
  who: string;
  side: string;
  stake: string;
  treaty: boolean;
  /** A treaty ally asks for help with its own operation: the treaty does not oblige. */
  asked: boolean;
  current: string | null;
  /** The answer kind given so far, if any. */
  currentKind: AnswerCost['kind'] | null;
  silent: string | null;
  option: LegalOption | null;
  costs: AnswerCost[];
  sides: { value: Side; label: string }[];
  /** The phase in which calls are answered at this match's pace, by name. */
  answeredIn: string;
}

export interface CrisisView {
  uid: string;
  title: string;
  year: number;
  news: string;
  vote: boolean;
  region: string;
  who: string;
  severity: string;
  call: CallView | null;
  /** The seat is the instigator and may press or hold now. */
  instigate: { option: LegalOption; current: string | null; pressing: boolean | null } | null;
  voteOption: LegalOption | null;
  myVote: string | null;
  mandateOption: LegalOption | null;
}

/** The side an answer takes, in words. */
function sideWords(scenario: Scenario, crisis: DeepReadonly<CrisisState>, side: Side): string {
  if (side === 'attack') return `${possessive(actorName(scenario, crisis.instigator))} side`;
  return crisis.target
    ? `${possessive(actorName(scenario, crisis.target))} side`
    : `the side of ${regionName(scenario, crisis.region)}`;
}

function answerNow(crisis: DeepReadonly<CrisisState>, seat: string): string | null {
  const a = crisis.answers[seat];
  if (!a) return null;
  const gives = [a.power ? `${a.power} Power` : '', a.wealth ? `${a.wealth} Wealth` : '']
    .filter(Boolean)
    .join(' and ');
  return `${ANSWER_LABELS[a.kind]}${gives ? ` with ${gives}` : ''}`;
}

/** Every live crisis as the seat should read it, with what it may decide and what each answer costs. */
export function crisisViews(
  scenario: Scenario,
  state: ReadonlyState,
  seat: string | null,
  options: LegalOption[] = seat ? legalCommands(scenario, state, seat) : [],
): CrisisView[] {
  const name = (id: string | null) => actorName(scenario, id);
  return state.crises
    .filter((c) => c.live)
    .map((crisis) => {
      const card = scenario.cards.find((c) => c.id === crisis.card);
      const vote = card?.kind === 'vote';
      const who = vote
        ? `${name(card?.mandateFor ?? null)} asks the Security Council for a mandate.`
        : crisis.instigator && crisis.target
          ? `${name(crisis.instigator)} against ${name(crisis.target)}.`
          : crisis.instigator
            ? `Started by ${name(crisis.instigator)}; the actors at home there defend.`
            : `A shared problem for ${listWords(crisis.parties.map(name))}.`;
      const severity = vote
        ? ''
        : `Severity ${crisis.severity}, about ${crisis.preview} after deterrence${
            crisis.stalemates > 0
              ? `; a war dragging on (${crisis.stalemates} stalemate${crisis.stalemates > 1 ? 's' : ''})`
              : ''
          }.`;
      const call = seat ? crisis.calls.find((c) => c.actor === seat) : undefined;
      let callView: CallView | null = null;
      if (call && seat) {
        const callers = call.callers.map(
          (c) =>
            `${name(c.party)} (${c.bloc ? `through ${blocName(scenario, c.bloc)}` : c.via === 'footprint' ? 'your footprint there' : levelWords(c.level)})`,
        );
        const sides: Side[] = call.side === 'either' ? ['attack', 'defence'] : [call.side];
        callView = {
          who: `${listWords(callers)} ${call.callers.length > 1 ? 'call' : 'calls'} on you.`,
          side:
            call.side === 'either'
              ? 'Both sides call you: you choose which side to take.'
              : `You are asked to stand on ${sideWords(scenario, crisis, call.side)}.`,
          stake: `Your stake here is ${call.stake}.`,
          treaty: call.treaty,
          asked: call.asked,
          current: answerNow(crisis, seat),
          currentKind: crisis.answers[seat]?.kind ?? null,
          silent: silentAnswer(scenario, state, seat, crisis.uid),
          option: options.find((o) => o.kind === 'answer' && o.sub === crisis.uid) ?? null,
          costs: answerCosts(scenario, state, seat, crisis.uid),
          sides: sides.map((s) => ({ value: s, label: sideWords(scenario, crisis, s) })),
          answeredIn: PHASE_NAMES[phaseAccepting('answer', state.settings.pace) ?? 'calls'],
        };
      }
      const instigateOption = options.find((o) => o.kind === 'instigate' && o.sub === crisis.uid);
      const press = crisis.instigator === seat ? crisis.press : null;
      return {
        uid: crisis.uid,
        title: card?.title ?? crisis.card,
        year: card?.year ?? 0,
        news: card?.news ?? '',
        vote,
        region: regionName(scenario, crisis.region),
        who,
        severity,
        call: callView,
        instigate: instigateOption
          ? {
              option: instigateOption,
              current: press ? (press.press ? `Press with ${press.power} Power` : 'Hold') : null,
              pressing: press ? press.press : null,
            }
          : null,
        voteOption:
          options.find((o) => o.kind === 'vote' && o.targets.includes(crisis.uid)) ?? null,
        myVote: seat ? (crisis.votes[seat] ?? null) : null,
        mandateOption:
          options.find((o) => o.kind === 'mandate' && o.targets.includes(crisis.uid)) ?? null,
      };
    });
}
