/** The rules version recorded in every match: bump it when a rule changes what a log replays to. */
export const RULES_VERSION = 6;

/** Numbers of the rules that are not scenario data (docs/rules.md; "tune" values live here until the balance harness moves them). */
export const RULES = {
  /** Income each side gets from a tie of the pair's own level (index = level). */
  tieIncome: [0, 0, 1, 2, 2],
  /** What ties and riders add to income together is at most this many times the actor's base income. */
  partnerIncomeCap: 0.5,
  /** Upkeep at income: one Wealth for every this many held, before income is added. */
  upkeepPer: 2,
  maxNewCardsPerRound: 3,
  cardsAtHighTension: 2,
  highTension: 7,
  maxTension: 10,
  tensionChargePerSeat: 2,
  mediationCap: 2,
  holdReduction: 2,
  investPerInfluence: 2,
  sanctionRounds: 2,
  sanctionTargetLoss: 2,
  sanctionSelfLoss: 1,
  secondaryLoss: 2,
  secondaryRounds: 2,
  entangledRounds: 2,
  entrapmentLock: 2,
  abandonReputation: 3,
  /** Refusing a treaty ally's ask for help with its own operation (docs/rules.md §7.4): less than abandonment. */
  askRefusedReputation: 1,
  /** A grievance an operation leaves (grievancesOnPress) also keeps the pair's tie from rising this many rounds. */
  grievanceNoRise: 2,
  abandonSecurity: 2,
  noticeReputation: 2,
  favourRejectCost: 2,
  frozenLowerNoRise: 2,
  investigateChance: 0.5,
  sharedCrisisOffset: 3,
  /** Yes votes a Security Council mandate needs (Charter, Article 27: 9 of 15), unless the scenario sets its own. */
  councilYes: 9,
  /**
   * Deterrence (docs/rules.md §7.6): the share each tie level lends (index =
   * level), and how many points of deterrence take 1 off a crisis's severity.
   * The middle rung lends half, so a strong strategic partner deters.
   */
  deterrence: {
    share: [0, 0, 0.1, 0.5, 1],
    perSeverity: 2,
  },
  /*
   * Numbers the resolution steps and the commands use (docs/rules.md), kept
   * here so the client and the docs read them instead of restating them.
   */
  /** Reputation, Security, Cohesion and influence in a region run from 0 to this. */
  trackMax: 10,
  /** Power runs from 0 to this. */
  powerMax: 20,
  /** Autonomy's cap before treaties lower it (one per treaty). */
  autonomyCapBase: 10,
  /** What an invest order may spend. */
  investAmount: { min: 2, max: 4 },
  /** A Global South host of an investment gains the amount divided by this (half). */
  investHostShare: 2,
  /** What an aid order may give. */
  aidAmount: { min: 1, max: 3 },
  /** What an investment package rider may pay. */
  investmentRiderAmount: { min: 1, max: 3 },
  /** Influence a deployment places in its region. */
  deployInfluence: 1,
  /** Influence an aid order gives the giver in the receiver's home region. */
  aidInfluence: 1,
  /** Aid to a party in a crisis: one point on its side for every this many Wealth given. */
  aidWealthPerPoint: 2,
  /** The mirrored two-front dilemma adds this much to a great power's aid to a great power at war there. */
  twoFrontAidBonus: 1,
  /**
   * Honouring a call commits at least minPower Power or minWealth Wealth;
   * committed Wealth counts a point for every wealthPerPoint. Honouring gains
   * `reputation` and a favour.
   */
  honour: { minPower: 1, minWealth: 2, wealthPerPoint: 2, reputation: 1 },
  /** Quiet support costs `wealth`, counts `value` on its side, and costs `exposedReputation` when investigated. */
  quiet: { wealth: 1, value: 1, exposedReputation: 1 },
  /** A crisis is won (or held) when the attack beats the defence (or the defence the attack) by more than this. */
  winMargin: 1,
  /** A won crisis: each defender loses Security and influence there; a pressing instigator gains influence. */
  crisisWon: { defenderSecurity: 2, defenderInfluence: 1, pressInfluence: 2 },
  /** An instigator that pressed and was held loses this much Reputation. */
  heldPressReputation: 1,
  /** A shared crisis met: each honourer gains Reputation and influence; failed: each party loses Security. */
  sharedSuccess: { reputation: 1, influence: 1 },
  sharedFailureSecurity: 1,
  /** Each mediator of a defused crisis gains Reputation and influence there. */
  defuse: { reputation: 1, influence: 2 },
  /**
   * A footprint in a region (GAME.md §6.4): an arms sale or training there
   * gives `rider`, a base `baseAccess`, up to `max`; each point raises a stake one step.
   */
  footprint: { max: 2, baseAccess: 2, rider: 1 },
  /** A partner's deterrence is scaled by its Reputation divided by this. */
  deterrenceReputationPer: 5,
  /** An economic bloc with at least `seats` seated members gives each member `income`. */
  economicBloc: { seats: 3, income: 1 },
  /** The class preset (a first game): at most `rounds` rounds, `actionPointsLess` fewer action points (at least 1), a treaty notice of at most `treatyNotice`. */
  classPreset: { rounds: 4, actionPointsLess: 1, treatyNotice: 1 },
  /** Each mediation (an order or a consultation) lowers a crisis's severity this much, up to mediationCap. */
  mediationStep: 1,
  /**
   * Isolation at the end of a round: fewer strategic partners than needed
   * costs Security, and crises against the isolated actor hit harder.
   */
  isolation: { greatPowerPartners: 2, otherPartners: 1, security: 1, severity: 1 },
  /** Most invitees one invitation may name (a drill's lever may allow fewer). */
  inviteesMax: 4,
  /** While Entangled an actor has this many action points fewer. */
  entangledActionPoints: 1,
  /** An entrapped actor loses this much Autonomy. */
  entrapmentAutonomy: 1,
  /** Committed Power is locked this many rounds after a crisis (entrapmentLock when entrapped). */
  commitLock: 1,
  /**
   * The Cohesion holder loses `abandon` for abandoning, and gains `honour`
   * for honouring, a European ally; loses `indoPacificRaise` when a tie with
   * an Indo-Pacific partner rises; below `weakBelow` its Power outside its
   * home theatre counts divided by `weakPowerDivisor`.
   */
  cohesion: { abandon: 2, honour: 1, indoPacificRaise: 1, weakBelow: 4, weakPowerDivisor: 2 },
  /** A permanent member's veto costs this much Reputation unless it holds a free veto. */
  vetoReputation: 1,
  /**
   * What the mandate's holder gets: a failed vote acted on anyway costs
   * Reputation and still gives influence; a limited mandate gives
   * `limitInfluence`, a stretched one `stretchInfluence`.
   */
  mandate: { failedReputation: 2, failedInfluence: 1, limitInfluence: 1, stretchInfluence: 2 },
  /** Lowering a tie a crisis freezes costs this much Reputation (and frozenLowerNoRise rounds without rising). */
  frozenLowerReputation: 1,
  /** A convened summit that someone attends gives its convener this much Reputation. */
  summitReputation: 1,
  /** Riders: a trade deal's income to each side, an arms sale's Power to the buyer and income to the seller, training's Security, a base's income to the host. */
  riders: {
    tradeIncome: 1,
    armsSalePower: 1,
    armsSaleIncome: 1,
    trainingSecurity: 1,
    baseIncome: 2,
  },
} as const;
