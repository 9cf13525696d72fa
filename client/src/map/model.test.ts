import {
  cloneState,
  createMatch,
  getScenario,
  type MatchState,
  playRandomGame,
  viewFor,
} from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { mapModel, tiesOfActor } from './model.ts';

const scenario = getScenario('main');

function freshState(): MatchState {
  const created = createMatch(scenario, {}, 'seed');
  if (!created.ok) throw new Error(created.error);
  return created.state;
}

describe('mapModel', () => {
  it('gives each actor country its actor and region', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'china'));
    expect(model.countries[156]).toEqual({ iso: 156, actor: 'china', region: 'china' });
    expect(model.countries[643]?.actor).toBe('russia');
    expect(model.countries[840]?.actor).toBe('usa');
    // France stands for Europe; a country of no actor keeps only its region.
    expect(model.countries[250]?.actor).toBe('europe');
    const regionOnly = Object.values(model.countries).find((c) => c.actor === null);
    expect(regionOnly?.region).toBeTruthy();
    expect(model.actorById.china?.isViewer).toBe(true);
    expect(model.actorById.china?.emblem).toBe('CN');
    expect(model.actorById.russia?.isViewer).toBe(false);
  });

  it('follows a region lead when influence changes, and a shared top means no lead', () => {
    const state = freshState();
    const region = 'sub-saharan-africa';
    for (const actor of Object.values(state.actors)) actor.influence[region] = 0;
    let model = mapModel(scenario, viewFor(state, 'china'));
    expect(model.regionById[region]?.lead).toBeNull();
    expect(model.regionById[region]?.strength).toBe(0);

    state.actors.china!.influence[region] = 6;
    state.actors.usa!.influence[region] = 4;
    model = mapModel(scenario, viewFor(state, 'china'));
    expect(model.regionById[region]?.lead).toEqual({ actor: 'china', value: 6 });
    expect(model.regionById[region]?.strength).toBeCloseTo(0.6);
    expect(model.regionById[region]?.margin).toBe(2);
    expect(model.regionById[region]?.influence.map((i) => i.actor)).toEqual(['china', 'usa']);

    state.actors.usa!.influence[region] = 6;
    model = mapModel(scenario, viewFor(state, 'china'));
    expect(model.regionById[region]?.lead).toBeNull();
  });

  it('lists ties by effective level, with blocs as spokes from their leader', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'china'));
    const pair = (a: string, b: string) =>
      model.ties.find((t) => (t.a === a && t.b === b) || (t.a === b && t.b === a));
    expect(pair('china', 'north-korea')).toMatchObject({ level: 4, levelName: 'alliance' });
    // NATO lifts US–Europe to alliance though the pair has no tie of its own.
    expect(pair('usa', 'europe')).toMatchObject({ level: 4, own: 0, bloc: 'nato', drawn: true });
    // Two CSTO members that are not its leader: bound, but not drawn.
    const csto = scenario.institutions.find((i) => i.id === 'csto')!;
    const others = csto.members.filter((m) => m !== csto.leader);
    expect(pair(others[0]!, others[1]!)).toMatchObject({ bloc: 'csto', drawn: false });
    expect(model.ties.every((t) => t.level >= 1 && t.level <= 4)).toBe(true);
    // Weakest first so the strongest lines end up on top.
    const levels = model.ties.map((t) => t.level);
    expect(levels).toEqual([...levels].sort((x, y) => x - y));
    expect(tiesOfActor(model, 'usa')[0]?.tie.level).toBe(4);
  });

  it('raises a tie when the state changes', () => {
    const state = freshState();
    const before = mapModel(scenario, viewFor(state, 'china'));
    const find = (m: typeof before) =>
      m.ties.find((t) => t.a === 'brazil' && t.b === 'india' && t.bloc === null);
    expect(find(before)).toBeUndefined();
    state.ties['brazil|india'] = {
      a: 'brazil',
      b: 'india',
      level: 3,
      frozenBy: null,
      noRiseBefore: 0,
      notice: null,
      riders: [],
      blocSuspended: false,
    };
    const after = mapModel(scenario, viewFor(state, 'china'));
    expect(find(after)).toMatchObject({ level: 3, levelName: 'strategic', own: 3, drawn: true });
  });

  it('shows live crises at their region anchor with the card title', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'china'));
    expect(model.crises.length).toBeGreaterThan(0);
    for (const crisis of model.crises) {
      const region = scenario.regions.find((r) => r.id === crisis.region)!;
      expect(crisis.anchor).toEqual(region.anchor);
      expect(crisis.title).toBe(scenario.cards.find((c) => c.id === crisis.card)!.title);
    }
  });

  it('follows a match played by bots', () => {
    let midgame: MatchState | null = null;
    playRandomGame(scenario, { rounds: 4 }, 'map-model', 'bots', {
      onStep: (state) => {
        if (!midgame && state.round === 2 && state.phase === 'diplomacy')
          midgame = cloneState(state);
      },
    });
    expect(midgame).not.toBeNull();
    const state = midgame as unknown as MatchState;
    const model = mapModel(scenario, viewFor(state, 'usa'));
    expect(model.round).toBe(2);
    expect(model.viewer).toBe('usa');
    expect(model.crises.map((c) => c.uid)).toEqual(
      state.crises.filter((c) => c.live).map((c) => c.uid),
    );
    for (const region of model.regions) {
      const top = Math.max(
        0,
        ...Object.values(state.actors).map((a) => a.influence[region.id] ?? 0),
      );
      if (region.lead) expect(region.lead.value).toBe(top);
    }
    expect(model.tension).toBe(state.tension);
    expect(model.actorById.usa?.tracks.power).toBe(state.actors.usa!.power);
  });
});
