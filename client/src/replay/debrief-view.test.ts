import { debrief, getScenario, openReplay } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { recordRandomMatch } from '../../../shared/src/replay/recorded.ts';
import { momentWords } from './debrief-view.ts';

const scenario = getScenario('main');
const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;

describe('a debrief moment names the other seat of it', () => {
  // India refused its treaty ally China: the engine's moment has India as actor, China as partner.
  const abandonment = { actor: 'india', partner: 'china' };

  it('on the abandoned seat’s card, the seat that abandoned it', () => {
    expect(momentWords('abandonedBy', abandonment, name)).toBe('⚠ Was abandoned by India');
  });

  it('on the abandoner’s card, the partner it abandoned', () => {
    expect(momentWords('abandoned', abandonment, name)).toBe('⚠ Abandoned China');
  });

  it('on the entrapped seat’s card, the partner whose tie dragged it in', () => {
    expect(momentWords('entrapped', { actor: 'china', partner: 'russia' }, name)).toBe(
      '∞ Entrapment: dragged in by Russia',
    );
  });

  it('never names a seat as abandoned by itself in a real debrief', () => {
    const moments = ['debrief-a', 'debrief-b', 'debrief-c', 'debrief-d'].flatMap((seed) =>
      debrief(openReplay(recordRandomMatch('main', { rounds: 8 }, seed))).actors.flatMap((a) =>
        a.abandonments.of.map((m) => ({ seat: a.actor, m })),
      ),
    );
    expect(moments.length).toBeGreaterThan(0);
    for (const { seat, m } of moments) {
      const line = momentWords('abandonedBy', m, name);
      expect(line).toBe(`⚠ Was abandoned by ${name(m.actor)}`);
      expect(m.actor).not.toBe(seat);
    }
  });
});
