/**
 * The words of the map's tooltips, built from the model alone (pure, so the
 * same text can serve a screen-reader list or another panel).
 */
import type { MapActor, MapModel, MapRegion } from './model.ts';
import { tiesOfActor } from './model.ts';
import { tieStyle } from './styles.ts';

/** What the pointer is over. */
export type MapHit =
  | { kind: 'country'; iso: number | null; name: string }
  | { kind: 'actor'; id: string }
  | { kind: 'crisis'; uid: string };

export interface Description {
  title: string;
  /** Short secondary heading (kind, emblem). */
  subtitle?: string;
  lines: string[];
}

const KIND_NAMES = {
  greatPower: 'Great power',
  globalSouth: 'Global South',
  nonPlayer: 'Non-player actor',
} as const;

/** At most this many partners listed per tie level: tooltips stay small on phones. */
const PARTNERS_PER_LEVEL = 4;

function actorName(model: MapModel, id: string | null): string {
  if (!id) return 'nobody';
  return model.actorById[id]?.short ?? id;
}

function leadLine(model: MapModel, region: MapRegion): string {
  if (region.lead) {
    const margin = region.margin > 0 ? ` (+${region.margin})` : '';
    return `Leading influence: ${actorName(model, region.lead.actor)} ${region.lead.value}${margin}`;
  }
  const [first] = region.influence;
  if (!first) return 'Leading influence: none yet';
  const shared = region.influence.filter((i) => i.value === first.value);
  return `Leading influence: shared at ${first.value} (${shared.map((i) => actorName(model, i.actor)).join(', ')})`;
}

function influenceLine(model: MapModel, region: MapRegion): string | null {
  if (region.influence.length < 2) return null;
  const top = region.influence.slice(0, 4).map((i) => `${actorName(model, i.actor)} ${i.value}`);
  const more = region.influence.length > 4 ? ', …' : '';
  return `Influence: ${top.join(', ')}${more}`;
}

function trackLine(actor: MapActor): string {
  const t = actor.tracks;
  const parts = [
    `Power ${t.power}`,
    `Wealth ${t.wealth}`,
    `Autonomy ${t.autonomy}`,
    `Reputation ${t.reputation}`,
    `Security ${t.security}`,
  ];
  if (t.cohesion !== undefined) parts.push(`Cohesion ${t.cohesion}`);
  return parts.join(' · ');
}

/** "Alliance: Japan, South Korea" lines, strongest level first. */
export function tieLines(model: MapModel, actor: string): string[] {
  const byLevel = new Map<number, string[]>();
  for (const { partner, tie } of tiesOfActor(model, actor)) {
    const name =
      actorName(model, partner) +
      (tie.bloc && tie.own < tie.level ? ` (${tie.bloc.toUpperCase()})` : '');
    byLevel.set(tie.level, [...(byLevel.get(tie.level) ?? []), name]);
  }
  const lines: string[] = [];
  for (const [level, names] of [...byLevel].sort((x, y) => y[0] - x[0])) {
    const shown = names.slice(0, PARTNERS_PER_LEVEL).join(', ');
    const more = names.length > PARTNERS_PER_LEVEL ? ` +${names.length - PARTNERS_PER_LEVEL}` : '';
    lines.push(`${tieStyle(level).label}: ${shown}${more}`);
  }
  return lines;
}

function describeActor(model: MapModel, actor: MapActor, countryName?: string): Description {
  const region = model.regionById[actor.home];
  const lines: string[] = [];
  if (countryName && countryName !== actor.name) lines.push(countryName);
  if (region) lines.push(`Region: ${region.name}`, leadLine(model, region));
  lines.push(trackLine(actor));
  if (actor.entangled > 0) lines.push(`Entangled for ${actor.entangled} more round(s)`);
  const ties = tieLines(model, actor.id);
  lines.push(...(ties.length ? ties : ['No ties']));
  const you = actor.isViewer ? ' — you' : '';
  return {
    title: actor.name,
    subtitle: `${actor.emblem} · ${KIND_NAMES[actor.kind]}${you}`,
    lines,
  };
}

export function describeHit(model: MapModel, hit: MapHit): Description | null {
  if (hit.kind === 'actor') {
    const actor = model.actorById[hit.id];
    return actor ? describeActor(model, actor) : null;
  }
  if (hit.kind === 'crisis') {
    const crisis = model.crises.find((c) => c.uid === hit.uid);
    if (!crisis) return null;
    const region = model.regionById[crisis.region];
    const lines = [`Region: ${region?.name ?? crisis.region}`, `Severity ${crisis.severity}`];
    if (crisis.instigator || crisis.target)
      lines.push(
        `${actorName(model, crisis.instigator)} against ${actorName(model, crisis.target)}`,
      );
    return { title: crisis.title, subtitle: 'Crisis', lines };
  }
  const country = hit.iso !== null ? model.countries[hit.iso] : undefined;
  const owner = country?.actor ? model.actorById[country.actor] : undefined;
  if (owner) return describeActor(model, owner, hit.name);
  const region = country?.region ? model.regionById[country.region] : undefined;
  if (!region) return { title: hit.name, lines: ['Outside the game’s regions'] };
  const lines = [`Region: ${region.name}`, leadLine(model, region)];
  const influence = influenceLine(model, region);
  if (influence) lines.push(influence);
  return { title: hit.name, lines };
}
