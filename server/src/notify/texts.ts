import {
  getScenario,
  NOTICE_LANGUAGES,
  PHASE_NAMES,
  PHASE_NAMES_ZH,
  type Phase,
  SCENARIO_IDS,
} from '@entanglement/shared';

/** What a notification is about. */
export type NoticeKind = 'phaseStarted' | 'deadlineNear' | 'matchEnded' | 'seatAway';

/**
 * The public facts of a match a notification may carry: its scenario, round,
 * phase and deadline. Nothing else of the match reaches a notification
 * (docs/security.md, "Notifications"): no pass, no goal, no order, no chat.
 */
export interface NoticeFacts {
  matchId: string;
  scenarioId: string;
  round: number;
  rounds: number;
  phase: Phase;
  /** When the phase ends by the server's clock (ms since 1970); null while paused or over. */
  endsAt: number | null;
}

/** One notification as a push carries it (the service worker shows it) and an e-mail reads it. */
export interface Notice {
  kind: NoticeKind;
  title: string;
  body: string;
  /** Where a click leads, on this server: the match, or My matches once it is over. */
  url: string;
  /** One notification per match on a device: a newer one replaces the older. */
  tag: string;
  round: number;
  phase: Phase;
  endsAt: number | null;
}

type Language = (typeof NOTICE_LANGUAGES)[number];

interface Words {
  phase: (p: Phase) => string;
  round: (r: number, n: number) => string;
  ends: (time: string) => string;
  paused: string;
  started: (scenario: string, phase: string) => string;
  near: (scenario: string, phase: string) => string;
  notDone: string;
  over: (scenario: string) => string;
  seeResult: string;
  away: (scenario: string) => string;
  comeBack: string;
}

const WORDS: Record<Language, Words> = {
  en: {
    phase: (p) => PHASE_NAMES[p],
    round: (r, n) => `Round ${r} of ${n}.`,
    ends: (time) => `It ends ${time}.`,
    paused: 'The clock is paused.',
    started: (s, p) => `${s}: ${p} has started`,
    near: (s, p) => `${s}: ${p} ends soon`,
    notDone: 'Your seat has not pressed Done.',
    over: (s) => `${s}: the match is over`,
    seeResult: 'See how it ended on My matches.',
    away: (s) => `${s}: a bot is playing your seat`,
    comeBack: 'Your seat sent nothing for a while. Open the match to take it back.',
  },
  'zh-CN': {
    phase: (p) => PHASE_NAMES_ZH[p],
    round: (r, n) => `第 ${r}/${n} 轮。`,
    ends: (time) => `截止时间：${time}。`,
    paused: '计时已暂停。',
    started: (s, p) => `${s}：${p}阶段开始`,
    near: (s, p) => `${s}：${p}即将截止`,
    notDone: '你的席位尚未完成本阶段。',
    over: (s) => `${s}：本局已结束`,
    seeResult: '在“我的对局”中查看结局。',
    away: (s) => `${s}：机器人正在代打你的席位`,
    comeBack: '你的席位一段时间没有任何操作。打开对局即可收回席位。',
  },
};

function languageOf(tag: string): Language {
  return (NOTICE_LANGUAGES as readonly string[]).includes(tag) ? (tag as Language) : 'en';
}

function scenarioTitle(id: string): string {
  return (SCENARIO_IDS as readonly string[]).includes(id) ? getScenario(id).title : id;
}

/** The deadline in the person's own time zone and language, the zone named. */
function formatTime(at: number, language: Language, timeZone: string): string {
  return new Intl.DateTimeFormat(language, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    timeZoneName: 'short',
  }).format(at);
}

/** A time zone Intl knows (the person's own, as their browser named it), else null. */
export function knownTimeZone(zone: string): string | null {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return zone;
  } catch {
    return null;
  }
}

/** The notification `kind` about `facts`, written in `language` with times in `timeZone`. */
export function writeNotice(
  kind: NoticeKind,
  facts: NoticeFacts,
  language: string,
  timeZone: string,
): Notice {
  const lang = languageOf(language);
  const w = WORDS[lang];
  const scenario = scenarioTitle(facts.scenarioId);
  const phase = w.phase(facts.phase);
  const when = facts.endsAt === null ? w.paused : w.ends(formatTime(facts.endsAt, lang, timeZone));
  const round = w.round(facts.round, facts.rounds);
  const common = {
    kind,
    tag: `entanglement-${facts.matchId}`,
    round: facts.round,
    phase: facts.phase,
    endsAt: facts.endsAt,
    url: `/match/${encodeURIComponent(facts.matchId)}`,
  };
  switch (kind) {
    case 'phaseStarted':
      return { ...common, title: w.started(scenario, phase), body: `${round} ${when}` };
    case 'deadlineNear':
      return { ...common, title: w.near(scenario, phase), body: `${round} ${w.notDone} ${when}` };
    case 'matchEnded':
      return { ...common, url: '/mine', title: w.over(scenario), body: w.seeResult };
    case 'seatAway':
      return { ...common, title: w.away(scenario), body: `${round} ${w.comeBack}` };
  }
}
