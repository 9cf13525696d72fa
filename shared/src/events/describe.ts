import type { DeepReadonly } from '../readonly.ts';
import type { Scenario } from '../scenario/schema.ts';
import { TIE_LEVELS } from '../vocabulary.ts';
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
      return `The match begins with ${list(e.actors)} at the table, for ${amt.rounds} rounds; world Tension stands at ${amt.tension}.`;
    case 'roundStarted':
      return `Round ${amt.round} begins (Tension ${amt.tension}).`;
    case 'crisisRevealed':
    case 'crisisInjected':
      return `${e.type === 'crisisInjected' ? 'Injected by the host: ' : det.how === 'prepared' ? 'A prepared card is played: ' : 'News: '}${crisisTitle} in ${region} (severity ${amt.severity}, ${amt.effective} after deterrence); ${amt.called} ${amt.called === 1 ? 'actor is' : 'actors are'} called.`;
    case 'cardPrepared':
      return `${a} prepares a crisis card for next round.`;
    case 'tieFrozen':
      return `The tie between ${a} and ${b} is frozen while ${crisisTitle} lasts.`;
    case 'offerSent':
      return `${a} sends ${b} an offer.`;
    case 'offerWithdrawn':
      return `${a} withdraws its offer to ${b}.`;
    case 'offerAnswered':
      return `${a} ${det.answer === 'accepted' ? 'accepts' : 'rejects'} the offer from ${b}.`;
    case 'invitationSent':
      return `${a} invites ${list(e.actors.slice(1))} (${det.invitation}).`;
    case 'invitationAnswered':
      return `${a} answers ${b}'s invitation.`;
    case 'tieRaised':
      return `${a} and ${b} raise their tie to ${level(amt.to)}.`;
    case 'tieLowered':
      return `${a} scales its tie with ${b} back to ${level(amt.to)}${amt.reputation ? ` while it was frozen (${signed(amt.reputation)} Reputation)` : ''}.`;
    case 'noticeGiven':
      return `${a} gives notice on its ${det.bloc ? `membership of ${det.bloc.toUpperCase()}` : `treaty with ${b}`}: it ends in round ${amt.due} (${signed(amt.reputation)} Reputation).`;
    case 'treatyEnded':
      return `The treaty between ${a} and ${b} ends; they remain strategic partners.`;
    case 'blocJoined':
      return `${a} joins ${(det.bloc ?? '').toUpperCase()}.`;
    case 'blocLeft':
      return `${a} leaves ${(det.bloc ?? '').toUpperCase()}.`;
    case 'riderApplied':
      return `${a} and ${b} add a ${riderWords(det.rider)} to their tie.`;
    case 'deployed':
      return `${a} deploys ${amt.power} Power to ${region}.`;
    case 'exercise':
      return `${list(e.actors)} hold a joint exercise in ${region}.`;
    case 'mediated':
      return det.bloc
        ? `A ${det.bloc.toUpperCase()} consultation lowers the severity of ${crisisTitle}.`
        : `${a} mediates in ${crisisTitle}, lowering its severity.`;
    case 'votesCounted':
      return `The Security Council votes on a mandate for ${a} in ${region}: ${amt.yes} yes (${amt.needed} needed), ${amt.abstain} abstain, ${amt.veto} veto — it ${det.result}.`;
    case 'mandateStretched':
      return `${a} stretches its mandate in ${region}; ${e.actors.length > 1 ? `${list(e.actors.slice(1))} will remember their abstention` : 'nobody had abstained'}.`;
    case 'actedWithoutMandate':
      return `${a} acts in ${region} without a mandate (${signed(amt.reputation)} Reputation).`;
    case 'pressed':
      return `${a} presses ${crisisTitle}, committing ${amt.power} Power.`;
    case 'held':
      return `${a} holds back in ${crisisTitle}.`;
    case 'blocInvited':
      return `${a} calls a bloc into ${crisisTitle}.`;
    case 'investigation':
      return `${a}'s investigation of ${b}: ${det.result}.`;
    case 'quietExposed':
      return `${a}'s quiet support for ${b} is exposed (${signed(amt.reputation)} Reputation).`;
    case 'callHonoured':
      return `${a} honours ${b}'s ${det.treaty === 'yes' ? 'treaty ' : ''}call in ${crisisTitle}, committing ${[amt.power ? `${amt.power} Power` : '', amt.wealth ? `${amt.wealth} Wealth` : ''].filter(Boolean).join(' and ') || 'nothing'}.`;
    case 'callHollow':
      return `${a} answers ${b}'s ${det.treaty === 'yes' ? 'treaty ' : ''}call in ${crisisTitle} but has no Power or Wealth left to commit: the honour is hollow and earns nothing.`;
    case 'callHedged':
      return `${a} hedges on the call in ${crisisTitle}${amt.reputation ? ` (${signed(amt.reputation)} Reputation)` : ''}.`;
    case 'crossPressure':
      return `${a} is caught between partners on both sides of ${crisisTitle}.`;
    case 'entrapment':
      return `Entrapment: ${a} is dragged into ${crisisTitle} by its tie with ${b}, where its own stake is low — ${signed(amt.autonomy)} Autonomy, ${amt.power} Power locked for ${amt.lockedRounds} rounds, Entangled for ${amt.entangledRounds} rounds.`;
    case 'abandonment':
      return `Abandonment: ${a} refuses its treaty ally ${b} in ${crisisTitle} — ${a} ${signed(amt.reputation)} Reputation, ${b} ${signed(amt.security)} Security; the treaty falls to a partnership.`;
    case 'favourEarned':
      return `${b} now owes ${a} a favour.`;
    case 'favourRepaid':
      return `${a} pays ${b} ${amt.wealth} Wealth to turn down an offer that called in a favour.`;
    case 'grievance':
      return `${a} holds a grievance against ${b}${det.reason ? ` (${det.reason})` : ''}.`;
    case 'crisisWon':
      return `${a} prevails in ${crisisTitle} (${amt.attack} against ${amt.defence}).`;
    case 'crisisHeld':
      return `${a} holds firm in ${crisisTitle} (${amt.defence} against ${amt.attack}).`;
    case 'stalemate':
      return `${crisisTitle} ends in stalemate (${amt.attack} against ${amt.defence}): the war drags on and committed Power stays locked.`;
    case 'crisisDefused':
      return `${crisisTitle} is defused before it comes to blows.`;
    case 'sharedSuccess':
      return `The joint response to ${crisisTitle} succeeds (${amt.total} against ${amt.need}).`;
    case 'sharedFailure':
      return `The response to ${crisisTitle} falls short (${amt.total} against ${amt.need}); the region's actors lose Security.`;
    case 'invested':
      return `${a} invests ${amt.wealth} Wealth in ${region} (${signed(amt.influence)} influence${amt.hostWealth ? `; ${b} gains ${amt.hostWealth} Wealth` : ''}).`;
    case 'aided':
      return `${a} sends ${b} ${amt.wealth} Wealth in aid.`;
    case 'sanctioned':
      return `${a} sanctions ${b} for ${amt.rounds} rounds.`;
    case 'secondarySanctions':
      return `Secondary sanctions hit ${a} for helping ${b} (${signed(amt.income)} Wealth income for ${amt.rounds} rounds).`;
    case 'summit':
      return `${a} convenes a summit${e.actors.length > 1 ? ` attended by ${list(e.actors.slice(1))}` : ' that nobody attends'}.`;
    case 'bricsPosition':
      return `${a} leads a common position${e.actors.length > 1 ? ` followed by ${list(e.actors.slice(1))}` : ''} (${signed(amt.wealth)} Wealth each).`;
    case 'income':
      return amt.upkeep
        ? `${a} pays ${amt.upkeep} Wealth in upkeep and earns ${amt.income} (now ${amt.wealth}).`
        : `${a} earns ${amt.income} Wealth (now ${amt.wealth}).`;
    case 'isolation':
      return `${a} is isolated, with too few strategic partners (${signed(amt.security)} Security; crises against it hit harder next round).`;
    case 'cohesion':
      return `${a}'s Cohesion changes by ${signed(amt.change)} (now ${amt.cohesion}).`;
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
