import { describe, expect, it } from 'vitest';
import { nextPhase, PHASE_NAMES } from '../commands/phases.ts';
import { PACES, PHASES } from '../vocabulary.ts';
import { classBrief } from './class-brief.ts';

describe('what the projector asks the class to do', () => {
  it('says something for every phase of both paces', () => {
    for (const pace of PACES)
      for (const phase of PHASES) {
        const brief = classBrief(phase, pace, false);
        expect(brief.now.length, `${pace} ${phase}`).toBeGreaterThan(10);
      }
  });

  it('matches the pace: quick pace answers calls in Negotiate & Commit, full pace in its own phase', () => {
    expect(classBrief('diplomacy', 'quick', false).now).toMatch(/crisis calls/);
    expect(classBrief('diplomacy', 'full', false).now).not.toMatch(/calls/);
    expect(classBrief('calls', 'full', false).now).toMatch(/crisis calls/);
  });

  it('names the phase that comes next when the time is up', () => {
    for (const pace of PACES) {
      const next = PHASE_NAMES[nextPhase('news', pace)];
      expect(classBrief('news', pace, false).ifNothing).toContain(
        pace === 'quick' ? next : 'negotiation',
      );
    }
    expect(classBrief('diplomacy', 'full', false).ifNothing).toContain(PHASE_NAMES.responses);
  });

  it('tells the defaults a silent seat gets (rules §5.7) where answers are due', () => {
    for (const [phase, pace] of [
      ['diplomacy', 'quick'],
      ['calls', 'full'],
    ] as const) {
      const { ifNothing } = classBrief(phase, pace, false);
      expect(ifNothing).toMatch(/hedged/);
      expect(ifNothing).toMatch(/abandoned/);
      expect(ifNothing).toMatch(/abstains/);
    }
    expect(classBrief('responses', 'full', false).ifNothing).toMatch(/rejected/);
  });

  it('says the match ends after the last round’s Resolution', () => {
    expect(classBrief('resolution', 'quick', true).ifNothing).toMatch(/match ends/);
    expect(classBrief('resolution', 'quick', false).ifNothing).toMatch(/next round/);
  });
});
