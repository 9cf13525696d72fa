import {
  type LegalOption,
  legalCommands,
  PHASE_NAMES,
  type Rider,
  seatBudget,
} from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { optionReason } from '../i18n/problem-words.ts';
import { doneToggle } from './done.ts';
import { createPanel, type Kit, note, section } from './kit.ts';
import { outgoingOffers } from './offers-model.ts';
import {
  blocsToLeave,
  buildOrder,
  buildRiders,
  draftLowers,
  draftOrders,
  homeOf,
  lowerChoices,
  lowerWords,
  type OrderRow,
  offerKinds,
  offerTargets,
  orderRows,
  range,
  riderKinds,
  riderText,
} from './order-rows.ts';
import type { Panel } from './panel.ts';
import {
  actorName,
  actorOptions,
  costWords,
  crisisTitle,
  listWords,
  regionOptions,
} from './words.ts';

function orderRow(kit: Kit, row: OrderRow): HTMLElement {
  const k = (s: string) => `order-${row.sub}:${s}`;
  const head = el(
    'div',
    { class: 'pnl-row__head' },
    el('strong', {}, row.title),
    el('span', { class: 'pnl-hint' }, row.help),
  );
  if (!row.available)
    return el(
      'li',
      { class: 'pnl-row pnl-row--off' },
      head,
      el(
        'p',
        { class: 'pnl-reason' },
        el('span', { class: 'pnl-sr' }, t('ordersPanel.notAvailable')),
        row.reason ?? '',
      ),
    );
  const target = kit.select(k('target'), row.targetLabel, row.targets, {
    redraw: row.sub === 'exercise',
  });
  const partner = kit.value(k('target'));
  return el(
    'li',
    { class: 'pnl-row' },
    head,
    el(
      'div',
      { class: 'pnl-inline' },
      target,
      row.regions
        ? kit.select(`${k('region')}:${partner}`, t('ordersPanel.region'), row.regions, {
            fallback: homeOf(kit.ctx.scenario, partner),
          })
        : null,
      row.amount ? kit.amount(k('amount'), row.amount.label, row.amount) : null,
      kit.action(
        k('add'),
        t('ordersPanel.add'),
        () => {
          const amount = Number(kit.value(k('amount'), String(row.amount?.min ?? 0)));
          const region = kit.value(`${k('region')}:${partner}`, homeOf(kit.ctx.scenario, partner));
          return {
            kind: 'order',
            order: buildOrder(row.sub, kit.value(k('target')), amount, region),
          };
        },
        { aria: `Add: ${row.title}` },
      ),
    ),
  );
}

function offerForm(kit: Kit, option: LegalOption, seat: string): HTMLElement {
  const { scenario } = kit.ctx;
  if (!option.available)
    return el(
      'p',
      { class: 'pnl-reason' },
      el('span', { class: 'pnl-sr' }, t('ordersPanel.notAvailable')),
      optionReason(option, scenario),
    );
  const targets = offerTargets(scenario, kit.state, seat, option);
  const investment =
    option.investment && option.investment.max >= option.investment.min
      ? option.investment
      : undefined;
  const to = kit.select('offer:to', t('ordersPanel.to'), targets, { redraw: true });
  const toId = kit.value('offer:to');
  const kinds = offerKinds(scenario, kit.state, seat, toId, option);
  const what = kit.select(`offer:what:${toId}`, t('ordersPanel.whatYouOffer'), kinds);
  const them = actorName(scenario, toId);
  const sides = [
    { value: seat, label: t('ordersPanel.you') },
    { value: toId, label: them },
  ];
  const riders = riderKinds(option, toId).map((kind) => {
    const key = `offer:rider:${kind}`;
    const on = kit.checked(key);
    const extra = !on
      ? null
      : kind === 'armsSale'
        ? kit.select('offer:seller', t('ordersPanel.whoSells'), sides)
        : kind === 'training'
          ? kit.select('offer:trainer', t('ordersPanel.whoTrains'), sides)
          : kind === 'baseAccess'
            ? kit.select('offer:guest', t('ordersPanel.whoseBaseAbroad'), sides)
            : kind === 'jointExercise'
              ? kit.select(
                  'offer:region',
                  t('ordersPanel.region'),
                  regionOptions(
                    scenario,
                    scenario.regions.map((r) => r.id),
                  ),
                  {
                    fallback: homeOf(scenario, toId),
                  },
                )
              : kind === 'investment' && investment
                ? kit.amount('offer:amount', `Wealth (${range(investment)})`, investment)
                : null;
    return el(
      'li',
      { class: 'pnl-rider' },
      kit.checkbox(key, riderText(kind, option.investment), { redraw: true }),
      extra,
    );
  });
  const canCallFavour = option.favour?.targets.includes(toId) ?? false;
  const rejectCost = costWords(option.favour?.rejectCost);
  const riderKeys = riderKinds(option, toId).map((kind) => `offer:rider:${kind}`);
  return el(
    'div',
    { class: 'pnl-form' },
    el('div', { class: 'pnl-inline' }, to, what),
    el(
      'fieldset',
      { class: 'pnl-fieldset' },
      el('legend', {}, t('ordersPanel.dealsAddedToThe')),
      el('ul', { class: 'pnl-riders' }, ...riders),
    ),
    canCallFavour
      ? kit.checkbox(
          'offer:favour',
          `Call in the favour ${them} owes you (if refused, they pay you ${rejectCost})`,
        )
      : null,
    kit.action(
      'offer:send',
      t('ordersPanel.sendOffer'),
      () => {
        const choice = kit.value(`offer:what:${toId}`, 'riders');
        const chosen = riderKinds(option, toId).filter((kind) =>
          kit.checked(`offer:rider:${kind}`),
        );
        const riders: Rider[] = buildRiders(
          chosen,
          {
            seller: kit.value('offer:seller', seat),
            trainer: kit.value('offer:trainer', seat),
            guest: kit.value('offer:guest', seat),
            region: kit.value('offer:region', homeOf(scenario, toId)),
            amount: Number(kit.value('offer:amount', String(investment?.min ?? 0))),
          },
          investment,
        );
        const bloc = choice.startsWith('join:') ? choice.slice(5) : undefined;
        return {
          kind: 'offer',
          to: toId,
          raise: choice === 'raise',
          riders,
          favour: canCallFavour && kit.checked('offer:favour'),
          ...(bloc ? { bloc } : {}),
        };
      },
      {
        small: false,
        reset: [...riderKeys, 'offer:favour'],
        // The spoken name starts with the visible label (WCAG 2.5.3, label in name).
        aria: `${t('ordersPanel.sendOffer')}: ${them} (${costWords(option.cost)})`,
      },
    ),
  );
}

function inviteForm(kit: Kit, option: LegalOption, seat: string): HTMLElement {
  const { scenario } = kit.ctx;
  const sub = option.sub as 'summit' | 'brics' | 'drill' | 'mediation' | 'bloc';
  const lever = scenario.actors.find((a) => a.id === seat)?.seat?.lever;
  const title = lever?.label ?? t('ordersPanel.invitation');
  const k = (s: string) => `invite-${sub}:${s}`;
  if (!option.available)
    return el(
      'div',
      { class: 'pnl-row pnl-row--off' },
      el('strong', {}, title),
      el('p', { class: 'pnl-reason' }, optionReason(option, scenario)),
    );
  if (sub === 'bloc') {
    const blocs = lever?.kind === 'invitesBloc' ? lever.blocs : [];
    const crisis = kit.select(
      k('crisis'),
      t('ordersPanel.crisis'),
      option.targets.map((uid) => ({
        value: uid,
        label: crisisTitle(scenario, kit.state.crises, uid),
      })),
    );
    const bloc = kit.select(
      k('bloc'),
      t('ordersPanel.bloc'),
      blocs.map((b) => ({
        value: b,
        label: scenario.institutions.find((i) => i.id === b)?.name ?? b,
      })),
    );
    return el(
      'div',
      { class: 'pnl-row' },
      el('strong', {}, title),
      el(
        'div',
        { class: 'pnl-inline' },
        crisis,
        bloc,
        kit.action(k('send'), t('ordersPanel.invite'), () => {
          const b = kit.value(k('bloc'));
          const leader = scenario.institutions.find((i) => i.id === b)?.leader ?? '';
          return {
            kind: 'invite',
            invitation: 'bloc',
            invitees: [leader],
            crisis: kit.value(k('crisis')),
            bloc: b,
          };
        }),
      ),
    );
  }
  const mediationCrises = (option.crises ?? []).map((uid) => ({
    value: uid,
    label: crisisTitle(scenario, kit.state.crises, uid),
  }));
  const invitees = option.invitees ?? { min: 1, max: option.targets.length };
  const people = actorOptions(scenario, option.targets);
  const chosen = () => people.filter((p) => kit.checked(k(`who:${p.value}`))).map((p) => p.value);
  return el(
    'div',
    { class: 'pnl-row' },
    el('strong', {}, title),
    sub === 'mediation' ? kit.select(k('crisis'), t('ordersPanel.crisis'), mediationCrises) : null,
    el(
      'details',
      { class: 'pnl-details' },
      el('summary', {}, `Choose whom to invite (${range(invitees)})`),
      el(
        'ul',
        { class: 'pnl-riders' },
        ...people.map((p) => el('li', {}, kit.checkbox(k(`who:${p.value}`), p.label))),
      ),
    ),
    kit.action(
      k('send'),
      t('ordersPanel.sendInvitation'),
      () => {
        const invitees = chosen();
        if (invitees.length === 0) return null;
        return {
          kind: 'invite',
          invitation: sub,
          invitees,
          ...(sub === 'mediation' ? { crisis: kit.value(k('crisis')) } : {}),
        };
      },
      {
        reset: people.map((p) => k(`who:${p.value}`)),
        aria: `${title}: send the invitation (${costWords(option.cost)})`,
      },
    ),
  );
}

/** Orders, offers, lowers and invitations for the Negotiate phase, with the engine's reasons for what is not possible; and the done toggle. */
export function createOrdersPanel(): Panel {
  return createPanel('orders', t('ordersPanel.ordersAndOffers'), (kit) => {
    const { scenario, seat } = kit.ctx;
    const state = kit.state;
    if (!seat) return [note(t('ordersPanel.youAreWatchingOrders'))];
    const options = legalCommands(scenario, state, seat);
    const holdsCards =
      scenario.actors.find((a) => a.id === seat)?.seat?.lever?.kind === 'holdsCards';
    // Preparing cards is a lever of a few seats: the others never see that row.
    const rows = orderRows(scenario, state, options).filter(
      (r) => r.sub !== 'prepare' || r.available || holdsCards,
    );
    const offer = options.find((o) => o.kind === 'offer');
    const lower = options.find((o) => o.kind === 'lower');
    const invites = options.filter((o) => o.kind === 'invite');
    const canDone = options.some((o) => o.kind === 'done');
    const negotiating = rows.length > 0 || offer !== undefined;
    const budget = seatBudget(scenario, state, seat);
    const apLeft = Math.max(0, budget.actionPoints.max - budget.actionPoints.used);
    const orders = draftOrders(scenario, state, seat);
    const lowers = draftLowers(scenario, state, seat);
    const leave = blocsToLeave(scenario, lower);
    const cancellable = new Set(options.find((o) => o.kind === 'cancelOrder')?.targets ?? []);
    const withdrawable = new Set(options.find((o) => o.kind === 'withdrawOffer')?.targets ?? []);
    const uncancel = options.find((o) => o.kind === 'cancelLower');
    const undoCost = (kind: string) => costWords(options.find((o) => o.kind === kind)?.cost);
    const orderCost = costWords(options.find((o) => o.kind === 'order')?.cost);

    const out: (HTMLElement | null)[] = [
      el(
        'p',
        { class: 'pnl-lead' },
        `${PHASE_NAMES[state.phase]} · round ${state.round}. `,
        el('strong', {}, `${apLeft} of ${budget.actionPoints.max} action points left`),
        `; Wealth planned ${budget.wealth.planned} of ${budget.wealth.have}.`,
      ),
    ];
    if (!negotiating)
      out.push(
        note(
          state.phase === 'ended'
            ? 'The match is over.'
            : `Orders and offers are made in the Negotiate & Commit phase. Now: ${PHASE_NAMES[state.phase]}.`,
        ),
      );
    const sent = outgoingOffers(scenario, state, seat);
    const invited = state.invitations.filter((i) => i.from === seat);
    if (orders.length > 0 || lowers.length > 0 || sent.length > 0 || invited.length > 0)
      out.push(
        section(
          state.phase === 'resolution' ? 'Your orders this round' : 'Your plan this round',
          el(
            'ul',
            { class: 'pnl-items' },
            ...orders.map((o) =>
              el(
                'li',
                { class: 'pnl-plan' },
                el('span', {}, o.words),
                cancellable.has(String(o.index))
                  ? kit.action(
                      `cancel-order:${o.index}:${o.words}`,
                      t('ordersPanel.cancel'),
                      () => ({ kind: 'cancelOrder', index: o.index }),
                      {
                        ghost: true,
                        aria: `Cancel: ${o.words} (${undoCost('cancelOrder')})`,
                      },
                    )
                  : null,
              ),
            ),
            ...sent.map((o) =>
              el(
                'li',
                { class: 'pnl-plan' },
                el(
                  'span',
                  {},
                  `Offer ${o.title.toLowerCase().startsWith('to ') ? o.title.replace(/^To/, 'to') : o.title}: ${o.words}`,
                ),
                withdrawable.has(o.id)
                  ? kit.action(
                      `withdraw:${o.id}`,
                      t('ordersPanel.withdraw'),
                      () => ({ kind: 'withdrawOffer', offer: o.id }),
                      {
                        ghost: true,
                        aria: `Withdraw the offer ${o.title.toLowerCase()} (${undoCost('withdrawOffer')})`,
                      },
                    )
                  : null,
              ),
            ),
            ...invited.map((i) =>
              el(
                'li',
                { class: 'pnl-plan' },
                el(
                  'span',
                  {},
                  `Invitation (${i.kind}) to ${listWords(i.invitees.map((id) => actorName(scenario, id)))}`,
                ),
              ),
            ),
            ...lowers.map((l) =>
              el(
                'li',
                { class: 'pnl-plan' },
                el('span', {}, l.words),
                uncancel?.targets.includes(l.partner)
                  ? kit.action(
                      `cancel-lower:${l.partner}`,
                      t('ordersPanel.cancel'),
                      () => ({ kind: 'cancelLower', partner: l.partner }),
                      {
                        ghost: true,
                        aria: `Cancel: ${l.words}`,
                      },
                    )
                  : null,
              ),
            ),
          ),
        ),
      );
    if (rows.length > 0)
      out.push(
        section(
          `Orders (${orderCost} each)`,
          el('ul', { class: 'pnl-rows' }, ...rows.map((r) => orderRow(kit, r))),
        ),
      );
    if (offer)
      out.push(section(`Make an offer (${costWords(offer.cost)})`, offerForm(kit, offer, seat)));
    if (lower) {
      const choices = lowerChoices(scenario, lower);
      // The select first: it settles which tie is chosen (a stored choice may have gone).
      const select = lower.available
        ? kit.select('lower:partner', t('ordersPanel.tie'), choices, { redraw: true })
        : null;
      const partner = kit.value('lower:partner');
      const effect = lower.lowers?.[partner];
      out.push(
        section(
          t('ordersPanel.lowerATie'),
          lower.available
            ? el(
                'div',
                { class: 'pnl-inline' },
                select,
                kit.action('lower:go', t('ordersPanel.lower'), () => ({
                  kind: 'lower',
                  partner: kit.value('lower:partner'),
                })),
              )
            : el('p', { class: 'pnl-reason' }, optionReason(lower, scenario)),
          lower.available && effect ? note(lowerWords(scenario, partner, effect)) : null,
          ...leave.map((b) =>
            el(
              'div',
              { class: 'pnl-plan' },
              el('span', {}, b.words),
              kit.action(
                `leave:${b.bloc}`,
                t('ordersPanel.leave'),
                () => ({ kind: 'lower', partner: b.leader, bloc: b.bloc }),
                {
                  ghost: true,
                },
              ),
            ),
          ),
        ),
      );
    }
    if (invites.length > 0)
      out.push(
        section(
          `Invitations (${costWords(invites[0]!.cost)})`,
          ...invites.map((o) => inviteForm(kit, o, seat)),
        ),
      );
    out.push(doneToggle(kit, canDone));
    return out;
  });
}
