import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import { getScenario } from './content/index.ts';
import { drive } from './testing/drive.ts';
import { viewFor, viewsFor } from './view.ts';

const seats = ['red', 'blue', 'green', 'gold'];

describe('a seat’s view (docs/architecture.md, `viewFor`)', () => {
  function midRound() {
    const m = drive({ seats });
    m.inject('frontier-war');
    m.advance();
    const c = m.crisis('frontier-war');
    m.seat('red', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'quiet', power: 0, wealth: 0 } });
    m.seat('green', { kind: 'instigate', crisis: c, press: true, power: 2 });
    m.seat('blue', { kind: 'offer', to: 'gold', raise: true, riders: [], favour: false });
    return m;
  }

  it('removes the generator, the deck order and other seats’ objectives and hands', () => {
    const m = midRound();
    const v = viewFor(m.state, 'blue');
    expect(v.rng).toBe(0);
    expect('deck' in v).toBe(false);
    expect(v.deckSize).toBe(m.state.deck.length);
    expect(v.actors.blue!.objective).toBe(m.state.actors.blue!.objective);
    expect(v.actors.red!.objective).toBeNull();
    expect(v.actors.green!.hand.every((c) => c === 'hidden')).toBe(true);
    expect(JSON.stringify(v)).not.toContain(m.state.actors.red!.objective!);
  });

  it('keeps other seats’ orders, answers and Press secret before resolution', () => {
    const m = midRound();
    const v = viewFor(m.state, 'blue');
    expect(v.drafts.red!.orders).toEqual([]);
    const crisis = v.crises[0]!;
    expect(crisis.answers).toEqual({});
    expect(crisis.press).toBeNull();
    const red = viewFor(m.state, 'red');
    expect(red.drafts.red!.orders).toHaveLength(1);
    expect(red.crises[0]!.answers.red?.kind).toBe('quiet');
    expect(viewFor(m.state, 'green').crises[0]!.press).toEqual({ press: true, power: 2 });
  });

  it('shows the mandate choice to the seat that decides it, and to nobody else before resolution', () => {
    const m = drive({ seats, pace: 'full' });
    m.inject('mandate-vote');
    m.advanceTo('calls');
    const c = m.crisis('mandate-vote');
    m.seat('blue', { kind: 'mandate', crisis: c, choice: 'stretch' });
    expect(viewFor(m.state, 'blue').crises.find((x) => x.uid === c)!.mandate).toBe('stretch');
    expect(viewFor(m.state, 'red').crises.find((x) => x.uid === c)!.mandate).toBeNull();
    expect(viewFor(m.state, null).crises.find((x) => x.uid === c)!.mandate).toBeNull();
  });

  it('shows an offer only to its two parties', () => {
    const m = midRound();
    expect(viewFor(m.state, 'gold').offers).toHaveLength(1);
    expect(viewFor(m.state, 'red').offers).toHaveLength(0);
    expect(viewFor(m.state, null).offers).toHaveLength(0);
    expect(viewFor(m.state, 'red').account.some((e) => e.type === 'offerSent')).toBe(false);
  });

  it('does not change the state it is given', () => {
    const m = midRound();
    const before = JSON.stringify(m.state);
    viewFor(m.state, 'red');
    viewFor(m.state, null);
    expect(JSON.stringify(m.state)).toBe(before);
  });

  it('shows everything but the generator once the match is over', () => {
    const m = midRound();
    m.state.actors.red!.objective = 'rich';
    while (m.state.phase !== 'ended') m.advance();
    const v = viewFor(m.state, 'blue');
    expect(v.actors.red!.objective).toBe('rich');
    expect(v.rng).toBe(0);
  });
});

describe('quiet support after resolution', () => {
  it('stays hidden from other seats once the crisis is over, unless exposed', () => {
    const m = drive({ seats });
    m.inject('frontier-war');
    m.advance();
    const c = m.crisis('frontier-war');
    m.seat('green', { kind: 'instigate', crisis: c, press: false, power: 0 });
    m.seat('red', { kind: 'answer', crisis: c, answer: { kind: 'quiet', power: 0, wealth: 0 } });
    m.advance();
    m.advance();
    const blue = viewFor(m.state, 'blue');
    expect(JSON.stringify(blue.crises)).not.toContain('quiet');
    expect(blue.actors.red!.stats.quiet).toBe(0);
    expect(viewFor(m.state, 'red').actors.red!.stats.quiet).toBe(m.state.actors.red!.stats.quiet);
  });
});

describe('viewsFor', () => {
  it('equals viewFor for every viewer, and shares what the views have in common', () => {
    const m = drive({ seats });
    m.inject('frontier-war');
    m.advance();
    m.seat('red', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    const viewers = [...seats, null, 'red'];
    const views = viewsFor(m.state, viewers);
    expect(views.size).toBe(seats.length + 1);
    for (const viewer of viewers) expect(views.get(viewer)).toEqual(viewFor(m.state, viewer));
    // Blue and gold see the same redacted red actor: one object, not two copies.
    expect(views.get('blue')!.actors.red).toBe(views.get('gold')!.actors.red);
    expect(views.get('red')!.actors.red).not.toEqual(views.get('blue')!.actors.red);
  });
});

describe('what a view is made of (the server encodes only what changed)', () => {
  const json = (value: unknown) => JSON.stringify(value) ?? 'undefined';
  const perEntry = new Set(['actors', 'drafts']);

  /**
   * Along played games, a member of a view (an entry, for actors and drafts)
   * changes only when the state's member (or entry) of its name changes or
   * the match ends: what `viewsFor`'s comment promises.
   */
  it('changes a member only when the state member of its name changed, or the match ended', () => {
    const scenario = getScenario('main');
    const gameSeats = [...scenario.seats.required, 'india', 'brazil'];
    let compared = 0;
    let changed = 0;
    for (const seed of ['a', 'b']) {
      let before: {
        state: Record<string, string>;
        views: Map<string | null, Record<string, string>>;
        ended: boolean;
      } | null = null;
      playRandomGame(scenario, { seats: gameSeats, rounds: 4 }, seed, seed, {
        onStep(state) {
          const sources: Record<string, string> = {};
          for (const [name, value] of Object.entries(state)) {
            if (!perEntry.has(name)) sources[name] = json(value);
            else
              for (const [id, entry] of Object.entries(value as object))
                sources[`${name}.${id}`] = json(entry);
          }
          const ended = state.phase === 'ended';
          const views = new Map<string | null, Record<string, string>>();
          for (const [viewer, view] of viewsFor(state, [...gameSeats, null])) {
            const members: Record<string, string> = {};
            for (const [name, value] of Object.entries(view)) {
              if (!perEntry.has(name)) members[name] = json(value);
              else
                for (const [id, entry] of Object.entries(value as object))
                  members[`${name}.${id}`] = json(entry);
              const own = (state as unknown as Record<string, unknown>)[name];
              if (value === own || perEntry.has(name)) continue;
              expect([
                'viewer',
                'deckSize',
                'rng',
                'crises',
                'offers',
                'prepared',
                'pledges',
                'account',
              ]).toContain(name);
            }
            views.set(viewer, members);
          }
          // An entry of actors or drafts reads the same to every viewer but its owner.
          for (const [name, text] of Object.entries(views.get(null)!)) {
            const owner = name.split('.')[1];
            if (!name.includes('.')) continue;
            for (const [viewer, members] of views)
              if (viewer !== owner) expect(members[name], `${name} for ${viewer}`).toBe(text);
          }
          if (before && before.ended === ended)
            for (const [viewer, members] of views)
              for (const [name, text] of Object.entries(members)) {
                if (name === 'step' || name === 'viewer' || name === 'deckSize' || name === 'rng')
                  continue;
                compared++;
                if (text === before.views.get(viewer)![name]) continue;
                changed++;
                expect(sources[name], `${name} for ${viewer} at step ${state.step}`).not.toBe(
                  before.state[name],
                );
              }
          before = { state: sources, views, ended };
        },
      });
    }
    expect(compared).toBeGreaterThan(10_000);
    expect(changed).toBeGreaterThan(100);
  });
});
