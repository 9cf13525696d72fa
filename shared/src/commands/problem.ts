/**
 * Why the engine refuses a command: a stable code with its parameters (ids
 * and numbers, what a client words in the player's language) and the
 * engine's plain English sentence (for logs, tests and bots). The server
 * sends the code and parameters as they are.
 */
export const PROBLEM_CODES = [
  // the match and the command's stamp
  'matchOver',
  'stale',
  'wrongPhase',
  'notASeat',
  // the host's injection
  'injectTooLate',
  'noSuchCard',
  'cardHeld',
  'cardInPlay',
  // budgets
  'noActionPoints',
  'wealthShort',
  'powerLocked',
  'powerNotThere',
  // ids that name nothing
  'noSuchActor',
  'noOtherActor',
  'noSuchRegion',
  'noSuchCrisis',
  'noSuchVote',
  'noSuchInstitution',
  'noSuchOrder',
  'noSuchOffer',
  'noSuchInvitation',
  // orders
  'exerciseSelf',
  'exerciseNeedsPartnership',
  'exerciseTwice',
  'voteNotMediable',
  'partyCannotMediate',
  'mediationNeedsDialogue',
  'mediatorNotInvited',
  'mediateTwice',
  'sanctionSelf',
  'sanctionTwice',
  'aidSelf',
  'cannotInvestigate',
  'investigateSelf',
  'investigateTwice',
  'holdsNoCards',
  'cardNotInHand',
  'prepareTooSoon',
  'prepareLastRound',
  'prepareTwice',
  // lowers
  'notLowering',
  'lowerTwice',
  'notAMember',
  'leaderCannotLeave',
  'noTieToLower',
  'noticeAlreadyGiven',
  'entangledCannotLower',
  // offers and answers to them
  'offerWithdrawn',
  'alreadyWithdrawn',
  'favourRejectUnaffordable',
  'pairBusy',
  'joinViaLeader',
  'alreadyAMember',
  'tieAtTop',
  'tieFrozen',
  'tieCannotRise',
  'offerNeedsRider',
  'riderTwice',
  'riderNeedsPartnership',
  'riderPartyOnly',
  'noCouncilVote',
  'pledgeNeedsCouncilSeat',
  'noFavourOwed',
  'noLevelAbove',
  // invitations
  'invitedTwice',
  'invitationSent',
  'noLever',
  'notInBloc',
  'drillTooMany',
  'drillNeedsPartnership',
  'nameCrisis',
  'notYourMediators',
  'notYourBlocCrisis',
  'chooseBloc',
  'inviteLeader',
  'blocAlreadyInvited',
  // options with nothing to choose from (legalCommands)
  'nothingToChoose',
  'noOrders',
  'noOpenOffers',
  'noOwnTies',
  'noLowers',
  'noOffersWaiting',
  'noInvitationsWaiting',
  'noInvitees',
  'noCardToInject',
  // crisis calls, Press, votes, mandates
  'notCalled',
  'chooseSide',
  'wrongSide',
  'treatyNoHedge',
  'onlyTreatyAbandon',
  'needsSeatInstigator',
  'honourTooSmall',
  'onlyHonourCommits',
  'notInstigator',
  'holdCommitsNothing',
  'pressNeedsPower',
  'notOnCouncil',
  'electedNoVeto',
  'notMandateHolder',
] as const;
export type ProblemCode = (typeof PROBLEM_CODES)[number];
export type ProblemParams = Record<string, string | number>;

export interface Problem {
  code: ProblemCode;
  params: ProblemParams;
  /** The engine's sentence in English. */
  reason: string;
}

/** A refusal with its code, parameters and sentence. */
export function refuse(code: ProblemCode, params: ProblemParams, reason: string): Problem {
  return { code, params, reason };
}
