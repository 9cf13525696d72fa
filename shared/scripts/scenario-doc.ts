/**
 * The reference page of one scenario, as Markdown tables generated from its
 * data (actors, ties, institutions, regions, the deck, goals and par, secret
 * objectives). `npm run docs:scenarios` writes them; a test checks the
 * committed pages still match the data.
 */

import { ctxOf } from '../src/ctx.ts';
import { fullSeatCount, goalLabel, parFor, thresholdsFor } from '../src/goals.ts';
import { RULES } from '../src/rules.ts';
import type {
  ActorDef,
  CardDef,
  ElectedMemberDef,
  Goal,
  Lever,
  Rider,
  Scenario,
} from '../src/scenario/schema.ts';

const LEVEL_NAMES: Record<string, string> = {
  none: 'none',
  dialogue: 'dialogue',
  partnership: 'partnership',
  strategic: 'strategic partnership',
  alliance: 'alliance',
};

const KIND_NAMES: Record<ActorDef['kind'], string> = {
  greatPower: 'great power',
  globalSouth: 'Global South',
  nonPlayer: 'non-player',
};

const INSTITUTION_KINDS: Record<string, string> = {
  alliance: 'alliance: every member is called for and lends deterrence to every other',
  paperAlliance: 'alliance on paper: only the leader is called and lends deterrence',
  coordination: 'coordination: a crisis among members gets −1 severity (consultation)',
  economic: 'economic: +1 income to each member while at least 3 members are seats',
};

const TRACK_NAMES: Record<string, string> = {
  power: 'Power',
  wealth: 'Wealth',
  autonomy: 'Autonomy',
  reputation: 'Reputation',
  security: 'Security',
  cohesion: 'Cohesion',
};

/** Escapes text for a Markdown table cell. */
function cell(text: string | number): string {
  return String(text)
    .replace(/\|/g, '\\|')
    .replace(/\s*\n\s*/g, ' ');
}

function table(head: string[], rows: (string | number)[][]): string {
  const line = (cells: (string | number)[]) => `| ${cells.map(cell).join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

function list(items: string[]): string {
  return items.length > 0 ? items.join(', ') : '—';
}

export function describeScenario(s: Scenario): string {
  const actorName = (id: string | null | undefined) =>
    id ? (s.actors.find((a) => a.id === id)?.name ?? id) : '—';
  const regionName = (id: string) => s.regions.find((r) => r.id === id)?.name ?? id;
  const theatreName = (id: string) => s.theatres.find((t) => t.id === id)?.name ?? id;
  const cardTitle = (id: string) => s.cards.find((c) => c.id === id)?.title ?? id;
  const institutionName = (id: string) => s.institutions.find((i) => i.id === id)?.name ?? id;
  const names = (ids: string[]) => list(ids.map(actorName));
  /** Every member, the rule for those no actor stands for, and the yes votes a mandate needs. */
  const councilLine = () => {
    const c = s.securityCouncil;
    const permanent = [
      ...c.permanent.map(actorName),
      ...c.otherPermanent.map(
        (o) => `${o.name} (votes yes when ${actorName(o.follows)} does, else abstains)`,
      ),
    ];
    const block = c.otherElected.yes + c.otherElected.abstain;
    const doctrine = (m: ElectedMemberDef) =>
      m.doctrine === 'ally'
        ? `${m.name} (ally: votes yes when ${actorName(m.with)} does)`
        : m.doctrine === 'regional'
          ? `${m.name} (regional: ${list(m.regions.map(regionName))})`
          : `${m.name} (sovereignty)`;
    const elected = [
      ...c.elected.map(actorName),
      ...(c.electedMembers
        ? c.electedMembers.map(doctrine)
        : block > 0
          ? [
              `${block} more as a fixed block (${c.otherElected.yes} yes, ${c.otherElected.abstain} abstain)`,
            ]
          : []),
    ];
    const size = permanent.length + c.elected.length + block;
    const need = c.yesNeeded ?? RULES.councilYes;
    return `${size} members; permanent (may veto) ${list(permanent)}; elected ${list(elected)}. A mandate needs ${need} yes votes and no permanent member’s veto.${c.otherElected.label ? ` ${c.otherElected.label}` : ''}`;
  };

  function lever(l: Lever | undefined): string {
    if (!l) return '—';
    switch (l.kind) {
      case 'holdsCards':
        return `${l.label} (holds crisis cards: a hand of ${l.handSize} dealt from ${l.cards.map(cardTitle).join('; ')}; one may be prepared every ${l.every} rounds)`;
      case 'courtedVote':
        return `${l.label} (courted vote: a kept UN pledge counts ×${l.multiplier})`;
      case 'choosesMediators':
        return `${l.label} (chooses who may mediate the crises that name it)`;
      case 'hostsDrill':
        return `${l.label} (hosts a naval drill with up to ${l.maxPartners} partners)`;
      case 'invitesBloc':
        return `${l.label} (may invite ${l.blocs.map(institutionName).join(' or ')} into its crisis)`;
      case 'convenesSummit':
        return `${l.label} (convenes a summit: each attendee +${l.autonomy} Autonomy)`;
      case 'leadsBrics':
        return `${l.label} (leads a ${institutionName(l.bloc)} position: it and each member that follows +${l.wealth} Wealth)`;
    }
  }

  function rider(r: Rider): string {
    switch (r.kind) {
      case 'trade':
        return 'trade deal';
      case 'armsSale':
        return `arms sale (seller ${actorName(r.seller)})`;
      case 'training':
        return `training mission (trainer ${actorName(r.trainer)})`;
      case 'jointExercise':
        return `joint exercise in ${regionName(r.region)}`;
      case 'baseAccess':
        return `base access (guest ${actorName(r.guest)})`;
      case 'investment':
        return `investment package (${r.amount} Wealth)`;
      case 'unPledge':
        return 'UN pledge';
    }
  }

  function measure(g: Goal): string {
    switch (g.kind) {
      case 'trackAtLeast':
        return `${TRACK_NAMES[g.track]} at the end`;
      case 'regionsWithInfluence':
        return `regions where your influence is ${g.min} or more`;
      case 'influenceInRegions':
        return `your influence summed over ${g.regions.map(regionName).join(', ')}`;
      case 'roundsEntangledAtMost':
        return 'round ends passed while Entangled (fewer is better)';
      case 'partnersHonoured':
        return 'calls honoured on your side by others';
      case 'treatiesKept':
        return 'treaties held + treaty calls honoured (0 if you ever abandoned)';
      case 'influenceLead':
        return `your influence minus ${actorName(g.rival)}’s, summed over ${g.regions.map(regionName).join(', ')}`;
      case 'wealthGrowth':
        return 'Wealth at the end minus starting Wealth';
      case 'greatPowerPartners':
        return `great powers tied to you at ${LEVEL_NAMES[g.level]} or above`;
      case 'tiesAtLeast':
        return `actors tied to you at ${LEVEL_NAMES[g.level]} or above`;
      case 'noAbandonment':
        return 'rounds played (0 if you ever abandoned)';
    }
  }

  /** "1★ ≥ 4 · 2★ ≥ 6 · 3★ ≥ 8" (or ≤ for "at most" goals). */
  function stars(g: Goal, thresholds: readonly number[] = g.thresholds): string {
    const atMost = g.kind === 'roundsEntangledAtMost';
    const sorted = [...thresholds].sort((a, b) => (atMost ? b - a : a - b));
    return sorted.map((t, i) => `${i + 1}★ ${atMost ? '≤' : '≥'} ${t}`).join(' · ');
  }

  function seatRole(id: string): string {
    if (s.seats.required.includes(id)) return 'seat (always)';
    if (s.seats.optional.includes(id)) return 'seat (optional)';
    return 'non-player';
  }

  function cardNotes(c: CardDef): string {
    const notes: string[] = [];
    if (c.kind === 'vote')
      notes.push(`Security Council vote on a mandate for ${actorName(c.mandateFor)}`);
    if (c.holder) notes.push(`held in ${actorName(c.holder)}’s hand`);
    const scripted = Object.entries(s.scriptedCards)
      .filter(([, ids]) => ids.includes(c.id))
      .map(([round]) => round);
    if (scripted.length > 0) notes.push(`scripted for round ${scripted.join(', ')}`);
    if (!c.holder && scripted.length === 0 && !c.eras.some((e) => s.eras.includes(e)))
      notes.push('not in this scenario’s deck (era)');
    if (c.mediatorsChosenBy?.length)
      notes.push(`mediators chosen by ${names(c.mediatorsChosenBy)}`);
    if (c.blocInviteBy) notes.push(`${actorName(c.blocInviteBy)} may invite a bloc`);
    for (const x of c.sanctionsOnReveal)
      notes.push(`${actorName(x.by)} sanctions ${actorName(x.target)} on reveal`);
    const stakes = Object.entries(c.stakes)
      .filter(([, v]) => v !== 'low')
      .map(([a, v]) => `${actorName(a)} ${v}`);
    if (stakes.length > 0) notes.push(`stakes: ${stakes.join(', ')}`);
    return notes.join('; ') || '—';
  }

  const out: string[] = [];
  const push = (...lines: string[]) => out.push(...lines);

  push(
    `# ${s.title}`,
    '',
    `<!-- Generated by \`npm run docs:scenarios\` from shared/scenarios/${s.id}.json: do not edit by hand. -->`,
    '',
    s.description,
    '',
    `- **Scenario id:** \`${s.id}\``,
    `- **Rounds:** ${s.rounds.default} by default (the host may choose ${s.rounds.min}–${s.rounds.max}); rounds stand for ${s.roundLabels.slice(0, s.rounds.max).join(', ')}.`,
    `- **Starting Tension:** ${s.tension}`,
    `- **Seats always in play:** ${names(s.seats.required)}`,
    `- **Optional seats:** ${names(s.seats.optional)} (choose ${s.seats.minOptional}–${s.seats.maxOptional}); every actor not seated plays as a non-player actor.`,
    `- **Action points:** great powers ${s.rules.actionPoints.greatPower}, Global South states ${s.rules.actionPoints.globalSouth} (class preset: one fewer each)`,
    `- **Treaty notice:** ${s.rules.treatyNotice} rounds (class preset: ${Math.min(1, s.rules.treatyNotice)})`,
    `- **Rival great powers:** ${list(s.rivals.map(([a, b]) => `${actorName(a)} – ${actorName(b)}`))}`,
    `- **Security Council:** ${councilLine()}`,
    `- **Card eras:** ${list(s.eras)}`,
    '',
  );

  push('## Seats and non-player actors', '');
  push(
    table(
      [
        'Actor',
        'Kind',
        'Role',
        'Home region',
        'Power',
        'Wealth',
        'Income',
        'Autonomy',
        'Reputation',
        'Security',
        'Lever',
      ],
      s.actors.map((a) => [
        a.name,
        KIND_NAMES[a.kind],
        seatRole(a.id),
        regionName(a.home),
        a.start.power,
        a.start.wealth,
        a.income,
        a.start.autonomy,
        a.start.reputation,
        a.start.security,
        lever(a.seat?.lever),
      ]),
    ),
    '',
    'Autonomy is capped at 10 minus the treaties an actor holds when the match starts, so a listed value above the cap starts at the cap.',
    '',
  );
  const investigators = s.actors.filter((a) => a.canInvestigate).map((a) => a.name);
  push(`**May investigate (order):** ${list(investigators)}`, '');
  for (const a of s.actors.filter((x) => x.cohesion)) {
    const c = a.cohesion!;
    push(
      `**Cohesion (${a.name}):** starts at ${c.start}; home theatre ${theatreName(c.homeTheatre)}; Indo-Pacific partners ${names(c.indoPacificPartners)}; European allies ${names(c.europeanAllies)}.`,
      '',
    );
  }
  const instigators = s.actors.filter((a) => s.cards.some((c) => c.instigator === a.id));
  if (instigators.length > 0)
    push(
      '### Instigators when not seated',
      '',
      'An instigator that is not a seat presses or holds by chance each round its crisis is live (rules, section 2).',
      '',
      table(
        ['Actor', 'Chance to press', 'Power when pressing'],
        instigators.map((a) => [
          a.name,
          `${Math.round(a.npc.pressChance * 100)}%`,
          a.npc.pressPower,
        ]),
      ),
      '',
    );
  const influenceRows = s.actors
    .filter((a) => Object.values(a.influence).some((v) => v > 0))
    .map((a) => [
      a.name,
      Object.entries(a.influence)
        .filter(([, v]) => v > 0)
        .map(([r, v]) => `${regionName(r)} ${v}`)
        .join(', '),
    ]);
  if (influenceRows.length > 0)
    push('### Starting influence', '', table(['Actor', 'Influence'], influenceRows), '');

  push('## Starting ties', '');
  push(
    s.ties.length > 0
      ? table(
          ['Actor', 'Actor', 'Level', 'Standing riders'],
          s.ties.map((t) => [
            actorName(t.a),
            actorName(t.b),
            LEVEL_NAMES[t.level]!,
            list(t.riders.map(rider)),
          ]),
        )
      : 'None.',
    '',
    'Pairs not listed start with no tie of their own; institutions below may still set a level between their members.',
    '',
  );

  push('## Institutions', '');
  push(
    s.institutions.length > 0
      ? table(
          ['Institution', 'Kind', 'Level among members', 'Leader', 'Members'],
          s.institutions.map((i) => [
            i.name,
            INSTITUTION_KINDS[i.kind]!,
            LEVEL_NAMES[i.level]!,
            actorName(i.leader),
            names(i.members),
          ]),
        )
      : 'None.',
    '',
  );

  push('## Regions', '');
  const homes = (region: string) => s.actors.filter((a) => a.home === region).map((a) => a.name);
  push(
    table(
      ['Region', 'Theatre', 'Countries', 'Home of'],
      s.regions.map((r) => [r.name, theatreName(r.theatre), r.iso.length, list(homes(r.id))]),
    ),
    '',
  );

  push('## The deck', '');
  const everyRoundScripted = Array.from({ length: s.rounds.max }, (_, i) => i + 1).every(
    (r) => s.scriptedCards[String(r)] !== undefined,
  );
  if (everyRoundScripted)
    push(
      'Every round reveals its scripted cards instead of a draw, so the other cards come into play only when the host injects them (or a hand prepares them).',
      '',
    );
  push(
    table(
      [
        'Card',
        'Year',
        'Region',
        'Instigator → target',
        'Severity',
        'Call level',
        'Concepts',
        'Notes',
      ],
      s.cards.map((c) => [
        c.title,
        c.year,
        regionName(c.region),
        c.kind === 'vote'
          ? 'vote'
          : c.instigator || c.target
            ? `${actorName(c.instigator)} → ${actorName(c.target)}`
            : 'shared (no instigator)',
        c.kind === 'vote' ? '—' : c.severity,
        c.kind === 'vote' ? '—' : LEVEL_NAMES[c.callLevel]!,
        c.concepts.join(', '),
        cardNotes(c),
      ]),
    ),
    '',
  );

  push('## Goals and par', '');
  const seated = s.actors.filter(
    (a) => a.seat && [...s.seats.required, ...s.seats.optional].includes(a.id),
  );
  const goalRows: (string | number)[][] = [];
  for (const a of seated) {
    a.seat!.goals.forEach((g, i) => {
      goalRows.push([
        i === 0 ? a.name : '',
        i === 0 ? a.seat!.par : '',
        goalLabel(g, g.thresholds),
        measure(g),
        stars(g),
      ]);
    });
  }
  const full = fullSeatCount(s);
  push(
    `At the default length (${s.rounds.default} rounds) with every seat in play (${full}):`,
    '',
    table(['Seat', 'Par', 'Goal', 'Measured as', 'Stars'], goalRows),
    '',
  );
  // Goals and par fitted to other match lengths and tables (docs/rules.md §13).
  const lengths = [
    ...new Set([
      s.rounds.min,
      Math.round((s.rounds.min + s.rounds.default) / 2),
      s.rounds.default,
      s.rounds.max,
    ]),
  ];
  const fewest = s.seats.required.length + s.seats.minOptional;
  if (lengths.length > 1 || fewest < full) {
    const ctx = ctxOf(s);
    const columns = [
      ...lengths.map((r) => ({ head: `${r} rounds`, rounds: r, seats: full })),
      ...(fewest < full
        ? [
            {
              head: `${s.rounds.default} rounds, ${fewest} seats`,
              rounds: s.rounds.default,
              seats: fewest,
            },
          ]
        : []),
    ];
    const rows: string[][] = [];
    for (const a of seated) {
      rows.push([
        a.name,
        'par',
        ...columns.map((c) => String(parFor(ctx, a.id, c.rounds, c.seats))),
      ]);
      for (const g of a.seat!.goals)
        rows.push([
          '',
          measure(g),
          ...columns.map((c) => thresholdsFor(ctx, g, c.rounds, c.seats).join('/')),
        ]);
    }
    push(
      '### Thresholds and par by match',
      '',
      'A match of another length, or with fewer seats, is scored against thresholds and a par fitted to it (docs/rules.md §13); a match ended early is scored as one of the rounds it played.',
      '',
      table(['Seat', 'Goal', ...columns.map((c) => c.head)], rows),
      '',
    );
  }

  push('## Secret objectives', '');
  const forNames = {
    any: 'any seat',
    greatPower: 'great powers',
    globalSouth: 'Global South states',
  } as const;
  push(
    'Each seat is dealt one at the start (a different one per seat, from those open to its kind). It is worth +3 stars when its measure reaches the threshold.',
    '',
    table(
      ['Objective', 'Dealt to', 'Measured as', 'Met when'],
      s.objectives.map((o) => [
        o.text.replaceAll('{threshold}', String(o.goal.thresholds[0])),
        forNames[o.for],
        measure(o.goal),
        stars(o.goal).split(' · ')[0]!.replace('1★ ', ''),
      ]),
    ),
    '',
  );
  return `${out.join('\n').trimEnd()}\n`;
}
