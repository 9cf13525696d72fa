import { createMatch, getScenario, type MatchState, viewFor } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { describeHit, tieLines } from './describe.ts';
import { mapModel } from './model.ts';

const scenario = getScenario('main');

function freshState(): MatchState {
  const created = createMatch(scenario, {}, 'seed');
  if (!created.ok) throw new Error(created.error);
  return created.state;
}

describe('map tooltips', () => {
  it('describes an actor with its tracks, region lead and ties', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'china'));
    const text = describeHit(model, { kind: 'actor', id: 'china' })!;
    expect(text.title).toBe('China');
    expect(text.subtitle).toBe('CN · Great power — you');
    expect(text.lines).toContain('Region: China');
    expect(text.lines.some((l) => l.startsWith('Power '))).toBe(true);
    expect(text.lines).toContain('Alliance: North Korea');
  });

  it('names bloc ties after their bloc and folds long lists', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'usa'));
    const lines = tieLines(model, 'usa');
    expect(lines[0]).toMatch(/^Alliance: .*Europe \(NATO\)/);
    expect(lines.every((l) => (l.match(/,/g) ?? []).length <= 3)).toBe(true);
  });

  it('describes a country of no actor by its region and who leads there', () => {
    const state = freshState();
    for (const a of Object.values(state.actors)) a.influence['sub-saharan-africa'] = 0;
    state.actors.china!.influence['sub-saharan-africa'] = 4;
    state.actors.usa!.influence['sub-saharan-africa'] = 1;
    const model = mapModel(scenario, viewFor(state, 'china'));
    // 180: the Democratic Republic of the Congo.
    const text = describeHit(model, { kind: 'country', iso: 180, name: 'Dem. Rep. Congo' })!;
    expect(text.title).toBe('Dem. Rep. Congo');
    expect(text.lines).toEqual([
      'Region: Sub-Saharan Africa',
      'Leading influence: China 4 (+3)',
      'Influence: China 4, US & NATO 1',
    ]);
  });

  it('describes a live crisis and a country outside the game', () => {
    const model = mapModel(scenario, viewFor(freshState(), 'china'));
    const crisis = model.crises[0]!;
    const text = describeHit(model, { kind: 'crisis', uid: crisis.uid })!;
    expect(text.title).toBe(crisis.title);
    expect(text.subtitle).toBe('Crisis');
    expect(describeHit(model, { kind: 'country', iso: 10, name: 'Antarctica' })?.lines).toEqual([
      'Outside the game’s regions',
    ]);
  });
});
