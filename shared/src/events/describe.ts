import type { DeepReadonly } from '../readonly.ts';
import type { Scenario } from '../scenario/schema.ts';
import { TIE_LEVELS } from '../vocabulary.ts';
import { agreementOf, article, count } from './grammar.ts';
import type { EngineEvent } from './types.ts';

const LEVEL_WORDS: Record<string, string> = {
  none: 'no tie',
  dialogue: 'dialogue',
  partnership: 'a partnership',
  strategic: 'a strategic partnership',
  alliance: 'an alliance',
};

function signed(n: number | undefined): string {
  return n === undefined ? '' : n > 0 ? `+${n}` : String(n);
}

/**
 * The one plain-language sentence for an event. Client, replays and debriefs
 * all call this, so the whole product tells the story in the same words.
 */
export function describeEvent(scenario: Scenario, e: DeepReadonly<EngineEvent>): string {
  const actorName = (id: string | undefined) =>
    scenario.actors.find((a) => a.id === id)?.name ?? id ?? 'someone';
  const [a, b] = [actorName(e.actors[0]), actorName(e.actors[1])];
  // Verbs and pronouns agree with their subject: "China hedges", "the European allies hedge".
  const A = agreementOf(a);
  const B = agreementOf(b);
  const v = A.verb;
  const list = (ids: readonly string[]) => {
    const names = ids.map(actorName);
    return names.length <= 1
      ? (names[0] ?? 'nobody')
      : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
  };
  const card = e.card ? scenario.cards.find((c) => c.id === e.card) : undefined;
  const crisisTitle = card ? card.title : 'the crisis';
  const region =
    scenario.regions.find((r) => r.id === (e.region ?? card?.region))?.name ?? 'the region';
  const amt = e.amounts ?? {};
  const det = e.detail ?? {};
  const level = (n: number | undefined) => LEVEL_WORDS[TIE_LEVELS[n ?? 0] ?? 'none'];
  switch (e.type) {
    case 'matchStarted':
      return `The match begins with ${list(e.actors)} at the table, for ${count(amt.rounds ?? 0, 'round')}; world Tension stands at ${amt.tension}.`;
    case 'roundStarted':
      return `Round ${amt.round} begins (Tension ${amt.tension}).`;
    case 'crisisRevealed':
    case 'crisisInjected':
      return `${e.type === 'crisisInjected' ? 'Injected by the host: ' : det.how === 'prepared' ? 'A prepared card is played: ' : 'News: '}${crisisTitle} in ${region} (severity ${amt.severity}, ${amt.effective} after deterrence); ${amt.called} ${amt.called === 1 ? 'actor is' : 'actors are'} called.`;
    case 'cardPrepared':
      return `${a} ${v('prepare')} a crisis card for next round.`;
    case 'tieFrozen':
      return `The tie between ${a} and ${b} is frozen while ${crisisTitle} lasts.`;
    case 'offerSent':
      return `${a} ${v('send')} ${b} an offer.`;
    case 'offerWithdrawn':
      return `${a} ${v('withdraw')} ${A.its} offer to ${b}.`;
    case 'offerAnswered':
      return `${a} ${v(det.answer === 'accepted' ? 'accept' : 'reject')} the offer from ${b}.`;
    case 'invitationSent':
      return `${a} ${v('invite')} ${list(e.actors.slice(1))} (${det.invitation}).`;
    case 'invitationAnswered':
      return `${a} ${v('answer')} ${B.possessive} invitation.`;
    case 'tieRaised':
      return `${a} and ${b} raise their tie to ${level(amt.to)}.`;
    case 'tieLowered':
      return `${a} ${v('scale')} ${A.its} tie with ${b} back to ${level(amt.to)}${amt.reputation ? ` while it was frozen (${signed(amt.reputation)} Reputation)` : ''}.`;
    case 'noticeGiven':
      return `${a} ${v('give')} notice on ${A.its} ${det.bloc ? `membership of ${det.bloc.toUpperCase()}` : `treaty with ${b}`}: the ${det.bloc ? 'membership' : 'treaty'} ends in round ${amt.due} (${signed(amt.reputation)} Reputation).`;
    case 'treatyEnded':
      return `The treaty between ${a} and ${b} ends; they remain strategic partners.`;
    case 'blocJoined':
      return `${a} ${v('join')} ${(det.bloc ?? '').toUpperCase()}.`;
    case 'blocLeft':
      return `${a} ${v('leave')} ${(det.bloc ?? '').toUpperCase()}.`;
    case 'riderApplied':
      return `${a} and ${b} add ${article(riderWords(det.rider))} ${riderWords(det.rider)} to their tie.`;
    case 'deployed':
      return `${a} ${v('deploy')} ${amt.power} Power to ${region}.`;
    case 'exercise':
      return `${list(e.actors)} ${e.actors.length > 1 ? 'hold' : v('hold')} a joint exercise in ${region}.`;
    case 'mediated':
      return det.bloc
        ? `${article(det.bloc.toUpperCase()) === 'an' ? 'An' : 'A'} ${det.bloc.toUpperCase()} consultation lowers the severity of ${crisisTitle}.`
        : `${a} ${v('mediate')}, lowering the severity of ${crisisTitle}.`;
    case 'votesCounted':
      return `The Security Council votes on a mandate for ${a} in ${region}: ${amt.yes} yes (${amt.needed} needed), ${amt.abstain} abstain, ${amt.veto} veto — the mandate ${det.result}.`;
    case 'mandateStretched':
      return `${a} ${v('stretch')} ${A.its} mandate in ${region}; ${e.actors.length > 1 ? `${list(e.actors.slice(1))} will remember their abstention` : 'nobody had abstained'}.`;
    case 'actedWithoutMandate':
      return `${a} ${v('act')} in ${region} without a mandate (${signed(amt.reputation)} Reputation).`;
    case 'pressed':
      return `${a} ${v('press')} ${crisisTitle}, committing ${amt.power} Power.`;
    case 'held':
      return `${a} ${v('hold')} back in ${crisisTitle}.`;
    case 'blocInvited':
      return `${a} ${v('call')} a bloc into ${crisisTitle}.`;
    case 'investigation':
      return `${A.possessive} investigation of ${b}: ${det.result}.`;
    case 'quietExposed':
      return `${A.possessive} quiet support for ${b} is exposed (${signed(amt.reputation)} Reputation).`;
    case 'callHonoured':
      return `${a} ${v('honour')} ${B.possessive} ${det.treaty === 'yes' ? 'treaty ' : ''}call in ${crisisTitle}, committing ${[amt.power ? `${amt.power} Power` : '', amt.wealth ? `${amt.wealth} Wealth` : ''].filter(Boolean).join(' and ') || 'nothing'}.`;
    case 'callHollow':
      return `${a} ${v('answer')} ${B.possessive} ${det.treaty === 'yes' ? 'treaty ' : ''}call in ${crisisTitle} but ${A.have} no Power or Wealth left to commit: the honour is hollow and earns nothing.`;
    case 'callHedged':
      return `${a} ${v('hedge')} on the call in ${crisisTitle}${amt.reputation ? ` (${signed(amt.reputation)} Reputation)` : ''}.`;
    case 'crossPressure':
      return `${a} ${A.be} caught between partners on both sides of ${crisisTitle}.`;
    case 'entrapment':
      return `Entrapment: ${a} ${A.be} dragged into ${crisisTitle} by ${A.its} tie with ${b}, where ${A.its} own stake is low — ${signed(amt.autonomy)} Autonomy, ${amt.power} Power locked for ${count(amt.lockedRounds ?? 0, 'round')}, Entangled for ${count(amt.entangledRounds ?? 0, 'round')}.`;
    case 'abandonment':
      return `Abandonment: ${a} ${v('refuse')} ${A.its} treaty ally ${b} in ${crisisTitle} — ${a} ${signed(amt.reputation)} Reputation, ${b} ${signed(amt.security)} Security; the treaty falls to a partnership.`;
    case 'favourEarned':
      return `${b} now ${B.verb('owe')} ${a} a favour.`;
    case 'favourRepaid':
      return `${a} ${v('pay')} ${b} ${amt.wealth} Wealth to turn down an offer that called in a favour.`;
    case 'grievance':
      return `${a} ${v('hold')} a grievance against ${b}${det.reason ? ` (${det.reason})` : ''}.`;
    case 'crisisWon':
      return `${a} ${v('prevail')} in ${crisisTitle} (${amt.attack} against ${amt.defence}).`;
    case 'crisisHeld':
      return `${a} ${v('hold')} firm in ${crisisTitle} (${amt.defence} against ${amt.attack}).`;
    case 'stalemate':
      return `${crisisTitle} ends in stalemate (${amt.attack} against ${amt.defence}): the war drags on and committed Power stays locked.`;
    case 'crisisDefused':
      return `${crisisTitle} is defused before it comes to blows.`;
    case 'sharedSuccess':
      return `The joint response to ${crisisTitle} succeeds (${amt.total} against ${amt.need}).`;
    case 'sharedFailure':
      return `The response to ${crisisTitle} falls short (${amt.total} against ${amt.need}); the region's actors lose Security.`;
    case 'invested':
      return `${a} ${v('invest')} ${amt.wealth} Wealth in ${region} (${signed(amt.influence)} influence${amt.hostWealth ? `; ${b} ${B.verb('gain')} ${amt.hostWealth} Wealth` : ''}).`;
    case 'aided':
      return `${a} ${v('send')} ${b} ${amt.wealth} Wealth in aid.`;
    case 'sanctioned':
      return `${a} ${v('sanction')} ${b} for ${count(amt.rounds ?? 0, 'round')}.`;
    case 'secondarySanctions':
      return `Secondary sanctions hit ${a} for helping ${b} (${signed(amt.income)} Wealth income for ${count(amt.rounds ?? 0, 'round')}).`;
    case 'summit':
      return `${a} ${v('convene')} a summit${e.actors.length > 1 ? ` attended by ${list(e.actors.slice(1))}` : ' that nobody attends'}.`;
    case 'bricsPosition':
      return `${a} ${v('lead')} a common position${e.actors.length > 1 ? ` followed by ${list(e.actors.slice(1))}` : ''} (${signed(amt.wealth)} Wealth each).`;
    case 'income':
      return amt.upkeep
        ? `${a} ${v('pay')} ${amt.upkeep} Wealth in upkeep and ${v('earn')} ${amt.income} (now ${amt.wealth}).`
        : `${a} ${v('earn')} ${amt.income} Wealth (now ${amt.wealth}).`;
    case 'isolation':
      return `${a} ${A.be} isolated, with too few strategic partners (${signed(amt.security)} Security; crises against ${A.itObject} hit harder next round).`;
    case 'cohesion':
      return `${A.possessive} Cohesion changes by ${signed(amt.change)} (now ${amt.cohesion}).`;
    case 'tension':
      return `World Tension ${amt.change! > 0 ? 'rises' : 'eases'} to ${amt.tension}${det.reason ? ` (${det.reason})` : ''}.`;
    case 'greatPowerWar':
      return `Tension reaches ${amt.tension}: great-power war. The match ends at once.`;
    case 'matchEnded':
      return det.reason === 'greatPowerWar'
        ? 'The match ends in great-power war.'
        : det.reason === 'endedEarly'
          ? 'The host ends the match: it is scored on the rounds played.'
          : 'The last round is over: the match ends.';
  }
}

function riderWords(kind: string | undefined): string {
  switch (kind) {
    case 'trade':
      return 'trade deal';
    case 'armsSale':
      return 'arms sale';
    case 'training':
      return 'training mission';
    case 'jointExercise':
      return 'joint exercise';
    case 'baseAccess':
      return 'base access agreement';
    case 'investment':
      return 'investment package';
    case 'unPledge':
      return 'UN pledge';
    default:
      return 'rider';
  }
}
