import {
  type MatchFileInput,
  PHASES,
  type Phase,
  type Reflection,
  type Replay,
  type Scenario,
  type SeatSpan,
} from '@entanglement/shared';
import { t } from '../i18n/index.ts';
import { csvDocument } from './csv.ts';

/** One line of a person's record: a seat held, a decision their seat made, a reflection. */
export interface PersonLine {
  person: string;
  seat: string;
  kind: 'seat' | 'decision' | 'reflection';
  round: number;
  phase: Phase;
  /** For a seat held: when it ended ("" while it lasted to the end). */
  until: string;
  text: string;
}

type Moment = { round: number; phase: Phase };
const order = (m: Moment) => m.round * PHASES.length + PHASES.indexOf(m.phase);

/** Whether `at` falls in the span (both ends included: a hand-over phase counts for both). */
function holds(span: SeatSpan, at: Moment): boolean {
  return order(span.from) <= order(at) && (span.to === null || order(at) <= order(span.to));
}

/** Who (by nickname) held `seat` at `at`: every member of a team; none when a bot held it. */
function holdersAt(spans: readonly SeatSpan[], seat: string, at: Moment): string[] {
  return spans
    .filter((s) => s.seat === seat && s.nickname !== null && holds(s, at))
    .map((s) => s.nickname!);
}

const moment = (m: Moment) => t('people.moment', { round: m.round, phase: t(`phase.${m.phase}`) });

/**
 * For assessment: each person's record in a finished match, from its file.
 * The seats they held and when (the seat history), the decisions their seat
 * made while they held it (offers and answers to offers, answers to crisis
 * calls, votes, scaling ties back; a decision changed within a phase counts
 * once, as it stood), and the reflections written from their seat. A seat a
 * team shared credits every member. People in the order they first sat.
 */
export function peopleReport(
  scenario: Scenario,
  file: MatchFileInput,
  replay: Replay,
  reflections: readonly Reflection[],
): PersonLine[] {
  const spans = file.seatHistory ?? [];
  const name = (id: string | null | undefined) =>
    scenario.actors.find((a) => a.id === id)?.name ?? id ?? '—';
  const cards = new Map(scenario.cards.map((c) => [c.id, c.title]));
  // Crisis and offer ids in commands, named from the states the match passed through.
  const crisisTitle = new Map<string, string>();
  const offerFrom = new Map<string, string>();
  for (let i = 0; i < replay.timeline.length; i++) {
    const state = replay.stateAt(i);
    for (const c of state.crises) crisisTitle.set(c.uid, cards.get(c.card) ?? c.card);
    for (const o of state.offers) offerFrom.set(o.id, o.from);
  }
  const crisis = (uid: string) => crisisTitle.get(uid) ?? uid;

  // The decisions, the last of each kind per seat, phase and subject (a changed answer counts once).
  const decisions = new Map<string, { seat: string; at: Moment; text: string }>();
  for (const c of file.commands) {
    if (!('seat' in c)) continue;
    const at = { round: c.round, phase: c.phase };
    const key = (subject: string) => `${c.seat} ${c.round} ${c.phase} ${c.kind} ${subject}`;
    const put = (subject: string, text: string) =>
      decisions.set(key(subject), { seat: c.seat, at, text });
    switch (c.kind) {
      case 'offer':
        put(
          `${c.to} ${decisions.size}`,
          c.raise
            ? t('people.offerRaise', { to: name(c.to) })
            : c.bloc
              ? t('people.offerBloc', { to: name(c.to), bloc: c.bloc.toUpperCase() })
              : t('people.offerDeals', { to: name(c.to), count: c.riders.length }),
        );
        break;
      case 'withdrawOffer':
        put(c.offer, t('people.withdrew'));
        break;
      case 'respond':
        put(
          c.offer,
          t(c.accept ? 'people.accepted' : 'people.rejected', {
            from: name(offerFrom.get(c.offer)),
          }),
        );
        break;
      case 'answer':
        put(
          c.crisis,
          t('people.answered', {
            crisis: crisis(c.crisis),
            answer: t(`people.answer.${c.answer.kind}`),
          }),
        );
        break;
      case 'vote':
        put(
          c.crisis,
          t('people.voted', { crisis: crisis(c.crisis), vote: t(`people.vote.${c.vote}`) }),
        );
        break;
      case 'lower':
        put(c.partner, t('people.lowered', { partner: name(c.partner) }));
        break;
      case 'cancelLower':
        decisions.delete(`${c.seat} ${c.round} ${c.phase} lower ${c.partner}`);
        break;
    }
  }

  const lines: PersonLine[] = [];
  const people = [...new Set(spans.flatMap((s) => (s.nickname === null ? [] : [s.nickname])))];
  for (const person of people) {
    for (const span of spans.filter((s) => s.nickname === person))
      lines.push({
        person,
        seat: name(span.seat),
        kind: 'seat',
        round: Math.max(1, span.from.round),
        phase: span.from.phase,
        until: span.to ? moment(span.to) : '',
        text: span.to
          ? t('people.heldUntil', { until: moment(span.to) })
          : t('people.heldToTheEnd'),
      });
    for (const d of decisions.values())
      if (holdersAt(spans, d.seat, d.at).includes(person))
        lines.push({
          person,
          seat: name(d.seat),
          kind: 'decision',
          ...d.at,
          until: '',
          text: d.text,
        });
    for (const r of reflections) {
      const at = { round: r.round, phase: r.phase as Phase };
      if (PHASES.includes(at.phase) && holdersAt(spans, r.seat, at).includes(person))
        lines.push({
          person,
          seat: name(r.seat),
          kind: 'reflection',
          ...at,
          until: '',
          text: r.text,
        });
    }
  }
  return lines;
}

/** The report as CSV, one row per line, safe to open in a spreadsheet (csv.ts). */
export function peopleCsv(lines: readonly PersonLine[]): string {
  return csvDocument([
    ['person', 'seat', 'kind', 'round', 'phase', 'until', 'what'],
    ...lines.map((l) => [
      l.person,
      l.seat,
      l.kind,
      l.round,
      t(`phase.${l.phase}`),
      l.until,
      l.text,
    ]),
  ]);
}
