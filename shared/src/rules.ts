/** The rules version recorded in every match: bump it when a rule changes what a log replays to. */
export const RULES_VERSION = 5;

/** Numbers of the rules that are not scenario data (GAME.md; "tune" values live here until the balance harness moves them). */
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
} as const;
