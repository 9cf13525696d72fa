import {
  type DeepReadonly,
  describeEvent,
  type EngineEvent,
  type Scenario,
  TIE_LEVELS,
} from '@entanglement/shared';
import { eventMessage, t } from './index.ts';

/**
 * The variant of an event's sentence, when it has one: the suffix of its
 * key in the events catalogue (events.zh-CN.ts), read from the event's
 * details the way describeEvent reads them.
 */
function variantOf(e: DeepReadonly<EngineEvent>): string {
  const amt = e.amounts ?? {};
  const det = e.detail ?? {};
  const alone = e.actors.length <= 1;
  switch (e.type) {
    case 'crisisRevealed':
      return det.how === 'prepared' ? 'prepared' : '';
    case 'offerAnswered':
      return det.answer === 'accepted' ? 'accepted' : '';
    case 'tieLowered':
      return amt.reputation ? 'frozen' : '';
    case 'noticeGiven':
    case 'mediated':
      return det.bloc ? 'bloc' : '';
    case 'votesCounted':
      return det.result === 'passed' ? 'passed' : '';
    case 'mandateStretched':
    case 'summit':
      return alone ? 'nobody' : '';
    case 'bricsPosition':
      return alone ? 'alone' : '';
    case 'callHonoured':
      return det.treaty === 'yes' ? 'treaty' : '';
    case 'callHedged':
      return amt.reputation ? 'reputation' : '';
    case 'grievance':
      return det.reason ? 'reason' : '';
    case 'invested':
      return amt.hostWealth ? 'host' : '';
    case 'income':
      return amt.upkeep ? 'upkeep' : '';
    case 'tension':
      return [amt.change! > 0 ? 'rises' : '', det.reason ? 'reason' : ''].filter(Boolean).join('_');
    case 'matchEnded':
      return det.reason === 'greatPowerWar' || det.reason === 'endedEarly' ? det.reason : '';
    default:
      return '';
  }
}

const signed = (n: number | undefined) => (n === undefined ? '' : n > 0 ? `+${n}` : String(n));

/**
 * An engine event in the player's language. English is the engine's own
 * sentence (describeEvent: its verbs agree with their subjects); another
 * language words the event from its type and parameters through its events
 * catalogue, so the story reads the same in both.
 */
export function eventText(scenario: Scenario, e: DeepReadonly<EngineEvent>): string {
  const name = (id: string | undefined) =>
    scenario.actors.find((a) => a.id === id)?.name ?? id ?? '';
  const list = (ids: readonly string[]) => {
    const names = ids.map(name);
    return names.length <= 1
      ? (names[0] ?? '')
      : t('list.and', { head: names.slice(0, -1).join(t('list.separator')), last: names.at(-1) });
  };
  const amt = e.amounts ?? {};
  const det = e.detail ?? {};
  const card = e.card ? scenario.cards.find((c) => c.id === e.card) : undefined;
  const regionId = e.region ?? card?.region;
  const bloc = det.bloc
    ? (scenario.institutions.find((i) => i.id === det.bloc)?.name ?? det.bloc.toUpperCase())
    : '';
  const word = (group: string, key: string | undefined) =>
    key ? (eventMessage(`words.${group}.${key}`, {}) ?? key) : '';
  const commit =
    amt.power && amt.wealth ? 'both' : amt.power ? 'power' : amt.wealth ? 'wealth' : 'nothing';
  const params: Record<string, string | number> = {
    ...amt,
    a: name(e.actors[0]),
    b: name(e.actors[1]),
    all: list(e.actors),
    others: list(e.actors.slice(1)),
    crisis: card
      ? (eventMessage('words.crisisTitle', { title: card.title }) ?? card.title)
      : (eventMessage('words.theCrisis', {}) ?? ''),
    region:
      scenario.regions.find((r) => r.id === regionId)?.name ??
      eventMessage('words.theRegion', {}) ??
      '',
    level: word('level', TIE_LEVELS[amt.to ?? 0] ?? 'none'),
    rider: det.rider ? t(`rider.${det.rider}`) : '',
    invitation: word('invitation', det.invitation),
    bloc,
    reason: word('reason', det.reason),
    result: word('investigation', det.result),
    commit: eventMessage(`words.commit.${commit}`, amt) ?? '',
  };
  // Changes carry their sign, as in the engine's sentences; income only where it is a change.
  for (const key of ['reputation', 'autonomy', 'security', 'influence', 'change'] as const)
    if (key in amt) params[key] = signed(amt[key]);
  if (e.type === 'secondarySanctions') params.income = signed(amt.income);
  const variant = variantOf(e);
  const sentence =
    (variant ? eventMessage(`${e.type}_${variant}`, params) : null) ?? eventMessage(e.type, params);
  return sentence ?? describeEvent(scenario, e);
}
