import { createMatch, getScenario, previewCrisis, viewFor } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { injectChoices, previewLines } from './host-controls.ts';

describe('the host’s inject control', () => {
  const scenario = getScenario('main');
  const created = createMatch(scenario, {}, 'host-controls');
  if (!created.ok) throw new Error(created.error);
  const view = viewFor(created.state, null);

  it('offers the scenario’s crisis cards except live ones and cards held in a hand', () => {
    const cards = injectChoices(scenario, view);
    const live = view.crises.filter((c) => c.live).map((c) => c.card);
    expect(cards.length).toBeGreaterThan(0);
    for (const card of cards) {
      expect(live).not.toContain(card.id);
      expect(card.holder).toBeUndefined();
    }
  });

  it('describes the engine’s preview in words, naming treaty calls', () => {
    const withTreaty = scenario.cards
      .map((c) => previewCrisis(scenario, created.state, c.id))
      .find((p) => p && p.treatyBound.length > 0)!;
    const lines = previewLines(scenario, withTreaty);
    expect(lines).toHaveLength(withTreaty.calls.length);
    expect(lines.filter((l) => l.includes('treaty call'))).toHaveLength(
      withTreaty.treatyBound.length,
    );
    const first = scenario.actors.find((a) => a.id === withTreaty.calls[0]!.actor)!;
    expect(lines[0]).toContain(first.name);
  });
});
