import { computeCalls, partiesOf, previewSeverity } from './crisis.ts';
import type { Ctx } from './ctx.ts';
import { shuffle } from './rng.ts';
import { RULES } from './rules.ts';
import type { CrisisState } from './state.ts';
import { type Adjacency, adjacencyOf, ensureTie, tieList } from './ties.ts';
import { emit, newId, type Tx } from './tx.ts';

/** Takes the top card of the deck, reshuffling the discards when it is empty. */
function drawCard(tx: Tx): string | null {
  const { state } = tx;
  if (state.deck.length === 0 && state.discard.length > 0) {
    state.deck = shuffle(state, state.discard);
    state.discard = [];
  }
  return state.deck.shift() ?? null;
}

/** Computes who a crisis calls, freezes the ties between its parties and those called, and previews its severity. */
function brief(tx: Tx, crisis: CrisisState, adjacency?: Adjacency): void {
  const { ctx, state } = tx;
  const card = ctx.card[crisis.card]!;
  // A crisis that goes on is briefed afresh: what it froze is thawed, then frozen again by the new calls,
  // so the ties it holds frozen are always those of its current calls.
  if (crisis.revealed < state.round)
    for (const tie of tieList(state)) if (tie.frozenBy === crisis.uid) tie.frozenBy = null;
  crisis.calls = computeCalls(ctx, state, card, crisis, adjacency);
  crisis.answers = {};
  crisis.press = null;
  crisis.votes = {};
  crisis.mandate = null;
  crisis.blocInvited = null;
  crisis.mediators = [];
  crisis.mediation = 0;
  for (const call of crisis.calls) {
    for (const caller of call.callers) {
      const tie = ensureTie(state, call.actor, caller.party);
      if (tie.frozenBy === null) {
        tie.frozenBy = crisis.uid;
        emit(tx, {
          type: 'tieFrozen',
          actors: [call.actor, caller.party],
          crisis: crisis.uid,
          card: crisis.card,
        });
      }
    }
  }
  crisis.preview = previewSeverity(ctx, state, crisis, adjacency);
}

/** A card's crisis as it stands when revealed, before anyone is called. */
export function newCrisis(
  ctx: Ctx,
  cardId: string,
  uid: string,
  round: number,
  injected: boolean,
): CrisisState {
  const card = ctx.card[cardId]!;
  return {
    uid,
    card: cardId,
    revealed: round,
    region: card.region,
    instigator: card.instigator,
    target: card.target,
    parties: partiesOf(ctx, card),
    severity: card.severity,
    preview: card.severity,
    calls: [],
    answers: {},
    press: null,
    votes: {},
    mandate: null,
    mandateFor: card.mandateFor ?? null,
    blocInvited: null,
    mediators: [],
    mediation: 0,
    stalemates: 0,
    stuck: {},
    live: true,
    injected,
  };
}

/** Brings a card into play as a live crisis (docs/rules.md §7.1). */
export function revealCard(
  tx: Tx,
  cardId: string,
  how: 'drawn' | 'prepared' | 'injected',
  adjacency?: Adjacency,
): CrisisState {
  const { ctx, state } = tx;
  const card = ctx.card[cardId]!;
  const crisis = newCrisis(ctx, cardId, newId(state, 'c'), state.round, how === 'injected');
  state.crises.push(crisis);
  for (const s of card.sanctionsOnReveal) {
    state.sanctions.push({
      by: s.by,
      target: s.target,
      rounds: RULES.sanctionRounds,
      since: state.round,
    });
  }
  brief(tx, crisis, adjacency);
  emit(tx, {
    type: how === 'injected' ? 'crisisInjected' : 'crisisRevealed',
    actors: crisis.parties,
    crisis: crisis.uid,
    card: cardId,
    region: card.region,
    amounts: { severity: crisis.severity, effective: crisis.preview, called: crisis.calls.length },
    detail: { how },
    concept: card.concepts[0],
  });
  return crisis;
}

/** Opens a round at its Briefing: clears last round's orders, continues live crises, reveals new cards. */
export function startRound(tx: Tx, round: number): void {
  const { ctx, state } = tx;
  state.round = round;
  state.phase = 'news';
  state.account = [];
  state.offers = [];
  state.invitations = [];
  state.tensionCharged = {};
  for (const id of state.seats) state.drafts[id] = { orders: [], lowers: [], done: false };
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    // Most actors deployed and committed nothing: only used records are replaced.
    for (const _ in a.deployed) {
      a.deployed = {};
      break;
    }
    for (const _ in a.committed) {
      a.committed = {};
      break;
    }
  }
  state.crises = state.crises.filter((c) => c.live);
  emit(tx, { type: 'roundStarted', actors: [], amounts: { round, tension: state.tension } });
  // Freezing creates no ties above none, so one adjacency serves every Briefing of the round.
  const adjacency = adjacencyOf(state);
  for (const crisis of state.crises) brief(tx, crisis, adjacency);

  // Prepared cards come on top of the drawn ones, at most three new cards a round.
  const cards: { card: string; how: 'drawn' | 'prepared' }[] = state.prepared.map((p) => ({
    card: p.card,
    how: 'prepared',
  }));
  state.prepared = [];
  const scripted = ctx.scenario.scriptedCards[String(round)];
  if (scripted) for (const card of scripted) cards.push({ card, how: 'drawn' });
  else {
    const draws = state.tension >= RULES.highTension ? RULES.cardsAtHighTension : 1;
    for (let i = 0; i < draws; i++) {
      const card = drawCard(tx);
      if (card) cards.push({ card, how: 'drawn' });
    }
  }
  for (const { card, how } of cards.slice(0, RULES.maxNewCardsPerRound))
    revealCard(tx, card, how, adjacency);
}
