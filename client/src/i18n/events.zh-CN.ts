import type { EventType } from '@entanglement/shared';

/**
 * 引擎事件的中文句子，按事件类型排列（event-words.ts 填入参数）。
 * 参数：{{a}}、{{b}} 为前两个行为体，{{all}} 为全部行为体，{{others}} 为第一个之外的行为体，
 * {{crisis}} 危机名（带引号），{{region}} 地区名，{{level}} 关系层级，{{rider}} 附加条款，
 * {{bloc}} 机构，{{reason}} 原因，其余为事件的数值（amounts）。
 * 带后缀的键是同一事件的变体（如 _prepared、_upkeep）。
 * 英文不用这张表：英文就是引擎自己的句子（describeEvent）。
 */
export const eventsZh: Record<EventType, string> & Record<string, string> = {
  matchStarted: '本局开始：{{all}}入席，共 {{rounds}} 轮；世界紧张度为 {{tension}}。',
  roundStarted: '第 {{round}} 轮开始（紧张度 {{tension}}）。',
  crisisRevealed:
    '新闻：{{region}}的{{crisis}}（烈度 {{severity}}，威慑后为 {{effective}}）；{{called}} 个行为体被召唤。',
  crisisRevealed_prepared:
    '一张预先准备的牌被打出：{{region}}的{{crisis}}（烈度 {{severity}}，威慑后为 {{effective}}）；{{called}} 个行为体被召唤。',
  crisisInjected:
    '主持人投放：{{region}}的{{crisis}}（烈度 {{severity}}，威慑后为 {{effective}}）；{{called}} 个行为体被召唤。',
  cardPrepared: '{{a}}为下一轮准备了一张危机牌。',
  tieFrozen: '在{{crisis}}持续期间，{{a}}与{{b}}的关系被冻结。',
  offerSent: '{{a}}向{{b}}发出提议。',
  offerWithdrawn: '{{a}}撤回了给{{b}}的提议。',
  offerAnswered: '{{a}}拒绝了{{b}}的提议。',
  offerAnswered_accepted: '{{a}}接受了{{b}}的提议。',
  invitationSent: '{{a}}邀请{{others}}（{{invitation}}）。',
  invitationAnswered: '{{a}}回应了{{b}}的邀请。',
  tieRaised: '{{a}}与{{b}}把关系提升为{{level}}。',
  tieLowered: '{{a}}把与{{b}}的关系降为{{level}}。',
  tieLowered_frozen: '{{a}}在关系冻结期间把与{{b}}的关系降为{{level}}（声誉 {{reputation}}）。',
  noticeGiven: '{{a}}通知终止与{{b}}的条约：条约在第 {{due}} 轮结束（声誉 {{reputation}}）。',
  noticeGiven_bloc: '{{a}}通知退出{{bloc}}：成员资格在第 {{due}} 轮结束（声誉 {{reputation}}）。',
  treatyEnded: '{{a}}与{{b}}的条约结束；双方仍是战略伙伴。',
  blocJoined: '{{a}}加入{{bloc}}。',
  blocLeft: '{{a}}退出{{bloc}}。',
  riderApplied: '{{a}}与{{b}}在关系中加入{{rider}}。',
  deployed: '{{a}}向{{region}}部署 {{power}} 点实力。',
  exercise: '{{all}}在{{region}}举行联合演习。',
  mediated: '{{a}}进行调停，降低了{{crisis}}的烈度。',
  mediated_bloc: '{{bloc}}的磋商降低了{{crisis}}的烈度。',
  votesCounted:
    '安理会就{{a}}在{{region}}的授权表决：{{yes}} 票赞成（需要 {{needed}} 票），{{abstain}} 票弃权，{{veto}} 票否决——授权未获通过。',
  votesCounted_passed:
    '安理会就{{a}}在{{region}}的授权表决：{{yes}} 票赞成（需要 {{needed}} 票），{{abstain}} 票弃权，{{veto}} 票否决——授权获得通过。',
  mandateStretched: '{{a}}扩大了在{{region}}的授权；{{others}}会记住他们的弃权。',
  mandateStretched_nobody: '{{a}}扩大了在{{region}}的授权；没有成员弃权。',
  actedWithoutMandate: '{{a}}未经授权在{{region}}采取行动（声誉 {{reputation}}）。',
  pressed: '{{a}}在{{crisis}}中施压，投入 {{power}} 点实力。',
  held: '{{a}}在{{crisis}}中按兵不动。',
  blocInvited: '{{a}}邀请一个集团介入{{crisis}}。',
  investigation: '{{a}}对{{b}}的调查：{{result}}。',
  quietExposed: '{{a}}对{{b}}的暗中支持被揭露（声誉 {{reputation}}）。',
  callHonoured: '{{a}}响应了{{b}}在{{crisis}}中的召唤，投入{{commit}}。',
  callHonoured_treaty: '{{a}}履行了对{{b}}的条约义务，在{{crisis}}中投入{{commit}}。',
  callHollow:
    '{{a}}回应了{{b}}在{{crisis}}中的召唤，但已没有实力或财富可投入：这一响应有名无实，得不到任何回报。',
  callHedged: '{{a}}在{{crisis}}的召唤中两面下注。',
  callHedged_reputation: '{{a}}在{{crisis}}的召唤中两面下注（声誉 {{reputation}}）。',
  crossPressure: '{{a}}夹在{{crisis}}两边的伙伴之间。',
  entrapment:
    '牵连：{{a}}因与{{b}}的关系被拖入{{crisis}}，而自身利害很低——自主性 {{autonomy}}，{{power}} 点实力被锁定 {{lockedRounds}} 轮，卷入状态持续 {{entangledRounds}} 轮。',
  abandonment:
    '抛弃：{{a}}在{{crisis}}中拒绝了条约盟友{{b}}——{{a}}声誉 {{reputation}}，{{b}}安全 {{security}}；条约降为伙伴关系。',
  favourEarned: '{{b}}现在欠{{a}}一个人情。',
  favourRepaid: '{{a}}付给{{b}} {{wealth}} 点财富，以拒绝一份动用人情的提议。',
  grievance: '{{a}}对{{b}}心怀怨恨。',
  grievance_reason: '{{a}}对{{b}}心怀怨恨（{{reason}}）。',
  crisisWon: '{{a}}在{{crisis}}中占了上风（{{attack}} 对 {{defence}}）。',
  crisisHeld: '{{a}}在{{crisis}}中守住了阵地（{{defence}} 对 {{attack}}）。',
  stalemate: '{{crisis}}陷入僵局（{{attack}} 对 {{defence}}）：战争拖延，投入的实力仍被锁定。',
  crisisDefused: '{{crisis}}在动武之前得到化解。',
  sharedSuccess: '对{{crisis}}的联合应对取得成功（{{total}} 对 {{need}}）。',
  sharedFailure: '对{{crisis}}的应对力有不逮（{{total}} 对 {{need}}）；该地区的行为体失去安全。',
  invested: '{{a}}在{{region}}投资 {{wealth}} 点财富（影响力 {{influence}}）。',
  invested_host:
    '{{a}}在{{region}}投资 {{wealth}} 点财富（影响力 {{influence}}；{{b}}获得 {{hostWealth}} 点财富）。',
  aided: '{{a}}向{{b}}提供 {{wealth}} 点财富的援助。',
  sanctioned: '{{a}}制裁{{b}}，为期 {{rounds}} 轮。',
  secondarySanctions: '{{a}}因帮助{{b}}遭到次级制裁（财富收入 {{income}}，为期 {{rounds}} 轮）。',
  summit: '{{a}}召开峰会，{{others}}出席。',
  summit_nobody: '{{a}}召开峰会，无人出席。',
  bricsPosition: '{{a}}牵头形成共同立场，{{others}}跟随（各得财富 {{wealth}}）。',
  bricsPosition_alone: '{{a}}牵头形成共同立场（财富 {{wealth}}）。',
  income: '{{a}}获得 {{income}} 点财富（现为 {{wealth}}）。',
  income_upkeep: '{{a}}支付 {{upkeep}} 点财富的维持费，获得 {{income}} 点（现为 {{wealth}}）。',
  isolation: '{{a}}陷入孤立，战略伙伴太少（安全 {{security}}；下一轮针对它的危机打击更重）。',
  cohesion: '{{a}}的凝聚力变化 {{change}}（现为 {{cohesion}}）。',
  tension: '世界紧张度缓和至 {{tension}}。',
  tension_rises: '世界紧张度升至 {{tension}}。',
  tension_reason: '世界紧张度缓和至 {{tension}}（{{reason}}）。',
  tension_rises_reason: '世界紧张度升至 {{tension}}（{{reason}}）。',
  greatPowerWar: '紧张度达到 {{tension}}：大国战争爆发，本局立即结束。',
  matchEnded: '最后一轮结束：本局结束。',
  matchEnded_greatPowerWar: '本局在大国战争中结束。',
  matchEnded_endedEarly: '主持人结束了本局：按已进行的轮次计分。',
};

/** 事件里的固定说法：detail 中的英文原因与结果（按英文原文查找）、关系层级、投入。 */
export const eventWordsZh = {
  // 事件未指明危机牌或地区时的说法（引擎的英文为 the crisis、the region）。
  theCrisis: '这场危机',
  crisisTitle: '“{{title}}”',
  theRegion: '该地区',
  investigation: { exposed: '揭露了暗中支持', 'nothing found': '一无所获' },
  invitation: {
    summit: '峰会',
    brics: '金砖国家共同立场',
    drill: '联合演习',
    mediation: '共同调停',
    bloc: '集团介入',
  },
  reason: {
    'broken UN pledge': '违背了联合国投票承诺',
    'action without a mandate': '未经授权的行动',
    'a pressed crisis': '一场被施压的危机',
    'a stalemate': '一场僵局',
    'a great power entrapped': '一个大国被牵连',
    'a round without a pressed crisis': '一轮没有危机被施压',
    'a defused crisis': '一场危机得到化解',
    'exercise next to a rival': '在对手身旁演习',
    'deployment next to a rival': '在对手身旁部署',
  },
  level: {
    none: '无关系',
    dialogue: '对话',
    partnership: '伙伴关系',
    strategic: '战略伙伴关系',
    alliance: '同盟',
  },
  commit: {
    power: '{{power}} 点实力',
    wealth: '{{wealth}} 点财富',
    both: '{{power}} 点实力和 {{wealth}} 点财富',
    nothing: '什么也没有',
  },
};
