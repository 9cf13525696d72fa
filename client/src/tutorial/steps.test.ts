import { getScenario, viewFor } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { drive } from '../../../shared/src/testing/drive.ts';
import { TUTORIAL_SCENARIO, TUTORIAL_SEAT, tutorialOptions } from './setup.ts';
import { currentStep, STEP_IDS } from './steps.ts';

const scenario = getScenario(TUTORIAL_SCENARIO);
const seat = TUTORIAL_SEAT;

/** The tutorial's match as the engine plays it: China the learner, the USSR doing nothing. */
function tutorialMatch() {
  const { seats, pace } = tutorialOptions('Ana');
  const m = drive({ seats, pace }, scenario);
  const step = () => currentStep(scenario, viewFor(m.state, seat), seat);
  return { m, step };
}

describe('the tutorial steps, read from the seat view', () => {
  it('follow the state through every step, each action moving it on', () => {
    const { m, step } = tutorialMatch();
    const seen: string[] = [];
    const at = (id: string) => {
      const s = step();
      expect(s?.id).toBe(id);
      seen.push(id);
      return s!;
    };

    const briefing = at('briefing');
    expect(briefing.quotes.join(' ')).toContain('North Korean divisions');
    expect(briefing.target).toBe('[data-key="done"]');
    m.advanceTo('diplomacy');

    const offer = at('offer');
    expect(offer.quotes).toContain('India: partnership');
    m.seat(seat, { kind: 'offer', to: 'india', raise: true, riders: [], favour: false });

    const answer = at('answer');
    expect(answer.tab).toBe('crises');
    // The engine's cost of honouring names entrapment, and the abandon answer is there too.
    expect(answer.quotes.join(' ')).toContain('Your stake here is low, so this is entrapment');
    expect(answer.quotes.some((q) => q.startsWith('Abandon'))).toBe(true);
    m.seat(seat, {
      kind: 'answer',
      crisis: m.crisis('korea-invasion-1950'),
      answer: { kind: 'honour', power: 1, wealth: 0 },
    });

    at('commit');
    m.advanceTo('resolution');
    const entrapment = at('entrapment');
    expect(entrapment.quotes.join(' ')).toContain('Entrapment:');
    expect(entrapment.quotes.join(' ')).toContain('being drawn into a conflict by an ally');

    m.advanceTo('news');
    at('entangled');
    m.advanceTo('diplomacy');
    const scale = at('scaleBack');
    expect(scale.quotes.some((q) => q.startsWith('India:'))).toBe(true);
    m.seat(seat, { kind: 'lower', partner: 'india' });

    at('commitAgain');
    m.advanceTo('resolution');
    const scaled = at('scaledBack');
    expect(scaled.quotes.join(' ')).toContain('India');

    m.advanceTo('news');
    at('lastRound');
    m.advanceTo('ended');
    at('debrief');
    expect(seen).toEqual([...STEP_IDS]);
  });

  it('shows no step to a viewer without the seat', () => {
    const { m } = tutorialMatch();
    expect(currentStep(scenario, viewFor(m.state, null), null)).toBeNull();
    expect(currentStep(scenario, null, seat)).toBeNull();
  });
});
