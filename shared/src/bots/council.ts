import { areRivals, isGreatPower } from '../ctx.ts';
import type { DeepReadonly } from '../readonly.ts';
import type { CrisisState } from '../state.ts';
import { tieLevel } from '../ties.ts';
import { ALLIANCE, PARTNERSHIP, STRATEGIC } from '../vocabulary.ts';
import { type Situation, shown } from './situation.ts';

/**
 * How each doctrine votes in the Security Council and uses a mandate
 * (docs/bots.md, "Council"): read from the vote card and the seat's ties.
 */

type Vote = 'yes' | 'abstain' | 'veto';

/** The actor asking for the mandate a vote card decides. */
function mandateHolder(s: Situation, crisis: DeepReadonly<CrisisState>): string | null {
  return s.ctx.card[crisis.card]?.mandateFor ?? null;
}

/** The seat's neighbourhood: its home region and the regions its goals name. */
function neighbourhood(s: Situation): Set<string> {
  const out = new Set<string>([s.def.home]);
  for (const g of s.goals) if ('regions' in g) for (const r of g.regions) out.add(r);
  return out;
}

/**
 * Whether a mandate would be used against the seat or a partner of it: the
 * crisis's instigator or target is the seat or a partner (partnership or
 * closer), or, for a vote on a region (no instigator or target), a state at
 * home there that no seat plays (the country the mandate is about) is its
 * strategic partner or ally.
 */
function mandateAgainstPartner(s: Situation, crisis: DeepReadonly<CrisisState>): boolean {
  const near = (p: string, level: number) => p === s.seat || shown(s, p) >= level;
  const named = [crisis.instigator, crisis.target].filter((p): p is string => p !== null);
  if (named.length > 0) return named.some((p) => near(p, PARTNERSHIP));
  return (s.ctx.homeActors[crisis.region] ?? []).some(
    (p) => !s.state.seats.includes(p) && near(p, STRATEGIC),
  );
}

/**
 * A permanent member guarding its sphere (Russia, China): yes for its own
 * mandate and for one the government concerned asked for, a veto for a
 * rival's mandate against a partner or in its neighbourhood, abstain
 * otherwise.
 */
export function guardianVote(s: Situation, crisis: DeepReadonly<CrisisState>): Vote {
  const holder = mandateHolder(s, crisis);
  if (holder === s.seat) return 'yes';
  if (holder && !areRivals(s.ctx, s.seat, holder) && shown(s, holder) >= PARTNERSHIP) return 'yes';
  // Sovereignty, not rivalry, is what it guards: a force the government
  // concerned asked for gets its yes (China and Russia on Resolution 1386).
  const against = mandateAgainstPartner(s, crisis);
  if (s.ctx.card[crisis.card]?.hostConsent && !against) return 'yes';
  if (against || neighbourhood(s).has(crisis.region)) return 'veto';
  return 'abstain';
}

/**
 * The alliance leader (the US): yes for its own mandates and its allies'
 * (treaty partners), and against a rival that has started the crisis;
 * abstain otherwise.
 */
export function allianceLeaderVote(s: Situation, crisis: DeepReadonly<CrisisState>): Vote {
  const holder = mandateHolder(s, crisis);
  if (holder === s.seat) return 'yes';
  if (holder && shown(s, holder) >= ALLIANCE) return 'yes';
  if (crisis.instigator && areRivals(s.ctx, s.seat, crisis.instigator)) return 'yes';
  return 'abstain';
}

/**
 * Whether `member` votes with `holder` by its ties (the Global South's rule,
 * read from public ties, so any seat can predict it): it has pledged its
 * vote to the holder, or the holder is a partner of it (partnership or
 * closer) and no other great power is closer to it.
 */
function votesWithHolder(s: Situation, member: string, holder: string): boolean {
  if (member === holder) return true;
  if (s.state.pledges.some((p) => p.by === member && p.to === holder)) return true;
  const level = tieLevel(s.ctx, s.state, member, holder);
  if (level < PARTNERSHIP) return false;
  return !s.ctx.actorIds.some(
    (g) =>
      g !== holder &&
      g !== member &&
      isGreatPower(s.ctx, g) &&
      tieLevel(s.ctx, s.state, member, g) > level,
  );
}

/**
 * A Global South member votes by its ties: yes with a holder it has pledged
 * its vote to or is closest to (see votesWithHolder), abstain otherwise (an
 * elected member has no veto in the Charter, and these doctrines never cast one).
 */
export function tiesVote(s: Situation, crisis: DeepReadonly<CrisisState>): Vote {
  const holder = mandateHolder(s, crisis);
  return holder && votesWithHolder(s, s.seat, holder) ? 'yes' : 'abstain';
}

/**
 * How the alliance leader uses a mandate it holds: limited in the regions it
 * contests, where it needs its partners' goodwill, and limited when a
 * council member that is not its rival is expected to abstain (a stretch
 * would leave that partner with a grievance); otherwise stretched (as NATO
 * read Resolution 1973 over Libya in 2011), the rivals' grievances being
 * the price.
 */
export function allianceLeaderMandate(
  s: Situation,
  crisis: DeepReadonly<CrisisState>,
  contested: readonly string[],
): 'limit' | 'stretch' {
  if (contested.includes(crisis.region)) return 'limit';
  const partnerAbstains = s.ctx.councilMembers.some(
    (m) => m !== s.seat && !areRivals(s.ctx, s.seat, m) && !votesWithHolder(s, m, s.seat),
  );
  return partnerAbstains ? 'limit' : 'stretch';
}
