import type { AnswerCost } from '@entanglement/shared';
import { ctxOf, legalCommands } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import {
  ANSWER_LABELS,
  type CrisisView,
  crisisViews,
  instigateWords,
  mandateWords,
} from './crisis-model.ts';
import { doneToggle } from './done.ts';
import { createPanel, type Kit, note } from './kit.ts';
import type { Panel } from './panel.ts';

/** A vote's word, looked up when drawn (the language can change). */
const voteWord = (vote: 'yes' | 'abstain' | 'veto') => t(`crisisPanel.${vote}`);

function callBlock(kit: Kit, c: CrisisView): HTMLElement | null {
  const call = c.call;
  if (!call) return null;
  const k = (s: string) => `${c.uid}:${s}`;
  const option = call.option;
  const children: (Node | null)[] = [
    el('p', {}, el('strong', {}, call.who), ' ', call.side, ' ', call.stake),
    call.treaty
      ? el(
          'p',
          { class: 'pnl-alert pnl-alert--abandonment' },
          el('span', { 'aria-hidden': 'true' }, '⚠ '),
          t('crisisPanel.thisIsATreaty'),
        )
      : call.asked
        ? el('p', { class: 'pnl-now' }, t('crisisPanel.yourTreatyAllyAsks'))
        : null,
    el(
      'p',
      { class: 'pnl-now' },
      call.current ? `Your answer now: ${call.current}.` : t('crisisPanel.youHaveNotAnswered'),
    ),
    call.silent ? note(call.silent) : null,
  ];
  if (option) {
    const powerRange = option.amount ?? { min: 0, max: 0 };
    const wealthRange = option.wealth ?? { min: 0, max: 0 };
    const least = option.honourMin ?? { power: 0, wealth: 0 };
    // Offered first: the least an honour takes, in Power if the seat has it, else in Wealth.
    const byPower = powerRange.max >= least.power;
    const gives = el(
      'div',
      { class: 'pnl-inline' },
      kit.amount(k('power'), t('crisisPanel.powerToCommit'), powerRange, {
        fallback: String(byPower ? least.power : powerRange.min),
      }),
      kit.amount(k('wealth'), t('crisisPanel.wealthToCommit'), wealthRange, {
        fallback: String(byPower ? wealthRange.min : Math.min(least.wealth, wealthRange.max)),
      }),
      call.sides.length > 1 ? kit.select(k('side'), t('crisisPanel.side'), call.sides) : null,
    );
    const answers = (option.answers ?? []).map((kind) => {
      const cost = call.costs.find((x: AnswerCost) => x.kind === kind);
      const honours = kind === 'honour' || kind === 'honourIfPressed';
      return el(
        'li',
        { class: `pnl-answer pnl-answer--${kind}` },
        kit.action(
          k(`answer-${kind}`),
          ANSWER_LABELS[kind],
          () => {
            const side =
              call.sides.length > 1 ? (kit.value(k('side')) as 'attack' | 'defence') : undefined;
            const power = honours ? Number(kit.value(k('power'), '0')) || 0 : 0;
            const wealth = honours ? Number(kit.value(k('wealth'), '0')) || 0 : 0;
            return {
              kind: 'answer',
              crisis: c.uid,
              answer: {
                kind,
                power,
                wealth,
                ...(side && kind !== 'hedge' && kind !== 'abandon' ? { side } : {}),
              },
            };
          },
          { pressed: call.currentKind === kind, aria: `${ANSWER_LABELS[kind]} in ${c.title}` },
        ),
        el(
          'span',
          { class: 'pnl-cost' },
          honours && call.stake === 'low'
            ? el(
                'span',
                { class: 'pnl-tag pnl-tag--entrapment' },
                el('span', { 'aria-hidden': 'true' }, '∞ '),
                'Entrapment. ',
              )
            : null,
          kind === 'abandon'
            ? el(
                'span',
                { class: 'pnl-tag pnl-tag--abandonment' },
                el('span', { 'aria-hidden': 'true' }, '⚠ '),
                'Abandonment. ',
              )
            : null,
          cost ? capital(cost.words.replace(/^[^:]+: /, '')) : '',
        ),
      );
    });
    children.push(
      el('p', { class: 'pnl-note' }, t('crisisPanel.powerAndWealthCount')),
      gives,
      el('ul', { class: 'pnl-answers' }, ...answers),
    );
  } else children.push(note(`Answers to calls are given in the ${call.answeredIn} phase.`));
  return el(
    'div',
    { class: 'pnl-call' },
    el('h4', { class: 'pnl-minor' }, t('crisisPanel.yourCall')),
    ...children,
  );
}

function instigateBlock(kit: Kit, c: CrisisView): HTMLElement | null {
  if (!c.instigate) return null;
  const k = (s: string) => `${c.uid}:${s}`;
  const press = c.instigate.option.amount ?? { min: 1, max: 0 };
  const canPress = press.max >= press.min;
  return el(
    'div',
    { class: 'pnl-call' },
    el('h4', { class: 'pnl-minor' }, t('crisisPanel.youStartedThisCrisis')),
    note(instigateWords()),
    el(
      'p',
      { class: 'pnl-now' },
      c.instigate.current
        ? `Your choice now: ${c.instigate.current}.`
        : t('crisisPanel.notDecidedYetIf'),
    ),
    el(
      'div',
      { class: 'pnl-inline' },
      canPress
        ? kit.amount(k('press'), t('crisisPanel.powerToPressWith'), press)
        : note(t('crisisPanel.youHaveNoFree')),
      kit.action(
        k('press-go'),
        t('crisisPanel.press'),
        () => ({
          kind: 'instigate',
          crisis: c.uid,
          press: true,
          power: Number(kit.value(k('press'), String(press.min))) || press.min,
        }),
        {
          disabled: !canPress,
          pressed: c.instigate.pressing === true,
          aria: `Press in ${c.title}`,
        },
      ),
      kit.action(
        k('hold'),
        t('crisisPanel.hold'),
        () => ({ kind: 'instigate', crisis: c.uid, press: false, power: 0 }),
        {
          pressed: c.instigate.pressing === false,
          aria: `Hold in ${c.title}`,
        },
      ),
    ),
  );
}

function voteBlock(kit: Kit, c: CrisisView): HTMLElement | null {
  const parts: HTMLElement[] = [];
  if (c.voteOption) {
    // The engine lists the votes this seat may cast: a veto only for a permanent member.
    const votes = c.voteOption.votes ?? [];
    const vetoCost = c.voteOption.voteCosts?.veto?.reputation ?? 0;
    parts.push(
      el('h4', { class: 'pnl-minor' }, t('crisisPanel.yourSecurityCouncilVote')),
      el(
        'p',
        { class: 'pnl-now' },
        c.myVote
          ? t('crisisPanel.youVote', { vote: voteWord(c.myVote as 'yes' | 'abstain' | 'veto') })
          : t('crisisPanel.notVotedYetSilence'),
      ),
      el(
        'div',
        { class: 'pnl-inline' },
        ...votes.map((v) =>
          kit.action(
            k(c, `vote-${v}`),
            voteWord(v),
            () => ({ kind: 'vote', crisis: c.uid, vote: v }),
            {
              ghost: v !== 'yes',
              pressed: c.myVote === v,
            },
          ),
        ),
      ),
      note(
        !votes.includes('veto')
          ? `An elected member has no veto: ${ctxOf(kit.ctx.scenario).councilYes} yes votes and no permanent member’s veto pass a mandate.`
          : vetoCost === 0
            ? t('crisisPanel.youHoldAFree')
            : `A veto costs ${vetoCost} Reputation.`,
      ),
    );
  }
  if (c.mandateOption) {
    const chosen = kit.value(k(c, 'mandate-chosen'));
    parts.push(
      el('h4', { class: 'pnl-minor' }, t('crisisPanel.howYouUseThe')),
      note(
        chosen
          ? `You chose: ${mandateWords(chosen as 'limit' | 'stretch' | 'standDown')[0]}.`
          : t('crisisPanel.ifYouSayNothing'),
      ),
      el(
        'ul',
        { class: 'pnl-answers' },
        ...(c.mandateOption.choices ?? []).map((m) =>
          el(
            'li',
            { class: 'pnl-answer' },
            kit.action(
              k(c, `mandate-${m}`),
              mandateWords(m)[0],
              () => {
                kit.set(k(c, 'mandate-chosen'), m);
                return { kind: 'mandate', crisis: c.uid, choice: m };
              },
              { pressed: chosen === m },
            ),
            el('span', { class: 'pnl-cost' }, mandateWords(m)[1]),
          ),
        ),
      ),
    );
  }
  return parts.length > 0 ? el('div', { class: 'pnl-call' }, ...parts) : null;
}

const k = (c: CrisisView, s: string) => `${c.uid}:${s}`;

/** Every live crisis: its card, who is involved, severity; the seat's call with each answer's cost in words; Press or Hold, votes and the mandate. */
export function createCrisisPanel(): Panel {
  return createPanel('crisis', t('crisisPanel.crises'), (kit) => {
    const { scenario, seat } = kit.ctx;
    const options = seat ? legalCommands(scenario, kit.state, seat) : [];
    const views = crisisViews(scenario, kit.state, seat, options);
    const done =
      // The ready button is here too wherever the seat neither negotiates nor answers offers (Briefing, Crisis calls, Resolution).
      !options.some((o) => o.kind === 'order' || o.kind === 'respond')
        ? doneToggle(
            kit,
            options.some((o) => o.kind === 'done'),
          )
        : null;
    if (views.length === 0) return [note(t('crisisPanel.noCrisisIsLive')), done];
    const cards = views.map((c) =>
      el(
        'article',
        { class: `pnl-crisis${c.call ? ' pnl-crisis--called' : ''}`, 'aria-label': c.title },
        el(
          'h3',
          { class: 'pnl-crisis__title' },
          c.title,
          el('span', { class: 'pnl-hint' }, ` ${c.year} · ${c.region}`),
        ),
        el('p', { class: 'pnl-crisis__who' }, c.who, c.severity ? ` ${c.severity}` : ''),
        el('p', { class: 'pnl-crisis__news' }, c.news),
        callBlock(kit, c),
        instigateBlock(kit, c),
        voteBlock(kit, c),
      ),
    );
    return [...cards, done];
  });
}

function capital(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
