/**
 * What the world map shows, computed from the scenario and a seat's view.
 * Pure and renderer-free so it can be unit-tested against real engine states
 * and reused by other panels (tooltips, a text-only map for screen readers).
 */
import {
  type ActorKind,
  levelOf,
  type Scenario,
  type SeatView,
  TIE_LEVELS,
  type TieLevelName,
} from '@entanglement/shared';

type LonLat = readonly [number, number];

/** An actor's public tracks, as every seat sees them. */
interface MapTracks {
  power: number;
  wealth: number;
  autonomy: number;
  reputation: number;
  security: number;
  /** Absent for actors without the Cohesion track. */
  cohesion?: number;
}

export interface MapActor {
  id: string;
  name: string;
  short: string;
  kind: ActorKind;
  emblem: string;
  /** '#rrggbb' as in the scenario. */
  colour: string;
  capital: LonLat;
  /** Home region id. */
  home: string;
  /** Played by a person or bot (otherwise a non-player actor). */
  seat: boolean;
  /** The seat this view belongs to. */
  isViewer: boolean;
  tracks: MapTracks;
  /** Entangled rounds left (0 when free). */
  entangled: number;
}

interface RegionInfluence {
  actor: string;
  value: number;
}

export interface MapRegion {
  id: string;
  name: string;
  /** Where crisis markers and region labels go. */
  anchor: LonLat;
  /** The single actor with the most influence; null if nobody has any or the top is shared. */
  lead: RegionInfluence | null;
  /** 0..1: the lead's influence over the track's maximum (10); 0 without a lead. */
  strength: number;
  /** Lead's margin over the runner-up (0 without a lead). */
  margin: number;
  /** Every actor with influence here, strongest first (ties by scenario order). */
  influence: RegionInfluence[];
}

/** A country of the atlas, by its ISO 3166-1 numeric code. */
interface MapCountry {
  iso: number;
  /** The actor that stands for this country, if any. */
  actor: string | null;
  /** The region the country lies in, if the scenario places it. */
  region: string | null;
}

export interface MapTie {
  a: string;
  b: string;
  /** The level the pair shows (own or through a bloc), 1..4. */
  level: number;
  levelName: TieLevelName;
  /** The pair's own level, 0 when only a bloc binds them. */
  own: number;
  /** The bloc that lifts the pair above its own level, if any. */
  bloc: string | null;
  /**
   * Worth a line on the map: a tie of the pair's own, or a bloc's leader to a
   * member. Drawing every pair of every bloc (SCO alone has 36) hides the map;
   * hub-and-spoke lines show the same blocs.
   */
  drawn: boolean;
  /** A live crisis froze it. */
  frozen: boolean;
  /** A treaty notice is running on it. */
  notice: boolean;
}

export interface MapCrisis {
  uid: string;
  card: string;
  /** The card's title: the marker's label. */
  title: string;
  region: string;
  anchor: LonLat;
  severity: number;
  instigator: string | null;
  target: string | null;
}

export interface MapModel {
  viewer: string | null;
  round: number;
  phase: string;
  tension: number;
  /** Actors in scenario order (so draw and label order is stable). */
  actors: MapActor[];
  actorById: Record<string, MapActor>;
  regions: MapRegion[];
  regionById: Record<string, MapRegion>;
  /** Keyed by ISO numeric code. */
  countries: Record<number, MapCountry>;
  ties: MapTie[];
  crises: MapCrisis[];
}

/** The most a region's influence track holds (schema: 0..10). */
const INFLUENCE_MAX = 10;

/** Which actor and region each ISO code belongs to (scenario data only). */
function countriesOf(scenario: Scenario): Record<number, MapCountry> {
  const countries: Record<number, MapCountry> = {};
  const at = (iso: number) => {
    countries[iso] ??= { iso, actor: null, region: null };
    return countries[iso];
  };
  for (const region of scenario.regions) for (const iso of region.iso) at(iso).region = region.id;
  for (const actor of scenario.actors)
    for (const iso of actor.iso) {
      const country = at(iso);
      country.actor = actor.id;
      // An actor's own countries count as its home region when the region list omits them.
      country.region ??= actor.home;
    }
  return countries;
}

function regionsOf(scenario: Scenario, view: SeatView): MapRegion[] {
  return scenario.regions.map((region) => {
    const influence: RegionInfluence[] = [];
    for (const actor of scenario.actors) {
      const value = view.actors[actor.id]?.influence[region.id] ?? 0;
      if (value > 0) influence.push({ actor: actor.id, value });
    }
    // Stable sort keeps scenario order among equals.
    influence.sort((x, y) => y.value - x.value);
    const [first, second] = influence;
    const shared = first && second && first.value === second.value;
    const lead = first && !shared ? first : null;
    return {
      id: region.id,
      name: region.name,
      anchor: region.anchor,
      lead,
      strength: lead ? lead.value / INFLUENCE_MAX : 0,
      margin: lead ? lead.value - (second?.value ?? 0) : 0,
      influence,
    };
  });
}

/**
 * Effective tie levels, computed like the engine's tieLevel (own level, or a
 * shared bloc's level unless the pair's bloc bond is suspended) but over
 * every pair at once, since the map wants them all.
 */
function tiesOf(scenario: Scenario, view: SeatView): MapTie[] {
  const institution = new Map(scenario.institutions.map((i) => [i.id, i]));
  const pairs = new Map<string, MapTie>();
  const pairKey = (a: string, b: string) => (a < b ? `${a}|${b}` : `${b}|${a}`);
  for (const tie of Object.values(view.ties)) {
    if (tie.level <= 0) continue;
    pairs.set(pairKey(tie.a, tie.b), {
      a: tie.a,
      b: tie.b,
      level: tie.level,
      levelName: TIE_LEVELS[tie.level] ?? 'none',
      own: tie.level,
      bloc: null,
      drawn: true,
      frozen: tie.frozenBy !== null,
      notice: tie.notice !== null,
    });
  }
  for (const [blocId, members] of Object.entries(view.blocs)) {
    const inst = institution.get(blocId);
    if (!inst) continue;
    const blocLevel = levelOf(inst.level);
    for (let i = 0; i < members.length; i++)
      for (let j = i + 1; j < members.length; j++) {
        const [a, b] = [members[i]!, members[j]!].sort() as [string, string];
        const own = view.ties[pairKey(a, b)];
        if (own?.blocSuspended) continue;
        const existing = pairs.get(pairKey(a, b));
        if (existing && existing.level >= blocLevel) continue;
        const spoke = a === inst.leader || b === inst.leader;
        pairs.set(pairKey(a, b), {
          a,
          b,
          level: blocLevel,
          levelName: TIE_LEVELS[blocLevel] ?? 'none',
          own: own?.level ?? 0,
          bloc: blocId,
          drawn: (existing?.drawn ?? false) || spoke,
          frozen: own?.frozenBy != null,
          notice: own?.notice != null,
        });
      }
  }
  // Weakest first, so stronger lines are drawn on top.
  return [...pairs.values()]
    .filter((t) => t.level > 0)
    .sort((x, y) => x.level - y.level || pairKey(x.a, x.b).localeCompare(pairKey(y.a, y.b)));
}

function crisesOf(scenario: Scenario, view: SeatView): MapCrisis[] {
  const cards = new Map(scenario.cards.map((c) => [c.id, c]));
  const regions = new Map(scenario.regions.map((r) => [r.id, r]));
  return view.crises
    .filter((c) => c.live)
    .map((c) => ({
      uid: c.uid,
      card: c.card,
      title: cards.get(c.card)?.title ?? c.card,
      region: c.region,
      anchor: regions.get(c.region)?.anchor ?? [0, 0],
      severity: c.preview || c.severity,
      instigator: c.instigator,
      target: c.target,
    }));
}

/** Everything the map draws for one seat's view of a match. */
export function mapModel(scenario: Scenario, view: SeatView): MapModel {
  const actors: MapActor[] = scenario.actors.map((def) => {
    const state = view.actors[def.id];
    const tracks: MapTracks = {
      power: state?.power ?? def.start.power,
      wealth: state?.wealth ?? def.start.wealth,
      autonomy: state?.autonomy ?? def.start.autonomy,
      reputation: state?.reputation ?? def.start.reputation,
      security: state?.security ?? def.start.security,
    };
    if (state && state.cohesion >= 0) tracks.cohesion = state.cohesion;
    return {
      id: def.id,
      name: def.name,
      short: def.short,
      kind: def.kind,
      emblem: def.emblem,
      colour: def.colour,
      capital: def.capital,
      home: def.home,
      seat: state?.seat ?? false,
      isViewer: def.id === view.viewer,
      tracks,
      entangled: state?.entangled ?? 0,
    };
  });
  const regions = regionsOf(scenario, view);
  return {
    viewer: view.viewer,
    round: view.round,
    phase: view.phase,
    tension: view.tension,
    actors,
    actorById: Object.fromEntries(actors.map((a) => [a.id, a])),
    regions,
    regionById: Object.fromEntries(regions.map((r) => [r.id, r])),
    countries: countriesOf(scenario),
    ties: tiesOf(scenario, view),
    crises: crisesOf(scenario, view),
  };
}

/** Ties of one actor, strongest first, with the partner's id. */
export function tiesOfActor(model: MapModel, actor: string): { partner: string; tie: MapTie }[] {
  return model.ties
    .filter((t) => t.a === actor || t.b === actor)
    .map((tie) => ({ partner: tie.a === actor ? tie.b : tie.a, tie }))
    .sort((x, y) => y.tie.level - x.tie.level);
}
