import { ctxOf } from '../ctx.ts';
import type { Scenario } from '../scenario/schema.ts';
import { type Bot, type BotLevel, doctrineBot } from './bot.ts';
import type { Doctrine } from './doctrine.ts';
import { china } from './doctrines/china.ts';
import { globalSouthDoctrine } from './doctrines/global-south.ts';
import { russia } from './doctrines/russia.ts';
import { usa } from './doctrines/usa.ts';

export const DOCTRINES: readonly Doctrine[] = [china, russia, usa, globalSouthDoctrine];

/**
 * The doctrine an actor plays: by id on the main map (china, russia, usa),
 * otherwise by what the scenario says it is — a great power with Cohesion
 * holds an alliance system (the US pattern), one holding crisis cards plays
 * Russia's, any other great power China's; every other seat hedges.
 */
export function doctrineFor(scenario: Scenario, actor: string): Doctrine {
  if (actor === 'china') return china;
  if (actor === 'russia') return russia;
  if (actor === 'usa') return usa;
  const def = ctxOf(scenario).actor[actor];
  if (def?.kind !== 'greatPower') return globalSouthDoctrine;
  if (def.cohesion) return usa;
  if (def.seat?.lever?.kind === 'holdsCards') return russia;
  return china;
}

/** A doctrine bot for every seat, all at one level. */
export function doctrineBots(
  scenario: Scenario,
  seats: readonly string[],
  level: BotLevel,
): Record<string, Bot> {
  return Object.fromEntries(seats.map((s) => [s, doctrineBot(doctrineFor(scenario, s), level)]));
}
