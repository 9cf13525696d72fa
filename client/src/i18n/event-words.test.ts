import {
  describeEvent,
  type EngineEvent,
  EVENT_TYPES,
  getScenario,
  playRandomGame,
  SCENARIO_IDS,
} from '@entanglement/shared';
import { afterEach, describe, expect, it } from 'vitest';
import { eventText } from './event-words.ts';
import { eventsZh } from './events.zh-CN.ts';
import { setLanguage } from './index.ts';

afterEach(() => setLanguage('en'));

/** Every event of a few random-legal matches of each scenario: every kind the engine emits in play. */
const played = SCENARIO_IDS.map((id) => {
  const scenario = getScenario(id);
  const seats = [...scenario.seats.required, ...scenario.seats.optional];
  const events: EngineEvent[] = [];
  for (const seed of ['w1', 'w2', 'w3'])
    events.push(...playRandomGame(scenario, { seats }, seed, seed, { keepEvents: true }).events);
  return { scenario, events };
});

describe('engine events in the player’s language', () => {
  it('Chinese has a sentence for every event kind', () => {
    expect(EVENT_TYPES.filter((type) => !(type in eventsZh))).toEqual([]);
  });

  it('English is the engine’s own sentence', () => {
    for (const { scenario, events } of played)
      for (const e of events.slice(0, 200))
        expect(eventText(scenario, e)).toBe(describeEvent(scenario, e));
  });

  it('Chinese words every event of real matches with every parameter filled in', () => {
    setLanguage('zh-CN');
    const kinds = new Set<string>();
    for (const { scenario, events } of played)
      for (const e of events) {
        const text = eventText(scenario, e);
        kinds.add(e.type);
        expect(text, `${e.type} ${JSON.stringify(e)}`).not.toMatch(/\{\{|\}\}|undefined|NaN|“”/);
        // Worded from the catalogue, not the English fallback.
        expect(text, e.type).not.toBe(describeEvent(scenario, e));
        expect(text, e.type).toMatch(/[\u4e00-\u9fff]/);
        // Fixed English phrases in the details (reasons, results) are worded too.
        for (const phrase of [e.detail?.reason, e.detail?.result])
          if (phrase && /^[a-z][a-z ]+$/.test(phrase) && !['passed', 'failed'].includes(phrase))
            expect(text, `${e.type}: ${phrase}`).not.toContain(phrase);
      }
    // The matches reach most kinds, so the check above is not vacuous.
    expect(kinds.size).toBeGreaterThan(EVENT_TYPES.length / 2);
  });

  it('picks the variant the details call for', () => {
    setLanguage('zh-CN');
    const scenario = getScenario('main');
    const base = { round: 1, phase: 'resolution' as const, actors: ['china', 'usa'] };
    const votes = (result: string) =>
      eventText(scenario, {
        ...base,
        type: 'votesCounted',
        amounts: { yes: 9, needed: 9, abstain: 6, veto: 0 },
        detail: { result },
      } as EngineEvent);
    expect(votes('passed')).toContain('获得通过');
    expect(votes('failed')).toContain('未获通过');
    const tension = (change: number, reason?: string) =>
      eventText(scenario, {
        ...base,
        type: 'tension',
        amounts: { change, tension: 5 },
        ...(reason ? { detail: { reason } } : {}),
      } as EngineEvent);
    expect(tension(1, 'a stalemate')).toBe('世界紧张度升至 5（一场僵局）。');
    expect(tension(-1)).toBe('世界紧张度缓和至 5。');
  });
});
