import { describe, expect, it } from 'vitest';
import { getScenario } from './content/index.ts';
import { createMatch } from './create.ts';
import { entanglementMeter } from './meter.ts';
import { stateOfView } from './seat-state.ts';
import { ensureTie } from './ties.ts';
import { viewFor } from './view.ts';

describe('the entanglement meter', () => {
  const scenario = getScenario('main');
  const fresh = () => {
    const created = createMatch(scenario, {}, 'meter');
    if (!created.ok) throw new Error(created.error);
    return created.state;
  };

  it('counts actors that some crisis would call through a treaty', () => {
    const reading = entanglementMeter(scenario, fresh());
    // NATO is a treaty bloc in the main scenario: some European crisis calls its members.
    expect(reading.worst).toBeGreaterThan(0);
    expect(reading.worstActors).toHaveLength(reading.worst);
    for (const actor of reading.worstActors) expect(reading.exposed).toContain(actor);
  });

  it('rises when a new treaty links an actor that was not exposed', () => {
    const state = fresh();
    const before = entanglementMeter(scenario, state);
    const outsider = state.seats.find((s) => !before.exposed.includes(s) && s !== 'china');
    expect(outsider).toBeDefined();
    ensureTie(state, 'china', outsider!).level = 4;
    const after = entanglementMeter(scenario, state);
    expect(after.exposed.length).toBeGreaterThan(before.exposed.length);
  });

  it('reads the same from a spectator’s view as from the state', () => {
    const state = fresh();
    expect(entanglementMeter(scenario, stateOfView(viewFor(state, null)))).toEqual(
      entanglementMeter(scenario, state),
    );
  });
});
