import { describe, expect, it } from 'vitest';
import { reflectionPrompts } from './reflection.ts';
import { drive } from './testing/drive.ts';

describe('reflection prompts', () => {
  it('ask an entrapped seat, and only seats played by people', () => {
    const m = drive({ seats: ['red', 'blue', 'green', 'gold'] });
    m.inject('frontier-war');
    m.advance();
    const c = m.crisis('frontier-war');
    m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 3 });
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
    m.advance();
    const events = m.state.account;
    expect(events.some((e) => e.type === 'entrapment' && e.actors[0] === 'red')).toBe(true);
    const prompts = reflectionPrompts(m.scenario, events, ['red', 'blue']);
    const trap = prompts.find((p) => p.eventType === 'entrapment')!;
    expect(trap).toMatchObject({ seat: 'red', crisis: c, round: 1 });
    expect(trap.question).toMatch(/Red is dragged into .* How did your seat end up in this war\?/);
    expect(reflectionPrompts(m.scenario, events, ['blue']).filter((p) => p.seat === 'red')).toEqual(
      [],
    );
  });
});
