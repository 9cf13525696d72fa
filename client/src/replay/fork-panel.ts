import {
  type Answer,
  API_ROUTES,
  actualOutcome,
  type Command,
  describeEvent,
  type ForkBody,
  NicknameSchema,
  planFork,
  previewFork,
  type Replay,
  type Scenario,
  type SeatCommand,
  summariseOutcomes,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { apiPath, callApi } from '../net/api.ts';
import { lastNickname, rememberNickname, saveCredentials } from '../net/credentials.ts';
import { navigate } from '../router.ts';
import { type DecisionEdit, editedDecisions, seatDecisions } from './fork-model.ts';
import { archiveCredentialFor } from './load.ts';
import { renderOutcomes } from './outcomes-view.ts';
import { playOn } from './play-on.ts';
import { entryLabel } from './timeline.ts';

/** How many times the bots play on unless the host asks otherwise. */
const DEFAULT_RUNS = 100;

const ANSWER_KINDS: readonly Answer['kind'][] = [
  'honour',
  'honourIfPressed',
  'quiet',
  'hedge',
  'abandon',
];

/**
 * "What if?": the host forks the finished match at the moment the timeline
 * shows, into a new live match (POST /api/matches/:id/fork): the dice as
 * they were or drawn afresh, and optionally one seat's decisions of that
 * phase changed, with the engine's preview of whom the end of the phase
 * then draws in (previewFork, run here on the replay: the server checks
 * the same again).
 */
export function createForkPanel(
  scenario: Scenario,
  matchId: string,
  replay: Replay,
  log: readonly Command[],
) {
  const name = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const seats = replay.finalState().seats;
  const moment = el('p', { class: 'fork__moment', 'data-testid': 'fork-moment' });
  const reseed = el('input', { type: 'checkbox', id: 'fork-reseed' });
  const seatSelect = el(
    'select',
    { id: 'fork-seat', 'aria-label': t('fork.changeWhose') },
    el('option', { value: '' }, t('fork.noChange')),
    ...seats.map((s) => el('option', { value: s }, name(s))),
  );
  const decisions = el('ul', { class: 'fork__decisions', 'data-testid': 'fork-decisions' });
  const preview = el('div', {
    class: 'fork__preview',
    role: 'status',
    'aria-live': 'polite',
    'data-testid': 'fork-preview',
  });
  const nickname = el('input', {
    id: 'fork-nickname',
    type: 'text',
    maxlength: '24',
    autocomplete: 'nickname',
    value: lastNickname(),
  });
  const start = el(
    'button',
    { type: 'button', class: 'button', 'data-testid': 'fork-start' },
    t('fork.start'),
  );
  const status = el('p', { class: 'status', role: 'status' });
  const runs = el('input', {
    id: 'fork-runs',
    type: 'number',
    min: '1',
    max: '1000',
    value: String(DEFAULT_RUNS),
    class: 'fork__amount',
  });
  const playButton = el(
    'button',
    { type: 'button', class: 'button button--ghost', 'data-testid': 'fork-play-on' },
    t('fork.playOn'),
  );
  const cancel = el(
    'button',
    { type: 'button', class: 'button button--small', hidden: '' },
    t('fork.cancel'),
  );
  const progress = el('progress', {
    max: String(DEFAULT_RUNS),
    value: '0',
    hidden: '',
    'aria-label': t('fork.progress'),
  });
  const progressText = el('span', { 'data-testid': 'fork-progress' });
  const results = el('div', { 'data-testid': 'fork-outcomes' });
  const outcomes = el(
    'section',
    { class: 'fork__outcomes', 'aria-label': t('fork.playOnTitle') },
    el('h3', {}, t('fork.playOnTitle')),
    el('p', {}, t('fork.playOnExplain')),
    el('label', {}, `${t('fork.runs')} `, runs),
    ' ',
    playButton,
    ' ',
    cancel,
    el('p', {}, progress, ' ', progressText),
    results,
  );
  const element = el(
    'section',
    { class: 'panel fork no-print', 'aria-label': t('fork.title'), 'data-testid': 'fork-panel' },
    el('h2', {}, t('fork.title')),
    el('p', {}, t('fork.explain')),
    moment,
    el('label', { class: 'fork__check' }, reseed, ' ', t('fork.reseed')),
    el(
      'fieldset',
      { class: 'fork__change' },
      el('legend', {}, t('fork.changeOne')),
      el('label', {}, `${t('fork.changeWhose')} `, seatSelect),
      decisions,
      preview,
    ),
    el('label', { class: 'fork__name' }, `${t('fork.yourName')} `, nickname),
    start,
    status,
    outcomes,
  );

  let index = 0;
  let edits: DecisionEdit[] = [];
  let current: SeatCommand[] = [];

  const change = () => {
    const seat = seatSelect.value;
    if (!seat) return undefined;
    const commands = editedDecisions(current, edits);
    return commands ? { seat, commands } : undefined;
  };

  const crisisTitle = (uid: string) => {
    const crisis = replay.stateAt(index).crises.find((c) => c.uid === uid);
    return scenario.cards.find((c) => c.id === crisis?.card)?.title ?? uid;
  };

  const decisionRow = (cmd: SeatCommand, i: number) => {
    const keep = el('input', { type: 'checkbox', checked: '' });
    keep.checked = edits[i]?.keep ?? true;
    keep.addEventListener('change', () => {
      edits[i] = { ...edits[i], keep: keep.checked };
      refresh();
    });
    const label = el('label', {}, keep, ' ', describeCommand(cmd));
    if (cmd.kind !== 'answer') return el('li', {}, label);
    const kind = el(
      'select',
      { 'aria-label': t('fork.answerInstead', { crisis: crisisTitle(cmd.crisis) }) },
      ...ANSWER_KINDS.map((k) => el('option', { value: k }, t(`fork.answer.${k}`))),
    );
    kind.value = cmd.answer.kind;
    const power = el('input', {
      type: 'number',
      min: '0',
      max: '20',
      value: String(cmd.answer.power),
      'aria-label': t('fork.power'),
      class: 'fork__amount',
    });
    const update = () => {
      edits[i] = {
        keep: edits[i]?.keep ?? true,
        answer: { kind: kind.value as Answer['kind'], power: Number(power.value) || 0, wealth: 0 },
      };
      refresh();
    };
    kind.addEventListener('change', update);
    power.addEventListener('change', update);
    return el('li', {}, label, ' → ', kind, ' ', el('label', {}, `${t('fork.power')} `, power));
  };

  /** A command as a short line: its kind and what it is about. */
  const describeCommand = (cmd: SeatCommand): string => {
    switch (cmd.kind) {
      case 'answer':
        return t('fork.answerTo', {
          crisis: crisisTitle(cmd.crisis),
          answer: t(`fork.answer.${cmd.answer.kind}`),
        });
      case 'order': {
        const o = cmd.order;
        const about =
          'region' in o ? o.region : 'to' in o ? name(o.to) : 'target' in o ? name(o.target) : '';
        return t('fork.order', { kind: o.kind, about });
      }
      case 'offer':
        return t('fork.offer', { to: name(cmd.to) });
      case 'done':
        return t('fork.done');
      default:
        return cmd.kind;
    }
  };

  const refresh = () => {
    const plan = planFork(replay, log, { entry: index, reseed: null, change: change() });
    if (!plan.ok) {
      preview.replaceChildren(el('p', { class: 'status status--error' }, plan.error));
      start.disabled = true;
      playButton.disabled = true;
      return;
    }
    start.disabled = false;
    playButton.disabled = stop !== null;
    const shown = previewFork(replay, plan.plan);
    const names = (ids: string[]) => (ids.length ? ids.map(name).join(', ') : t('fork.nobody'));
    const list = (events: typeof shown.fork) =>
      events.length
        ? el('ul', {}, ...events.map((e) => el('li', {}, describeEvent(scenario, e))))
        : el('p', {}, t('fork.nothingSettled'));
    preview.replaceChildren(
      el('h3', {}, t('fork.previewTitle')),
      reseed.checked ? el('p', { class: 'fork__note' }, t('fork.previewDiceAsThey')) : '',
      el('p', { 'data-testid': 'fork-drawn-in' }, t('fork.drawnIn', { who: names(shown.drawnIn) })),
      el('p', {}, t('fork.leftOut', { who: names(shown.leftOut) })),
      el(
        'div',
        { class: 'fork__sides' },
        el('div', {}, el('h4', {}, t('fork.inTheOriginal')), list(shown.original)),
        el('div', {}, el('h4', {}, t('fork.inTheFork')), list(shown.fork)),
      ),
    );
  };

  const showDecisions = () => {
    const seat = seatSelect.value;
    current = seat ? seatDecisions(replay, log, index, seat) : [];
    edits = current.map(() => ({ keep: true }));
    decisions.replaceChildren(
      ...(seat && current.length === 0 ? [el('li', {}, t('fork.noDecisions'))] : []),
      ...current.map(decisionRow),
    );
    refresh();
  };
  let stop: (() => void) | null = null;
  /**
   * The last bots' results at this moment, with the decisions as played and
   * with the change, side by side (a new moment clears them).
   */
  const shown = new Map<string, { view: ReturnType<typeof renderOutcomes>; block: HTMLElement }>();
  let shownAt = -1;
  const showResult = (key: string, block: HTMLElement, view: ReturnType<typeof renderOutcomes>) => {
    shown.get(key)?.view.destroy();
    shown.set(key, { view, block });
    const order = [...shown.keys()].sort((a, b) =>
      a === '' ? -1 : b === '' ? 1 : a.localeCompare(b),
    );
    results.replaceChildren(...order.map((k) => shown.get(k)!.block));
    view.draw();
  };
  const clearResults = () => {
    for (const { view } of shown.values()) view.destroy();
    shown.clear();
    results.replaceChildren();
  };
  playButton.addEventListener('click', () => {
    const changed = change();
    const planned = planFork(replay, log, { entry: index, reseed: null, change: changed });
    if (!planned.ok) return;
    const count = Math.max(1, Math.min(1000, Math.floor(Number(runs.value) || DEFAULT_RUNS)));
    const entry = replay.timeline[index]!;
    const actual = actualOutcome(replay, entry.endStep);
    progress.max = count;
    progress.value = 0;
    progress.hidden = false;
    cancel.hidden = false;
    playButton.disabled = true;
    progressText.textContent = t('fork.runsDone', { done: 0, runs: count });
    const started = performance.now();
    const job = playOn(
      {
        scenarioId: scenario.id,
        state: planned.plan.state,
        runs: count,
        level: 'normal',
        freshDice: reseed.checked,
      },
      (done) => {
        progress.value = done;
        progressText.textContent = t('fork.runsDone', { done, runs: count });
      },
    );
    stop = job.cancel;
    job.result
      .then((runsPlayed) => {
        const seconds = ((performance.now() - started) / 1000).toFixed(1);
        progressText.textContent = t('fork.runsFinished', { runs: count, seconds });
        if (shownAt !== entry.index) clearResults();
        shownAt = entry.index;
        const view = renderOutcomes(
          scenario,
          actual,
          summariseOutcomes(runsPlayed),
          entry.round,
          t('fork.theBots', { runs: count }),
        );
        const heading = changed
          ? t('fork.withChange', { seat: name(changed.seat) })
          : t('fork.asPlayed');
        const dice = reseed.checked ? t('fork.freshDice') : t('fork.sameDice');
        const block = el(
          'div',
          { class: 'fork__result', 'data-variant': changed ? 'changed' : 'asPlayed' },
          el('h4', {}, `${heading} · ${dice}`),
          view.element,
        );
        showResult(changed ? `seat:${changed.seat}` : '', block, view);
      })
      .catch((error: unknown) => {
        progressText.textContent =
          error instanceof Error && error.message === 'cancelled'
            ? t('fork.cancelled')
            : String(error instanceof Error ? error.message : error);
      })
      .finally(() => {
        stop = null;
        cancel.hidden = true;
        playButton.disabled = false;
      });
  });
  cancel.addEventListener('click', () => stop?.());

  seatSelect.addEventListener('change', showDecisions);
  reseed.addEventListener('change', refresh);

  start.addEventListener('click', () => {
    const parsed = NicknameSchema.safeParse(nickname.value);
    if (!parsed.success) {
      status.className = 'status status--error';
      status.textContent = t('fork.nameNeeded');
      return;
    }
    start.disabled = true;
    status.className = 'status';
    status.textContent = t('fork.starting');
    const body: ForkBody = { entry: index, reseed: reseed.checked };
    const changed = change();
    if (changed) body.change = changed;
    const route = API_ROUTES.forkMatch;
    callApi(route, 201, apiPath(route, { id: matchId }), {
      body,
      token: archiveCredentialFor(matchId),
    })
      .then((created) => {
        rememberNickname(parsed.data);
        saveCredentials({
          roomId: created.roomId,
          nickname: parsed.data,
          code: created.code,
          hostToken: created.hostToken,
        });
        navigate({ page: 'match', roomId: created.roomId, projector: false });
      })
      .catch((error: unknown) => {
        start.disabled = false;
        status.className = 'status status--error';
        status.textContent = error instanceof Error ? error.message : String(error);
      });
  });

  return {
    element,
    /** Follows the timeline: the fork starts at the moment it shows. */
    show(at: number) {
      index = at;
      const playable = replay.timeline[at]?.hash !== null;
      moment.textContent = playable
        ? t('fork.fromMoment', { moment: entryLabel(scenario, replay, at) })
        : t('fork.notAtTheEnd');
      for (const input of [reseed, seatSelect, nickname, start, runs]) input.disabled = !playable;
      playButton.disabled = !playable || stop !== null;
      if (playable) showDecisions();
      else {
        decisions.replaceChildren();
        preview.replaceChildren();
      }
    },
  };
}
