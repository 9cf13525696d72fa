import { getScenario, NicknameSchema, type Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { lastNickname, loadCredentials, rememberNickname } from '../net/credentials.ts';
import { MatchConnection } from '../net/match-connection.ts';
import { createCoach } from '../tutorial/coach.ts';
import { connectionBanner } from './banner.ts';
import { createEndScreen } from './end.ts';
import { field, formError } from './form-parts.ts';
import { createGameScreen } from './game.ts';
import { createLobbyScreen } from './lobby.ts';
import { createProjectorScreen } from './projector.ts';

/** A part of the match page that redraws from each snapshot. */
import type { Screen } from './screen.ts';

type ScreenKind = 'lobby' | 'game' | 'end' | 'projector';

/**
 * The match page: connects (or reuses the connection the home page opened),
 * then shows the lobby, the game, the projector or the end screen as the
 * match's stage changes, under a banner for a lost connection. The
 * tutorial's match has its coach over all of them.
 */
export function mountMatch(
  root: HTMLElement,
  roomId: string,
  projector: boolean,
  reuse: MatchConnection | null,
  tutorial = false,
): { unmount(): void; connection: Promise<MatchConnection> } {
  const banner = connectionBanner();
  const body = el('div', { class: 'match-body' });
  const coach = tutorial && !projector ? createCoach() : null;
  root.replaceChildren(banner.element, body, ...(coach ? [coach.debrief, coach.element] : []));
  let unsubscribe: (() => void) | null = null;
  let screen: { kind: ScreenKind; screen: Screen } | null = null;
  let gone = false;

  const attach = (connection: MatchConnection) => {
    if (gone) return;
    unsubscribe = connection.subscribe((snapshot) => {
      banner.update(snapshot, () => connection.retry());
      const stage = snapshot.lobby?.stage;
      if (!stage || !snapshot.lobby) {
        if (!screen) body.replaceChildren(el('p', { class: 'status' }, t('match.joining')));
        return;
      }
      const scenario = getScenario(snapshot.lobby.scenario);
      const kind: ScreenKind =
        stage === 'ended' ? 'end' : projector ? 'projector' : stage === 'lobby' ? 'lobby' : 'game';
      if (screen?.kind !== kind) {
        screen?.screen.destroy?.();
        screen = { kind, screen: build(kind, scenario, connection) };
        body.replaceChildren(screen.screen.element);
      }
      screen.screen.update(snapshot);
      coach?.update(snapshot);
    });
  };

  const connection =
    reuse && !projector
      ? Promise.resolve(reuse)
      : new Promise<MatchConnection>((resolve) => {
          const saved = loadCredentials(roomId);
          const open = (nickname: string) =>
            MatchConnection.open(roomId, nickname, projector).then(resolve, (error: unknown) => {
              body.replaceChildren(joinFailed(error));
            });
          // The projector joins as a spectator: it must never show a seat's secrets.
          if (projector) void open('Projector');
          else if (saved?.nickname) void open(saved.nickname);
          else body.replaceChildren(nicknamePrompt(open));
        });
  void connection.then(attach);

  return {
    connection,
    unmount() {
      gone = true;
      unsubscribe?.();
      screen?.screen.destroy?.();
      coach?.destroy();
    },
  };
}

function build(kind: ScreenKind, scenario: Scenario, connection: MatchConnection): Screen {
  switch (kind) {
    case 'lobby':
      return createLobbyScreen(scenario, connection);
    case 'game':
      return createGameScreen(scenario, connection);
    case 'projector':
      return createProjectorScreen(scenario, connection);
    case 'end':
      return createEndScreen(scenario, connection);
  }
}

/** Someone opened a match link on a new browser: ask their name before joining. */
function nicknamePrompt(open: (nickname: string) => Promise<void>): HTMLElement {
  const input = el('input', { id: 'prompt-nickname', maxlength: '24', value: lastNickname() });
  const error = formError();
  const form = el(
    'form',
    { class: 'form card narrow' },
    el('h1', {}, t('match.promptTitle')),
    field(t('home.yourName'), input),
    error.node,
    el('button', { type: 'submit', class: 'button' }, t('home.join.submit')),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const parsed = NicknameSchema.safeParse(input.value);
    if (!parsed.success) return error.show(t('home.badName'));
    rememberNickname(parsed.data);
    void open(parsed.data);
  });
  return form;
}

function joinFailed(error: unknown): HTMLElement {
  const reason = error instanceof Error ? error.message : String(error);
  return el(
    'main',
    { class: 'card narrow', role: 'alert' },
    el('h1', {}, t('match.joinFailed')),
    el('p', {}, /not found|invalid/i.test(reason) ? t('match.noLongerRunning') : reason),
    el(
      'p',
      {},
      el('a', { href: '/', class: 'button' }, t('match.home')),
      ' ',
      el('a', { href: '/archive' }, t('match.finished')),
    ),
  );
}
