import {
  debrief,
  getScenario,
  type MatchFileInput,
  openReplay,
  type Replay,
  type Scenario,
  trackSeries,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { createMapSlot } from '../game/map-slot.ts';
import { eventText } from '../i18n/event-words.ts';
import { t } from '../i18n/index.ts';
import { accountGroups } from '../panels/account-model.ts';
import { createCharts } from '../replay/charts.ts';
import { chatEntries } from '../replay/chat-timeline.ts';
import { renderDebrief } from '../replay/debrief-view.ts';
import { createForkCompare } from '../replay/fork-compare.ts';
import { createForkPanel } from '../replay/fork-panel.ts';
import {
  type ArchivedMatch,
  downloadButton,
  fetchMatchFile,
  hostTokenFor,
} from '../replay/load.ts';
import { createNotes } from '../replay/notes.ts';
import { peopleSection } from '../replay/people-view.ts';
import { createTimeline, entryLabel, timelineMarks } from '../replay/timeline.ts';
import { seatCredits } from '../seat-credits.ts';

/**
 * A finished match, recomputed by the engine from its match file: the
 * timeline with a scrubber, the map and the account at the chosen moment,
 * seen from above or from any one seat (what that seat knew then), charts of
 * the tracks, and the debrief. `/replay/ID`.
 */
export function renderReplay(root: HTMLElement, matchId: string): () => void {
  const status = el('p', { class: 'status', role: 'status' }, t('replay.loadingTheMatch'));
  root.replaceChildren(
    el(
      'main',
      { class: 'replay' },
      el('p', {}, el('a', { href: '/archive' }, '← Finished matches')),
      status,
    ),
  );
  let cleanup = () => {};
  fetchMatchFile(matchId)
    .then((archived) => {
      const replay = openReplay({ ...archived.file, log: archived.file.commands });
      cleanup = mountReplay(root, matchId, archived, replay);
    })
    .catch((error: unknown) => {
      status.className = 'status status--error';
      status.setAttribute('role', 'alert');
      status.textContent = `This match cannot be replayed. ${error instanceof Error ? error.message : String(error)}`;
    });
  return () => cleanup();
}

function mountReplay(root: HTMLElement, matchId: string, archived: ArchivedMatch, replay: Replay) {
  const { file } = archived;
  const scenario: Scenario = getScenario(file.scenarioId);
  const notes = createNotes(scenario, matchId, archived.annotations, archived.reflections);
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const seatSelect = el(
    'select',
    { id: 'replay-seat', 'aria-label': t('replay.viewFrom') },
    el('option', { value: '' }, t('replay.aboveEverythingPublic')),
    ...file.seats.map((s) => el('option', { value: s.seat }, `${name(s.seat)} (${s.nickname})`)),
  );
  const map = createMapSlot(scenario);
  const account = el('section', {
    class: 'panel replay__account',
    'aria-label': t('replay.whatHappened'),
    'data-testid': 'replay-account',
  });
  const marks = timelineMarks(replay, (e) => eventText(scenario, e));
  const series = trackSeries(replay);
  const charts = createCharts(scenario, series);
  const seat = () => seatSelect.value || null;
  /** A chat line as text (never HTML), with who sent it to whom on which channel. */
  const chatLine = (c: MatchFileInput['chat'][number]) =>
    el(
      'li',
      { class: `chat__line chat__line--${c.channel}` },
      el(
        'span',
        { class: 'chat__who' },
        `${c.from === 'host' ? 'Host' : name(c.from)}${c.to ? ` → ${name(c.to)}` : ''} (${c.channel})`,
      ),
      ' ',
      el('span', { class: 'chat__text' }, c.text),
    );
  const chatAt = chatEntries(
    replay.timeline,
    file.commandTimes,
    file.chat.map((c) => c.at),
  );
  /** The chat lines of a phase that `viewer` could read (null: all this browser has). */
  const chatIn = (index: number, viewer: string | null) =>
    file.chat.filter(
      (c, i) =>
        chatAt[i] === index &&
        (viewer === null ||
          c.channel === 'public' ||
          c.from === viewer ||
          (c.channel === 'private' && c.to === viewer)),
    );

  const fork = createForkPanel(scenario, matchId, replay, file.commands);
  // A fork's debrief compares it with the match it came from, seat by seat, from the fork point on.
  const compare = file.fork ? createForkCompare(scenario, replay, file.fork) : null;
  const show = (index: number) => {
    notes.show(replay.timeline[index]!);
    fork.show(index);
    const viewer = seat();
    map.update(replay.viewAt(index, viewer));
    // What the chosen seat could read at that moment: public events and its own.
    const events = replay
      .eventsAt(index)
      .map((e) => e.event)
      .filter((e) => viewer === null || !e.visibleTo || e.visibleTo.includes(viewer));
    const groups = accountGroups(scenario, events);
    const lines = chatIn(index, viewer);
    account.replaceChildren(
      el('h2', {}, entryLabel(scenario, replay, index)),
      groups.length === 0
        ? el('p', {}, t('replay.nothingHappenedInThis'))
        : el(
            'ul',
            { class: 'replay__events' },
            ...groups.flatMap((g) =>
              g.lines.map((l) =>
                el(
                  'li',
                  { class: l.mark ? `is-${l.mark}` : '' },
                  l.mark ? el('strong', {}, l.mark === 'entrapment' ? '∞ ' : '⚠ ') : null,
                  l.text,
                ),
              ),
            ),
          ),
      lines.length > 0
        ? el(
            'div',
            { class: 'replay__phase-chat', 'data-testid': 'phase-chat' },
            el('h3', {}, t('replay.chatInThisPhase')),
            el('ul', { class: 'chat__log' }, ...lines.map(chatLine)),
          )
        : '',
    );
  };
  const timeline = createTimeline(scenario, replay, marks, show);
  seatSelect.addEventListener('change', () => show(timeline.current));

  const winner = file.winner ? name(file.winner) : 'none';
  const chat = file.chat.length
    ? el(
        'section',
        { class: 'panel replay__chat', 'aria-label': t('replay.chat') },
        el(
          'h2',
          {},
          hostTokenFor(matchId) ? t('replay.chatAllChannelsYou') : t('replay.publicChat'),
        ),
        el('ol', { class: 'chat__log' }, ...file.chat.map(chatLine)),
      )
    : null;

  root.replaceChildren(
    el(
      'main',
      { class: 'replay' },
      el('p', { class: 'no-print' }, el('a', { href: '/archive' }, '← Finished matches')),
      el('h1', {}, `Replay: ${scenario.title}`),
      el(
        'p',
        { class: 'replay__meta' },
        `Finished ${new Date(file.finishedAt).toLocaleString()} · ${file.rounds} rounds · winner: ${winner} · ` +
          file.seats
            .map(
              (s) =>
                `${name(s.seat)}: ${seatCredits(file.seatHistory, s.seat, file.rounds) ?? (s.kind === 'bot' ? 'bot' : s.nickname)}`,
            )
            .join(', '),
      ),
      el(
        'p',
        { class: 'replay__links no-print' },
        downloadButton(
          matchId,
          `/api/matches/${encodeURIComponent(matchId)}`,
          `match-${matchId}.json`,
          t('replay.matchFileJson'),
        ),
        ' ',
        downloadButton(
          matchId,
          `/api/matches/${encodeURIComponent(matchId)}/tracks.csv`,
          `tracks-${matchId}.csv`,
          t('replay.tracksCsv'),
        ),
        ' ',
        printButton(() => {
          charts.forPaper(true);
          return map.preparePrint();
        }),
      ),
      el('label', { class: 'replay__seat no-print' }, 'View from ', seatSelect),
      timeline.element,
      el(
        'div',
        { class: 'replay__stage' },
        el('div', { class: 'replay__map' }, map.element),
        el('div', { class: 'replay__side' }, account, notes.element),
      ),
      fork.element,
      charts.element,
      compare?.element ?? '',
      renderDebrief(
        scenario,
        debrief(replay),
        (entry) => {
          timeline.seek(entry);
          timeline.element.scrollIntoView({ behavior: 'smooth' });
        },
        archived.reflections,
        notes.all(),
      ),
      peopleSection(scenario, file, replay, archived.reflections, matchId),
      chat,
    ),
  );
  charts.draw();
  timeline.seek(0);
  return () => {
    timeline.destroy();
    charts.destroy();
    compare?.destroy();
    map.destroy();
  };
}

/** Prints the report once the map's picture is in it (a WebGL canvas prints as a black block). */
function printButton(prepare: () => Promise<void>): HTMLButtonElement {
  const button = el(
    'button',
    { type: 'button', class: 'button button--small button--ghost' },
    t('replay.printTheReport'),
  );
  button.addEventListener('click', () => void prepare().then(() => window.print()));
  return button;
}
