import { viewFor } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { drive } from '../../../shared/src/testing/drive.ts';
import { roundAccounts, whatHappenedToYou } from './account-model.ts';

/** Red is dragged into Green's frontier war through its partnership: an entrapment to read about. */
function entrapped() {
  const m = drive({ seats: ['red', 'blue', 'green', 'gold'] });
  m.inject('frontier-war');
  m.advance();
  const c = m.crisis('frontier-war');
  m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 3 });
  m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'honour', power: 2, wealth: 0 } });
  m.advance();
  return m;
}

describe('the account panel’s model', () => {
  it('tells the seat first what happened to it, with the entrapment among the few lines', () => {
    const m = entrapped();
    const you = whatHappenedToYou(m.scenario, viewFor(m.state, 'red').account, 'red')!;
    expect(you.round).toBe(1);
    expect(you.lines.length).toBeGreaterThan(0);
    expect(you.lines.length).toBeLessThanOrEqual(5);
    expect(you.lines.some((l) => l.startsWith('Entrapment: Red is dragged into'))).toBe(true);
  });

  it('groups a round by crisis first, and filters by part and by what names the seat', () => {
    const m = entrapped();
    const account = viewFor(m.state, 'red').account;
    const all = roundAccounts(m.scenario, account, 'red', { mine: false, part: 'all' });
    expect(all[0]!.parts[0]!.part).toBe('crisis');
    const trap = all[0]!.parts[0]!.lines.find((l) => l.mark === 'entrapment');
    expect(trap).toBeDefined();
    const economy = roundAccounts(m.scenario, account, 'red', { mine: false, part: 'economy' });
    expect(economy[0]!.parts.map((p) => p.part)).toEqual(['economy']);
    const count = (r: typeof all) => r.flatMap((x) => x.parts).flatMap((p) => p.lines).length;
    const mine = roundAccounts(m.scenario, account, 'red', { mine: true, part: 'all' });
    expect(count(mine)).toBeGreaterThan(0);
    expect(count(mine)).toBeLessThan(count(all));
    // Gold took no part: only the world's events and its own income name it.
    const gold = roundAccounts(m.scenario, viewFor(m.state, 'gold').account, 'gold', {
      mine: true,
      part: 'crisis',
    });
    expect(gold.flatMap((r) => r.parts).some((p) => p.lines.some((l) => l.mark))).toBe(false);
  });
});
