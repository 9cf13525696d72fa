import type { z } from 'zod';
import { RULES } from '../rules.ts';
import { type Scenario, ScenarioSchema } from './schema.ts';

export interface ScenarioIssue {
  /** Dotted path to the offending field, e.g. `cards.3.region`. */
  field: string;
  /** What the field should hold. */
  expected: string;
}

export type ScenarioResult =
  | { ok: true; scenario: Scenario }
  | { ok: false; file: string; issues: ScenarioIssue[]; message: string };

function pathOf(path: ReadonlyArray<PropertyKey>): string {
  return path.map(String).join('.') || '(root)';
}

function fromZod(error: z.ZodError): ScenarioIssue[] {
  return error.issues.map((issue) => ({ field: pathOf(issue.path), expected: issue.message }));
}

/** Ids a scenario may refer to, gathered once so each reference check is a set lookup. */
function crossReferenceIssues(s: Scenario): ScenarioIssue[] {
  const issues: ScenarioIssue[] = [];
  const actors = new Set(s.actors.map((a) => a.id));
  const regions = new Set(s.regions.map((r) => r.id));
  const theatres = new Set(s.theatres.map((t) => t.id));
  const cards = new Set(s.cards.map((c) => c.id));
  const blocs = new Set(s.institutions.map((i) => i.id));
  const actor = (field: string, id: string | null | undefined) => {
    if (id != null && !actors.has(id))
      issues.push({ field, expected: `an actor id of this scenario, not "${id}"` });
  };
  const region = (field: string, id: string) => {
    if (!regions.has(id))
      issues.push({ field, expected: `a region id of this scenario, not "${id}"` });
  };
  const unique = (what: string, ids: string[]) => {
    const seen = new Set<string>();
    ids.forEach((id, i) => {
      if (seen.has(id))
        issues.push({ field: `${what}.${i}.id`, expected: `a unique id; "${id}" is used twice` });
      seen.add(id);
    });
  };
  unique(
    'actors',
    s.actors.map((a) => a.id),
  );
  unique(
    'regions',
    s.regions.map((r) => r.id),
  );
  unique(
    'cards',
    s.cards.map((c) => c.id),
  );
  unique(
    'institutions',
    s.institutions.map((i) => i.id),
  );
  unique(
    'objectives',
    s.objectives.map((o) => o.id),
  );

  s.regions.forEach((r, i) => {
    if (!theatres.has(r.theatre))
      issues.push({ field: `regions.${i}.theatre`, expected: `a theatre id, not "${r.theatre}"` });
  });
  s.actors.forEach((a, i) => {
    region(`actors.${i}.home`, a.home);
    for (const r of Object.keys(a.influence)) region(`actors.${i}.influence.${r}`, r);
    if (a.cohesion) {
      a.cohesion.indoPacificPartners.forEach((p, j) => {
        actor(`actors.${i}.cohesion.indoPacificPartners.${j}`, p);
      });
      a.cohesion.europeanAllies.forEach((p, j) => {
        actor(`actors.${i}.cohesion.europeanAllies.${j}`, p);
      });
      if (!theatres.has(a.cohesion.homeTheatre))
        issues.push({ field: `actors.${i}.cohesion.homeTheatre`, expected: 'a theatre id' });
    }
    const lever = a.seat?.lever;
    if (lever?.kind === 'holdsCards') {
      lever.cards.forEach((c, j) => {
        const card = s.cards.find((x) => x.id === c);
        if (!card)
          issues.push({
            field: `actors.${i}.seat.lever.cards.${j}`,
            expected: `a card id, not "${c}"`,
          });
        else if (card.holder !== a.id)
          issues.push({
            field: `actors.${i}.seat.lever.cards.${j}`,
            expected: `a card whose holder is "${a.id}"`,
          });
      });
    }
    if (lever?.kind === 'invitesBloc')
      lever.blocs.forEach((b, j) => {
        if (!blocs.has(b))
          issues.push({
            field: `actors.${i}.seat.lever.blocs.${j}`,
            expected: 'an institution id',
          });
      });
    if (lever?.kind === 'leadsBrics' && !blocs.has(lever.bloc))
      issues.push({ field: `actors.${i}.seat.lever.bloc`, expected: 'an institution id' });
    a.seat?.goals.forEach((g, j) => {
      goalRefs(`actors.${i}.seat.goals.${j}`, g);
    });
  });
  function goalRefs(field: string, g: Scenario['objectives'][number]['goal']) {
    if ('regions' in g)
      g.regions.forEach((r, k) => {
        region(`${field}.regions.${k}`, r);
      });
    if ('rival' in g) actor(`${field}.rival`, g.rival);
  }
  const seatIds = [...s.seats.required, ...s.seats.optional];
  seatIds.forEach((id, i) => {
    const a = s.actors.find((x) => x.id === id);
    if (!a) issues.push({ field: `seats.${i}`, expected: `an actor id, not "${id}"` });
    else if (!a.seat)
      issues.push({
        field: `seats.${i}`,
        expected: `an actor with a "seat" section ("${id}" has none)`,
      });
  });
  if (s.seats.maxOptional > s.seats.optional.length)
    issues.push({
      field: 'seats.maxOptional',
      expected: `at most ${s.seats.optional.length} (the optional seats listed)`,
    });
  if (s.seats.minOptional > s.seats.maxOptional)
    issues.push({ field: 'seats.minOptional', expected: 'at most seats.maxOptional' });
  s.rivals.forEach(([a, b], i) => {
    actor(`rivals.${i}.0`, a);
    actor(`rivals.${i}.1`, b);
  });
  s.ties.forEach((t, i) => {
    actor(`ties.${i}.a`, t.a);
    actor(`ties.${i}.b`, t.b);
    if (t.a === t.b) issues.push({ field: `ties.${i}.b`, expected: 'an actor other than ties.a' });
  });
  s.institutions.forEach((inst, i) => {
    actor(`institutions.${i}.leader`, inst.leader);
    inst.members.forEach((m, j) => {
      actor(`institutions.${i}.members.${j}`, m);
    });
    if (!inst.members.includes(inst.leader))
      issues.push({ field: `institutions.${i}.leader`, expected: 'one of the members' });
  });
  s.securityCouncil.permanent.forEach((m, i) => {
    actor(`securityCouncil.permanent.${i}`, m);
  });
  s.securityCouncil.elected.forEach((m, i) => {
    actor(`securityCouncil.elected.${i}`, m);
  });
  councilIssues(
    s.securityCouncil,
    s.regions.map((r) => r.id),
    issues,
  );
  s.cards.forEach((c, i) => {
    region(`cards.${i}.region`, c.region);
    actor(`cards.${i}.instigator`, c.instigator);
    actor(`cards.${i}.target`, c.target);
    actor(`cards.${i}.holder`, c.holder);
    actor(`cards.${i}.mandateFor`, c.mandateFor);
    actor(`cards.${i}.blocInviteBy`, c.blocInviteBy);
    c.mediatorsChosenBy?.forEach((m, j) => {
      actor(`cards.${i}.mediatorsChosenBy.${j}`, m);
    });
    for (const k of Object.keys(c.stakes)) actor(`cards.${i}.stakes.${k}`, k);
    c.sanctionsOnReveal.forEach((x, j) => {
      actor(`cards.${i}.sanctionsOnReveal.${j}.by`, x.by);
      actor(`cards.${i}.sanctionsOnReveal.${j}.target`, x.target);
    });
    c.binds.forEach((x, j) => {
      actor(`cards.${i}.binds.${j}`, x);
    });
    c.asks?.forEach((x, j) => {
      actor(`cards.${i}.asks.${j}`, x);
    });
    c.grievancesOnPress.forEach((x, j) => {
      actor(`cards.${i}.grievancesOnPress.${j}.holder`, x.holder);
      actor(`cards.${i}.grievancesOnPress.${j}.against`, x.against);
    });
    if ((c.binds.length > 0 || c.asks || c.grievancesOnPress.length > 0) && !c.instigator)
      issues.push({
        field: `cards.${i}.instigator`,
        expected: 'an instigator (binds, asks and grievancesOnPress belong to its operation)',
      });
    if (c.kind === 'vote' && !c.mandateFor)
      issues.push({
        field: `cards.${i}.mandateFor`,
        expected: 'the actor asking for a mandate (vote cards need one)',
      });
    if (c.instigator && c.instigator === c.target)
      issues.push({ field: `cards.${i}.target`, expected: 'an actor other than the instigator' });
  });
  for (const [round, ids] of Object.entries(s.scriptedCards)) {
    if (!/^\d+$/.test(round))
      issues.push({ field: `scriptedCards.${round}`, expected: 'a round number as key' });
    ids.forEach((id, j) => {
      if (!cards.has(id))
        issues.push({ field: `scriptedCards.${round}.${j}`, expected: `a card id, not "${id}"` });
    });
  }
  s.objectives.forEach((o, i) => {
    goalRefs(`objectives.${i}.goal`, o.goal);
  });
  if (s.rounds.min > s.rounds.default || s.rounds.default > s.rounds.max)
    issues.push({ field: 'rounds', expected: 'min ≤ default ≤ max' });
  if (s.roundLabels.length < s.rounds.max)
    issues.push({
      field: 'roundLabels',
      expected: `at least ${s.rounds.max} labels (one per round up to rounds.max)`,
    });
  return issues;
}

/**
 * Parses an unvalidated scenario (for example a teacher's JSON file) into a
 * validated one. Never throws: a broken file gives every problem found, each
 * naming the field and what was expected.
 */
export function parseScenario(data: unknown, file: string): ScenarioResult {
  const parsed = ScenarioSchema.safeParse(data);
  const issues = parsed.success ? crossReferenceIssues(parsed.data) : fromZod(parsed.error);
  if (parsed.success && issues.length === 0) return { ok: true, scenario: parsed.data };
  const lines = issues.slice(0, 20).map((i) => `  ${i.field}: expected ${i.expected}`);
  const more = issues.length > 20 ? `\n  …and ${issues.length - 20} more` : '';
  return {
    ok: false,
    file,
    issues,
    message: `Scenario file ${file} is not valid:\n${lines.join('\n')}${more}`,
  };
}

/**
 * Elected members voting by doctrine: as many as the fixed block they replace
 * (so both rules versions seat the same council), known regions, and an ally
 * that follows a council member.
 */
function electedMemberIssues(
  council: Scenario['securityCouncil'],
  members: readonly string[],
  regions: readonly string[],
  issues: ScenarioIssue[],
): void {
  const list = council.electedMembers;
  if (!list) return;
  const block = council.otherElected.yes + council.otherElected.abstain;
  if (list.length !== block)
    issues.push({
      field: 'securityCouncil.electedMembers',
      expected: `${block} members, as many as otherElected counts (not ${list.length})`,
    });
  list.forEach((m, i) => {
    const field = `securityCouncil.electedMembers.${i}`;
    for (const r of m.regions)
      if (!regions.includes(r))
        issues.push({
          field: `${field}.regions`,
          expected: `a region of the scenario, not "${r}"`,
        });
    if (m.doctrine === 'ally' && (m.with === undefined || !members.includes(m.with)))
      issues.push({
        field: `${field}.with`,
        expected: 'an ally votes with a council member listed in permanent or elected',
      });
  });
}

/** A council whose members are listed twice, follow a non-member, or can never pass a mandate. */
function councilIssues(
  council: Scenario['securityCouncil'],
  regions: readonly string[],
  issues: ScenarioIssue[],
): void {
  const members = [...council.permanent, ...council.elected];
  members.forEach((m, i) => {
    if (members.indexOf(m) !== i)
      issues.push({ field: 'securityCouncil', expected: `"${m}" listed once, not twice` });
  });
  council.otherPermanent.forEach((o, i) => {
    if (!members.includes(o.follows))
      issues.push({
        field: `securityCouncil.otherPermanent.${i}.follows`,
        expected: `a council member listed in permanent or elected, not "${o.follows}"`,
      });
  });
  electedMemberIssues(council, members, regions, issues);
  const size =
    members.length +
    council.otherPermanent.length +
    council.otherElected.yes +
    council.otherElected.abstain;
  const need = council.yesNeeded ?? RULES.councilYes;
  if (need > size)
    issues.push({
      field: 'securityCouncil.yesNeeded',
      expected: `at most the ${size} members of the council (${need} yes votes needed)`,
    });
}
