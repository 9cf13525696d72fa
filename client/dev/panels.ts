/**
 * Dev harness for the decision panels (not part of the build): a local
 * hot-seat match of the main scenario (full pace) held in the page, a seat
 * picker, the five panels drawn from viewFor(state, seat), and a fake `send`
 * that stamps and applies each intent like the server (resolving with an ack
 * or rejecting with a RefusedError carrying the engine's reason).
 * Open /dev/panels.html from `npx vite` in client/; ?seat=usa&demo=1&phase=calls
 * plays a few scripted commands first.
 */
import '../src/style.css';
import {
  type AckMessage,
  applyCommand,
  type Command,
  createMatch,
  getScenario,
  type MatchState,
  PHASE_NAMES,
  type Phase,
  viewFor,
} from '@entanglement/shared';
import { el } from '../src/dom.ts';
import { type Intent, RefusedError } from '../src/net/match-connection.ts';
import { createAccountPanel } from '../src/panels/account.ts';
import { createCrisisPanel } from '../src/panels/crisis.ts';
import { createOffersPanel } from '../src/panels/offers.ts';
import { createOrdersPanel } from '../src/panels/orders.ts';
import type { Panel, PanelContext } from '../src/panels/panel.ts';
import { createTracksPanel } from '../src/panels/tracks.ts';

const params = new URLSearchParams(location.search);
const scenario = getScenario('main');
const created = createMatch(
  scenario,
  { pace: params.get('pace') === 'quick' ? 'quick' : 'full' },
  params.get('seed') ?? 'seed',
);
if (!created.ok) throw new Error(created.error);
const state: MatchState = created.state;
let seat: string | null = params.get('seat') ?? state.seats[0] ?? null;
if (seat === 'none') seat = null;

function apply(cmd: Command) {
  const r = applyCommand(scenario, state, cmd);
  if (!r.ok) throw new Error(`${r.error} (${JSON.stringify(cmd)})`);
}
const as = (who: string, intent: Intent) =>
  apply({ ...intent, seat: who, round: state.round, phase: state.phase } as Command);
const advance = () => apply({ kind: 'advance', round: state.round, phase: state.phase });

for (const card of params.getAll('inject'))
  apply({ kind: 'injectCrisis', round: state.round, phase: state.phase, card });

if (params.get('demo')) {
  advance(); // Briefing → Negotiate
  as('china', { kind: 'order', order: { kind: 'invest', region: 'central-asia', amount: 2 } });
  as('china', { kind: 'order', order: { kind: 'deploy', region: 'taiwan-scs', power: 2 } });
  as('russia', {
    kind: 'offer',
    to: 'china',
    raise: false,
    riders: [{ kind: 'trade' }],
    favour: false,
  });
  as('india', {
    kind: 'offer',
    to: 'usa',
    raise: false,
    riders: [
      { kind: 'armsSale', seller: 'usa' },
      { kind: 'training', trainer: 'usa' },
    ],
    favour: false,
  });
  as('usa', { kind: 'offer', to: 'brazil', raise: true, riders: [], favour: false });
  as('usa', { kind: 'lower', partner: 'pakistan' });
  const stop = (params.get('phase') ?? 'diplomacy') as Phase;
  let guard = 0;
  while (state.phase !== stop && state.phase !== 'ended' && guard++ < 20) advance();
}

const panels: Panel[] = [
  createTracksPanel(),
  createOrdersPanel(),
  createOffersPanel(),
  createCrisisPanel(),
  createAccountPanel(),
];

const send = (intent: Intent): Promise<AckMessage> => {
  if (!seat) return Promise.reject(new Error('You do not hold a seat in this match.'));
  const cmd = { ...intent, seat, round: state.round, phase: state.phase } as Command;
  const r = applyCommand(scenario, state, cmd);
  if (!r.ok)
    return Promise.reject(
      new RefusedError({ code: 'illegal', reason: r.error, field: null, type: 'command' }),
    );
  queueMicrotask(render);
  return Promise.resolve({ ref: null, kind: intent.kind, step: state.step });
};

const seatPick = el(
  'select',
  { id: 'seat' },
  el('option', { value: '' }, 'Spectator'),
  ...state.seats.map((id) =>
    el('option', { value: id }, scenario.actors.find((a) => a.id === id)?.name ?? id),
  ),
);
seatPick.value = seat ?? '';
seatPick.addEventListener('change', () => {
  seat = seatPick.value || null;
  render();
});
const advanceButton = el(
  'button',
  { type: 'button', class: 'button', id: 'advance' },
  'Advance phase',
);
advanceButton.addEventListener('click', () => {
  if (state.phase === 'ended') return;
  advance();
  render();
});
const status = el('p', { class: 'harness__status', 'aria-live': 'polite' });

document
  .getElementById('app')!
  .append(
    el(
      'div',
      { class: 'harness__bar' },
      el('label', { for: 'seat' }, 'Seat', seatPick),
      advanceButton,
      status,
    ),
    el(
      'div',
      { class: 'harness__grid' },
      ...panels.map((p) => el('div', { class: 'harness__col' }, p.element)),
    ),
  );

function render() {
  status.textContent = `Round ${state.round} · ${PHASE_NAMES[state.phase]} · Tension ${state.tension} · step ${state.step}`;
  const view = viewFor(state, seat);
  const context: PanelContext = { scenario, view, seat, send };
  for (const p of panels) p.update(context);
}
render();
