import { expect, test } from 'vitest';
import { AwaySeats } from './away-seats.ts';

const SEATS = ['china', 'ussr'];

test('a seat silent for the rule’s deciding phases in a row is away; Briefing and Resolution count for nothing', () => {
  const away = new AwaySeats({ on: true, afterPhases: 2 });
  expect(away.phaseEnded('news', SEATS)).toEqual([]);
  away.heard('china');
  expect(away.phaseEnded('diplomacy', SEATS)).toEqual([]);
  expect(away.phaseEnded('resolution', SEATS)).toEqual([]);
  expect(away.phaseEnded('news', SEATS)).toEqual([]);
  away.heard('china');
  expect(away.phaseEnded('diplomacy', SEATS)).toEqual(['ussr']);
  expect(away.isAway('ussr')).toBe(true);
  expect(away.seats()).toEqual(['ussr']);
});

test('anything heard starts the count again, in any phase', () => {
  const away = new AwaySeats({ on: true, afterPhases: 2 });
  away.phaseEnded('diplomacy', SEATS);
  away.heard('ussr');
  away.heard('china');
  away.phaseEnded('resolution', SEATS);
  expect(away.phaseEnded('diplomacy', SEATS)).toEqual([]);
  expect(away.state().silent).toEqual({ china: 1, ussr: 1 });
});

test('taking a seat back, a restart’s state, and the rule off', () => {
  const away = new AwaySeats({ on: true, afterPhases: 1 }, { away: [], silent: {}, heard: [] });
  expect(away.phaseEnded('calls', ['usa'])).toEqual(['usa']);
  const restored = new AwaySeats(away.rule, away.state());
  expect(restored.isAway('usa')).toBe(true);
  expect(restored.takeBack('usa')).toBe(true);
  expect(restored.takeBack('usa')).toBe(false);
  // Taken back during a phase: that phase counts as heard.
  expect(restored.phaseEnded('responses', ['usa'])).toEqual([]);

  const off = new AwaySeats({ on: false, afterPhases: 1 });
  expect(off.phaseEnded('diplomacy', SEATS)).toEqual([]);
  expect(off.heard('china')).toBe(false);
  expect(off.seats()).toEqual([]);
});
