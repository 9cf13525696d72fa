import {
  type CreateMatchOptions,
  defaultAwayRule,
  getScenario,
  JoinCodeSchema,
  NicknameSchema,
  SCENARIO_IDS,
  type Scenario,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { lastNickname } from '../net/credentials.ts';
import { field, formError, numberInput, select } from './form-parts.ts';
import { customTimers, TIMER_PRESETS } from './timer-presets.ts';
import '../tutorial/tutorial.css';

export interface HomeActions {
  create(options: CreateMatchOptions): Promise<void>;
  /** Starts the guided tutorial: a match of one's own against bots, with a coach. */
  learn(nickname: string): Promise<void>;
  join(code: string, nickname: string): Promise<void>;
  openArchive(): void;
  /** The live matches this browser holds a seat or host key for. */
  openMine(): void;
}

/** The home page: host a match, join one by code, or open the archive. */
export function renderHome(root: HTMLElement, actions: HomeActions, code = ''): void {
  root.replaceChildren(
    el(
      'header',
      { class: 'hero' },
      el('img', { class: 'hero__logo', src: '/favicon.svg', alt: '', width: '72', height: '72' }),
      el('h1', {}, 'Entanglement'),
      el('p', { class: 'hero__tagline' }, t('home.tagline')),
      el('p', { class: 'hero__pitch' }, t('home.pitch')),
      learnEntry(actions),
    ),
    el(
      'main',
      { class: 'home-grid' },
      joinCard(actions, code),
      createCard(actions),
      el(
        'section',
        { class: 'card', 'aria-labelledby': 'archive-title' },
        el('h2', { id: 'archive-title' }, t('home.archiveTitle')),
        el('p', {}, t('home.archiveText')),
        linkButton(t('home.openMine'), () => actions.openMine()),
        linkButton(t('home.openArchive'), () => actions.openArchive()),
      ),
    ),
  );
}

/** The way in for someone new: the tutorial, alone against bots, before any class or friends. */
function learnEntry(actions: HomeActions): HTMLElement {
  const button = el(
    'button',
    { type: 'button', class: 'button button--big', 'data-testid': 'learn' },
    t('home.learn.button'),
  );
  const error = formError();
  button.addEventListener('click', () => {
    const name = NicknameSchema.safeParse(lastNickname() || t('home.learn.name'));
    button.disabled = true;
    button.textContent = t('home.learn.settingUp');
    error.clear();
    actions.learn(name.success ? name.data : t('home.learn.name')).catch((e: unknown) => {
      button.disabled = false;
      button.textContent = t('home.learn.button');
      error.show(e instanceof Error ? e.message : String(e));
    });
  });
  return el(
    'section',
    { class: 'learn', 'aria-labelledby': 'learn-title' },
    el('h2', { id: 'learn-title', class: 'learn__title' }, t('home.learn.title')),
    el('p', { class: 'learn__text' }, t('home.learn.text')),
    button,
    error.node,
  );
}

function linkButton(label: string, onClick: () => void): HTMLButtonElement {
  const button = el('button', { type: 'button', class: 'button button--ghost' }, label);
  button.addEventListener('click', onClick);
  return button;
}

function nicknameInput(id: string): HTMLInputElement {
  return el('input', {
    id,
    name: 'nickname',
    maxlength: '24',
    autocomplete: 'nickname',
    required: '',
    value: lastNickname(),
  });
}

function joinCard(actions: HomeActions, code: string): HTMLElement {
  const codeInput = el('input', {
    id: 'join-code',
    name: 'code',
    maxlength: '6',
    autocomplete: 'off',
    autocapitalize: 'characters',
    spellcheck: 'false',
    placeholder: 'ABC234',
    class: 'code-input',
    required: '',
    value: code.toUpperCase(),
  });
  const nickname = nicknameInput('join-nickname');
  const error = formError();
  const submit = el('button', { type: 'submit', class: 'button' }, t('home.join.submit'));
  const form = el(
    'form',
    { class: 'form', novalidate: '' },
    field(t('home.join.code'), codeInput),
    field(t('home.yourName'), nickname),
    error.node,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsedCode = JoinCodeSchema.safeParse(codeInput.value.trim().toUpperCase());
    if (!parsedCode.success) return error.show(t('home.join.badCode'));
    const parsedName = NicknameSchema.safeParse(nickname.value);
    if (!parsedName.success) return error.show(t('home.badName'));
    submit.disabled = true;
    error.clear();
    actions.join(parsedCode.data, parsedName.data).catch((e: unknown) => {
      submit.disabled = false;
      error.show(e instanceof Error ? e.message : String(e));
    });
  });
  (code ? nickname : codeInput).setAttribute('autofocus', '');
  return el(
    'section',
    { class: 'card card--primary', 'aria-labelledby': 'join-title' },
    el('h2', { id: 'join-title' }, t('home.join.title')),
    form,
  );
}

function createCard(actions: HomeActions): HTMLElement {
  const nickname = nicknameInput('create-nickname');
  const scenario = select(
    'create-scenario',
    SCENARIO_IDS.map((id) => [id, getScenario(id).title]),
  );
  // The scenario's own words stay English (no translation yet), marked so.
  const description = el('p', { class: 'hint', lang: 'en' });
  const rounds = numberInput('create-rounds', 1, 16);
  const pace = select('create-pace', [
    ['quick', t('home.create.paceQuick')],
    ['full', t('home.create.paceFull')],
  ]);
  const timers = select(
    'create-timers',
    Object.entries(TIMER_PRESETS).map(([id, p]) => [id, p.label]),
  );
  const decideMinutes = numberInput('create-decide-minutes', 1, 10_080);
  decideMinutes.value = '1440';
  const aroundMinutes = numberInput('create-around-minutes', 1, 10_080);
  aroundMinutes.value = '60';
  const custom = el(
    'div',
    { class: 'form-row', hidden: '' },
    field('Minutes to decide', decideMinutes),
    field('Minutes for news and resolution', aroundMinutes),
  );
  // The away rule: on by default for matches over hours or days (the server's default too).
  const away = el('input', { type: 'checkbox', id: 'create-away' });
  const awayPhases = numberInput('create-away-phases', 1, 9);
  awayPhases.value = '2';
  const awayRow = el(
    'div',
    { class: 'form__away' },
    el('label', { class: 'check', for: 'create-away' }, away, ` ${t('away.create')}`),
    field(t('away.createPhases'), awayPhases),
  );
  const isLong = () => {
    const chosen = TIMER_PRESETS[timers.value];
    return timers.value === 'custom' || (chosen !== undefined && defaultAwayRule(chosen.timers).on);
  };
  let awayTouched = false;
  away.addEventListener('change', () => {
    awayTouched = true;
    awayPhases.disabled = !away.checked;
  });
  const showAwayDefault = () => {
    if (!awayTouched) away.checked = isLong();
    awayPhases.disabled = !away.checked;
  };
  showAwayDefault();
  timers.addEventListener('change', () => {
    custom.hidden = timers.value !== 'custom';
    showAwayDefault();
  });
  const preset = el('input', { type: 'checkbox', id: 'create-preset' });
  const bots = select('create-bots', [
    ['normal', t('home.create.botsNormal')],
    ['easy', t('home.create.botsEasy')],
    ['hard', t('home.create.botsHard')],
  ]);
  const seats = el('fieldset', { class: 'seat-picks' });
  const error = formError();
  const submit = el('button', { type: 'submit', class: 'button' }, t('home.create.submit'));

  const showScenario = () => {
    const s = getScenario(scenario.value);
    description.textContent = s.description;
    rounds.min = String(s.rounds.min);
    rounds.max = String(s.rounds.max);
    rounds.value = String(s.rounds.default);
    seats.replaceChildren(...seatPicks(s));
  };
  scenario.addEventListener('change', showScenario);
  showScenario();

  const form = el(
    'form',
    { class: 'form', novalidate: '' },
    field(t('home.yourName'), nickname),
    field(t('home.create.scenario'), scenario),
    description,
    seats,
    el(
      'div',
      { class: 'form-row' },
      field(t('home.create.rounds'), rounds),
      field(t('home.create.pace'), pace),
    ),
    field(t('home.create.timers'), timers),
    custom,
    field(t('home.create.bots'), bots),
    awayRow,
    el('label', { class: 'check', for: 'create-preset' }, preset, ` ${t('home.create.preset')}`),
    error.node,
    submit,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const name = NicknameSchema.safeParse(nickname.value);
    if (!name.success) return error.show(t('home.badName'));
    const s = getScenario(scenario.value);
    const chosen = [...seats.querySelectorAll<HTMLInputElement>('input:checked')].map(
      (i) => i.value,
    );
    const optional = chosen.filter((id) => s.seats.optional.includes(id));
    if (optional.length < s.seats.minOptional || optional.length > s.seats.maxOptional)
      return error.show(
        t('home.create.chooseOptional', { min: s.seats.minOptional, max: s.seats.maxOptional }),
      );
    const chosenTimers =
      timers.value === 'custom'
        ? customTimers(Number(decideMinutes.value), Number(aroundMinutes.value))
        : TIMER_PRESETS[timers.value]?.timers;
    if (typeof chosenTimers === 'string') return error.show(chosenTimers);
    const afterPhases = Number(awayPhases.value);
    if (away.checked && !(Number.isInteger(afterPhases) && afterPhases >= 1 && afterPhases <= 9))
      return error.show(t('away.createPhases'));
    submit.disabled = true;
    error.clear();
    actions
      .create({
        scenario: s.id,
        nickname: name.data,
        rounds: Number(rounds.value),
        pace: pace.value as 'quick' | 'full',
        seats: [...s.seats.required, ...optional],
        timers: chosenTimers,
        preset: preset.checked ? 'class' : 'standard',
        botLevel: bots.value as 'easy' | 'normal' | 'hard',
        away: { on: away.checked, afterPhases: away.checked ? afterPhases : 2 },
      })
      .catch((e: unknown) => {
        submit.disabled = false;
        error.show(e instanceof Error ? e.message : String(e));
      });
  });
  return el(
    'section',
    { class: 'card', 'aria-labelledby': 'create-title' },
    el('h2', { id: 'create-title' }, t('home.create.title')),
    el('p', { class: 'hint' }, t('home.create.hint')),
    form,
  );
}

/** A checkbox per seat: required seats are checked and fixed, optional ones start checked. */
function seatPicks(scenario: Scenario): HTMLElement[] {
  const actor = (id: string) => scenario.actors.find((a) => a.id === id)!;
  const pick = (id: string, required: boolean) => {
    const a = actor(id);
    const box = el('input', { type: 'checkbox', value: id, name: 'seat' });
    box.checked = true;
    box.disabled = required;
    return el(
      'label',
      { class: 'seat-pick', title: a.description },
      box,
      el('span', { class: 'swatch', style: `background:${a.colour}` }),
      el('span', { class: 'emblem' }, a.emblem),
      ' ',
      el('span', { lang: 'en' }, a.name),
      required ? ` ${t('home.create.alwaysInPlay')}` : '',
    );
  };
  return [
    el('legend', {}, t('home.create.seatsInPlay')),
    ...scenario.seats.required.map((id) => pick(id, true)),
    ...scenario.seats.optional.map((id) => pick(id, false)),
  ];
}
