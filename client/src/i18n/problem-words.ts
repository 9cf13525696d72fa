import type { ErrorMessage, ProblemCode, ProblemParams, Scenario } from '@entanglement/shared';
import { hasMessage, language, t } from './index.ts';

/** A refusal as the engine gives it: its code and parameters. */
export interface Refusal {
  code: ProblemCode;
  params: ProblemParams;
}

/** Parameters that carry an actor's id, shown as the actor's name. */
const ACTOR_PARAMS = ['seat', 'actor', 'to', 'partner', 'leader'] as const;

/** "A, B and C" (or "or") in the current language. */
function listOf(items: readonly string[], joiner: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? '';
  return t(`list.${joiner}`, {
    head: items.slice(0, -1).join(t('list.separator')),
    last: items[items.length - 1],
  });
}

/**
 * The refusal in the player's language, worded from its code: ids become the
 * scenario's names, phases, riders and sides the catalogue's words. The
 * engine's own English sentence is never shown.
 */
export function problemText(problem: Refusal, scenario: Scenario | null): string {
  const p = problem.params;
  const actor = (id: unknown) =>
    scenario?.actors.find((a) => a.id === id)?.name ?? String(id ?? '');
  const words: Record<string, string | number> = { ...p };
  for (const key of ACTOR_PARAMS) if (key in p) words[key] = actor(p[key]);
  if (typeof p.choosers === 'string')
    words.choosers = listOf(p.choosers.split(',').map(actor), 'or');
  const bloc = (id: string) => scenario?.institutions.find((i) => i.id === id)?.name ?? id;
  if (typeof p.bloc === 'string') words.bloc = bloc(p.bloc);
  if (typeof p.blocs === 'string') words.blocs = listOf(p.blocs.split(',').map(bloc), 'or');
  if (typeof p.card === 'string')
    words.card = scenario?.cards.find((c) => c.id === p.card)?.title ?? p.card;
  for (const key of ['phase', 'nowPhase'])
    if (typeof p[key] === 'string') words[key] = t(`phase.${p[key]}`);
  if (typeof p.rider === 'string') words.rider = t(`rider.${p.rider}`);
  if (typeof p.side === 'string') words.side = t(`side.${p.side}`);
  // A variant of the message for this invitation, rider or Entangled seat, when there is one.
  const variant =
    problem.code === 'noActionPoints' && Number(p.entangled) > 0
      ? 'entangled'
      : String(p.invitation ?? p.rider ?? '');
  const key = `problem.${problem.code}`;
  const full = variant && hasMessage(`${key}_${variant}`) ? `${key}_${variant}` : key;
  return t(full, words);
}

/** An option the engine lists, with its reason and code when it is not available. */
export function optionReason(
  option: { reason: string | null; problem?: Refusal },
  scenario: Scenario | null,
): string {
  if (option.problem) return problemText(option.problem, scenario);
  return option.reason ?? '';
}

/**
 * A refusal from the server in the player's language: the engine's code when
 * it gave one, else the server's own sentence on an English page or the
 * catalogue's word for its ErrorCode on another.
 */
export function refusalText(error: ErrorMessage, scenario: Scenario | null): string {
  if (error.problem) return problemText(error.problem, scenario);
  return language() === 'en' ? error.reason : t(`serverError.${error.code}`);
}
