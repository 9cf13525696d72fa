import type { Phase, Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { createAwayNotice } from '../game/away-notice.ts';
import { createChat } from '../game/chat.ts';
import { createHostControls } from '../game/host-controls.ts';
import { createMapSlot } from '../game/map-slot.ts';
import { createNowLine } from '../game/now-line.ts';
import { createReflections } from '../game/reflections.ts';
import { createNotice, createSeatRequest } from '../game/seat-request.ts';
import { createStatusBar } from '../game/status-bar.ts';
import { createSubmissions } from '../game/submissions.ts';
import { createTabs } from '../game/tabs.ts';
import { t } from '../i18n/index.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';
import { createAccountPanel } from '../panels/account.ts';
import { createCrisisPanel } from '../panels/crisis.ts';
import { createOffersPanel } from '../panels/offers.ts';
import { createOrdersPanel } from '../panels/orders.ts';
import type { Panel, PanelContext } from '../panels/panel.ts';
import { createTracksPanel } from '../panels/tracks.ts';
import type { Screen } from './screen.ts';

/** The tab each phase opens on: where the decision of that phase is made. */
const TAB_FOR_PHASE: Record<Phase, string> = {
  news: 'crises',
  diplomacy: 'orders',
  responses: 'offers',
  calls: 'crises',
  resolution: 'account',
  ended: 'account',
};

/**
 * The match in play: the map, the status bar, and the panels in tabs (the
 * seat's tracks, orders, offers, crises, the round's account, chat, who is
 * done and, for the host, the host controls).
 */
export function createGameScreen(scenario: Scenario, connection: MatchConnection): Screen {
  const status = createStatusBar(scenario);
  const now = createNowLine(scenario);
  const map = createMapSlot(scenario);
  const panels: Record<string, Panel> = {
    me: createTracksPanel(),
    orders: createOrdersPanel(),
    offers: createOffersPanel(),
    crises: createCrisisPanel(),
    account: createAccountPanel(),
  };
  const chat = createChat(scenario, connection);
  const submissions = createSubmissions(scenario);
  const host = createHostControls(scenario, connection);
  const reflections = createReflections(connection);
  const notice = createNotice(connection);
  const awayNotice = createAwayNotice(connection);
  const seatRequest = createSeatRequest(scenario, connection);
  const tabs = createTabs([
    { id: 'orders', label: t('tabs.orders'), content: panels.orders!.element },
    { id: 'offers', label: t('tabs.offers'), content: panels.offers!.element },
    { id: 'crises', label: t('tabs.crises'), content: panels.crises!.element },
    { id: 'me', label: t('tabs.me'), content: panels.me!.element },
    { id: 'account', label: t('tabs.account'), content: panels.account!.element },
    { id: 'chat', label: t('tabs.chat'), content: chat.element },
    { id: 'done', label: t('tabs.done'), content: submissions.element },
    { id: 'host', label: t('tabs.host'), content: host.element },
  ]);
  const element = el(
    'div',
    { class: 'game' },
    el(
      'div',
      { class: 'game__top' },
      status.element,
      now.element,
      notice.element,
      awayNotice.element,
    ),
    now.goals,
    el('div', { class: 'game__map' }, map.element),
    el(
      'aside',
      { class: 'game__side', 'aria-label': t('tabs.panels') },
      reflections.element,
      seatRequest.element,
      tabs.element,
    ),
  );
  let phaseShown: string | null = null;
  let chatSeen = 0;

  const send: PanelContext['send'] = (intent) => connection.command(intent);

  return {
    element,
    update(s: MatchSnapshot) {
      status.update(s);
      now.update(s);
      reflections.update(s);
      notice.update(s);
      awayNotice.update(s);
      seatRequest.update(s);
      const hostTab = element.querySelector<HTMLElement>('[data-tab="host"]');
      if (hostTab) hostTab.hidden = !s.isHost;
      const view = s.view;
      if (!view) return;
      const context: PanelContext = { scenario, view, seat: s.seat, send };
      for (const panel of Object.values(panels)) panel.update(context);
      map.update(view);
      chat.update(s);
      submissions.update(s);
      if (s.isHost) host.update(s);
      const phaseKey = `${view.round}:${view.phase}`;
      if (phaseKey !== phaseShown) {
        phaseShown = phaseKey;
        if (tabs.current !== 'chat' && tabs.current !== 'host')
          tabs.select(TAB_FOR_PHASE[view.phase]);
      }
      if (tabs.current === 'chat') chatSeen = s.chat.length;
      tabs.badge('chat', Math.max(0, s.chat.length - chatSeen));
      tabs.badge(
        'offers',
        view.offers.filter((o) => o.to === s.seat && o.answer === null && !o.withdrawn).length,
      );
    },
    destroy() {
      status.destroy();
      map.destroy();
    },
  };
}
