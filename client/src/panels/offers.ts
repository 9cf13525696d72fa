import { legalCommands } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { doneToggle } from './done.ts';
import { createPanel, note, section } from './kit.ts';
import { incomingOffers, invitationsTo, outgoingOffers } from './offers-model.ts';
import type { Panel } from './panel.ts';
import { costWords } from './words.ts';

/** Offers to the seat (accept or reject), its own offers (withdraw) and invitations to it (accept or decline). */
export function createOffersPanel(): Panel {
  return createPanel('offers', 'Offers', (kit) => {
    const { scenario, seat } = kit.ctx;
    if (!seat) return [note(t('offersPanel.offersArePrivateBetween'))];
    const state = kit.state;
    const options = legalCommands(scenario, state, seat);
    const respond = options.find((o) => o.kind === 'respond');
    const canRespond = respond !== undefined;
    const rejectCost = (id: string) => {
      const cost = respond?.rejectCosts?.[id];
      return cost ? ` (costs you ${costWords(cost)})` : '';
    };
    const withdrawable = new Set(options.find((o) => o.kind === 'withdrawOffer')?.targets ?? []);
    const withdrawCost = costWords(options.find((o) => o.kind === 'withdrawOffer')?.cost);
    const canAnswerInvitation = options.some((o) => o.kind === 'respondInvitation');
    const incoming = incomingOffers(scenario, state, seat);
    const outgoing = outgoingOffers(scenario, state, seat);
    const invitations = invitationsTo(scenario, state, seat);
    const when = state.settings.pace === 'full' ? 'in the Responses phase' : 'while negotiating';

    const item = (
      title: string,
      words: string,
      status: string,
      ...actions: (HTMLElement | null)[]
    ) =>
      el(
        'li',
        { class: 'pnl-item' },
        el('p', { class: 'pnl-item__title' }, title),
        el('p', {}, words),
        el('p', { class: 'pnl-now' }, status),
        el('div', { class: 'pnl-inline' }, ...actions),
      );

    return [
      section(
        t('offersPanel.offersToYou'),
        incoming.length === 0
          ? note(t('offersPanel.noOffersToYou'))
          : el(
              'ul',
              { class: 'pnl-items' },
              ...incoming.map((o) =>
                item(
                  o.title,
                  o.words,
                  o.status,
                  canRespond
                    ? kit.action(
                        `accept:${o.id}`,
                        'Accept',
                        () => ({ kind: 'respond', offer: o.id, accept: true }),
                        {
                          pressed: o.answer === true,
                          aria: `Accept the offer ${o.title.toLowerCase()}`,
                        },
                      )
                    : null,
                  canRespond
                    ? kit.action(
                        `reject:${o.id}`,
                        'Reject',
                        () => ({ kind: 'respond', offer: o.id, accept: false }),
                        {
                          ghost: true,
                          pressed: o.answer === false,
                          aria: `Reject the offer ${o.title.toLowerCase()}${rejectCost(o.id)}`,
                        },
                      )
                    : null,
                ),
              ),
            ),
        incoming.length > 0 && !canRespond ? note(`You answer offers ${when}.`) : null,
      ),
      section(
        t('offersPanel.yourOffers'),
        outgoing.length === 0
          ? note(t('offersPanel.youHaveSentNo'))
          : el(
              'ul',
              { class: 'pnl-items' },
              ...outgoing.map((o) =>
                item(
                  o.title,
                  o.words,
                  o.status,
                  withdrawable.has(o.id)
                    ? kit.action(
                        `withdraw:${o.id}`,
                        'Withdraw',
                        () => ({ kind: 'withdrawOffer', offer: o.id }),
                        {
                          ghost: true,
                          aria: `Withdraw your offer ${o.title.toLowerCase()} (${withdrawCost})`,
                        },
                      )
                    : null,
                ),
              ),
            ),
      ),
      invitations.length > 0
        ? section(
            t('offersPanel.invitationsToYou'),
            el(
              'ul',
              { class: 'pnl-items' },
              ...invitations.map((i) =>
                item(
                  i.title,
                  i.words,
                  i.status,
                  canAnswerInvitation
                    ? kit.action(
                        `inv-yes:${i.id}`,
                        'Accept',
                        () => ({ kind: 'respondInvitation', invitation: i.id, accept: true }),
                        {
                          pressed: i.accepted === true,
                        },
                      )
                    : null,
                  canAnswerInvitation
                    ? kit.action(
                        `inv-no:${i.id}`,
                        'Decline',
                        () => ({ kind: 'respondInvitation', invitation: i.id, accept: false }),
                        {
                          ghost: true,
                          pressed: i.accepted === false,
                        },
                      )
                    : null,
                ),
              ),
            ),
            canAnswerInvitation ? null : note(`You answer invitations ${when}.`),
          )
        : null,
      // The ready button lives here where answering is all a seat does (Responses, at full pace).
      canRespond && !options.some((o) => o.kind === 'order')
        ? doneToggle(
            kit,
            options.some((o) => o.kind === 'done'),
          )
        : null,
    ];
  });
}
