import type { DeepReadonly } from '../readonly.ts';
import type { Scenario } from '../scenario/schema.ts';
import { ALLIANCE } from '../vocabulary.ts';
import { agreementOf } from './grammar.ts';
import type { EngineEvent } from './types.ts';

/** What a class is told about a round, in the order the projector shows it. */
export const HEADLINE_KINDS = [
  'entrapment',
  'abandonment',
  'treatyMade',
  'treatyBroken',
  'war',
] as const;
export type HeadlineKind = (typeof HEADLINE_KINDS)[number];

export interface Headline {
  kind: HeadlineKind;
  /** One short sentence for the back row. */
  text: string;
  /** The actors it names, the acting one first. */
  actors: string[];
  /** The crisis card, when it happened in a crisis. */
  card?: string;
}

/**
 * The round's headlines for a class: every entrapment and abandonment,
 * every treaty made (a tie raised to alliance, a bloc joined) and broken
 * (notice given, a treaty or bloc membership ended), and every war (a crisis
 * that came to blows, and great-power war). Derived from the round's events
 * only, so it can show whatever the viewer may see of them.
 */
export function roundHeadlines(
  scenario: Scenario,
  events: readonly DeepReadonly<EngineEvent>[],
): Headline[] {
  const name = (id: string | undefined) =>
    scenario.actors.find((a) => a.id === id)?.name ?? id ?? 'someone';
  const bloc = (id: string | undefined) =>
    scenario.institutions.find((i) => i.id === id)?.name ?? id?.toUpperCase() ?? 'a bloc';
  const title = (e: DeepReadonly<EngineEvent>) =>
    scenario.cards.find((c) => c.id === e.card)?.title ?? 'a crisis';
  const out: Headline[] = [];
  for (const e of events) {
    const [a, b] = [name(e.actors[0]), name(e.actors[1])];
    const of = agreementOf(a);
    const text = headlineText(e, a, b, of, bloc, title);
    if (!text) continue;
    out.push({
      kind: text.kind,
      text: text.text,
      actors: [...e.actors],
      ...(e.card ? { card: e.card } : {}),
    });
  }
  const order = (h: Headline) => HEADLINE_KINDS.indexOf(h.kind);
  return out
    .map((h, i) => ({ h, i }))
    .sort((x, y) => order(x.h) - order(y.h) || x.i - y.i)
    .map(({ h }) => h);
}

function headlineText(
  e: DeepReadonly<EngineEvent>,
  a: string,
  b: string,
  of: ReturnType<typeof agreementOf>,
  bloc: (id: string | undefined) => string,
  title: (e: DeepReadonly<EngineEvent>) => string,
): { kind: HeadlineKind; text: string } | null {
  switch (e.type) {
    case 'entrapment':
      return {
        kind: 'entrapment',
        text: `${a} ${of.be} dragged into ${title(e)} by ${of.its} tie with ${b}.`,
      };
    case 'abandonment':
      return {
        kind: 'abandonment',
        text: `${a} ${of.verb('abandon')} ${of.its} treaty ally ${b} in ${title(e)}.`,
      };
    case 'tieRaised':
      return (e.amounts?.to ?? 0) >= ALLIANCE
        ? { kind: 'treatyMade', text: `${a} and ${b} sign a treaty of alliance.` }
        : null;
    case 'blocJoined':
      return { kind: 'treatyMade', text: `${a} ${of.verb('join')} ${bloc(e.detail?.bloc)}.` };
    case 'noticeGiven':
      return {
        kind: 'treatyBroken',
        text: e.detail?.bloc
          ? `${a} ${of.verb('give')} notice on ${of.its} membership of ${bloc(e.detail.bloc)}.`
          : `${a} ${of.verb('give')} notice on ${of.its} treaty with ${b}.`,
      };
    case 'treatyEnded':
      return { kind: 'treatyBroken', text: `The treaty between ${a} and ${b} ends.` };
    case 'blocLeft':
      return { kind: 'treatyBroken', text: `${a} ${of.verb('leave')} ${bloc(e.detail?.bloc)}.` };
    case 'crisisWon':
      return { kind: 'war', text: `${title(e)}: ${a} ${of.verb('prevail')}.` };
    case 'crisisHeld':
      return { kind: 'war', text: `${title(e)}: ${a} ${of.verb('hold')} firm.` };
    case 'stalemate':
      return { kind: 'war', text: `${title(e)}: stalemate, the war drags on.` };
    case 'greatPowerWar':
      return {
        kind: 'war',
        text: `Great-power war: world Tension reaches ${e.amounts?.tension ?? 'its limit'}.`,
      };
    default:
      return null;
  }
}
