import { CHAT_MAX_LENGTH, type ChatMessage, type Scenario } from '@entanglement/shared';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { refusalText } from '../i18n/problem-words.ts';
import type { MatchConnection, MatchSnapshot } from '../net/match-connection.ts';

/**
 * The chat box: public, team and private lines. Text is untrusted and is only
 * ever put in text nodes. Spectators read public lines; writing needs a seat
 * (or the host token, public only), as the server enforces.
 */
export function createChat(scenario: Scenario, connection: MatchConnection) {
  const actorName = (id: string) => scenario.actors.find((a) => a.id === id)?.name ?? id;
  const log = el('ol', {
    class: 'chat__log',
    'aria-live': 'polite',
    'aria-label': t('chat.chatMessages'),
  });
  const channel = el('select', { class: 'chat__channel', 'aria-label': t('chat.sendTo') });
  const input = el('input', {
    class: 'chat__input',
    maxlength: String(CHAT_MAX_LENGTH),
    placeholder: t('chat.writeAMessage'),
    'aria-label': 'Message',
  });
  const error = el('p', { class: 'form-error', role: 'alert', hidden: '' });
  const form = el(
    'form',
    { class: 'chat__form' },
    channel,
    input,
    el('button', { type: 'submit', class: 'button button--small' }, 'Send'),
  );
  const note = el('p', { class: 'hint', hidden: '' }, t('chat.spectatorsReadThePublic'));
  // Told before anyone writes: team and private lines are private during the match only.
  const privacy = el(
    'p',
    { class: 'hint chat__privacy', 'data-testid': 'chat-privacy' },
    t('chat.afterTheMatchThe'),
  );
  const element = el(
    'section',
    { class: 'panel chat', 'aria-label': 'Chat' },
    el('h2', {}, 'Chat'),
    privacy,
    log,
    form,
    error,
    note,
  );
  let lastSeq = 0;
  let shown = new Set<number>();
  let channelsKey = '';
  let lastError: unknown = null;

  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (!text) return;
    const [kind, to] = channel.value.split(':') as ['public' | 'team' | 'private', string?];
    connection.chat(kind, text, to);
    input.value = '';
    error.hidden = true;
  });

  const line = (m: ChatMessage) => {
    // Lines from before a server restart come back without their writer's nickname.
    const who =
      m.from === 'host'
        ? `${m.nickname || t('chat.theHost')} (host)`
        : m.nickname
          ? `${m.nickname} · ${actorName(m.from)}`
          : actorName(m.from);
    const where =
      m.channel === 'private'
        ? ` → ${actorName(m.to ?? '')} (private)`
        : m.channel === 'team'
          ? ' (team)'
          : '';
    return el(
      'li',
      { class: `chat__line chat__line--${m.channel}` },
      el('span', { class: 'chat__who' }, who + where),
      ' ',
      el('span', { class: 'chat__text' }, m.text),
    );
  };

  return {
    element,
    update(s: MatchSnapshot) {
      const canWrite = s.seat !== null || s.isHost;
      form.hidden = !canWrite;
      note.hidden = canWrite;
      const seats = s.lobby?.seats.map((x) => x.seat) ?? [];
      const key = `${s.seat}|${seats.join(',')}`;
      if (key !== channelsKey) {
        channelsKey = key;
        const options: [string, string][] = [['public', 'Everyone']];
        if (s.seat) {
          options.push(['team', t('chat.myTeam')]);
          for (const other of seats)
            if (other !== s.seat)
              options.push([`private:${other}`, `Private: ${actorName(other)}`]);
        }
        const keep = channel.value;
        channel.replaceChildren(...options.map(([v, l]) => el('option', { value: v }, l)));
        if (options.some(([v]) => v === keep)) channel.value = keep;
      }
      const atBottom = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
      // History can bring back lines older than those shown (a seat's team lines after its public
      // ones): then the log is drawn again in the match's order.
      if (s.chat.some((m) => m.seq < lastSeq && !shown.has(m.seq))) {
        log.replaceChildren(...s.chat.map(line));
        shown = new Set(s.chat.map((m) => m.seq));
        lastSeq = s.chat.at(-1)?.seq ?? 0;
      } else
        for (const m of s.chat) {
          if (m.seq <= lastSeq) continue;
          log.append(line(m));
          shown.add(m.seq);
          lastSeq = m.seq;
        }
      if (atBottom) log.scrollTop = log.scrollHeight;
      if (s.lastError !== lastError) {
        lastError = s.lastError;
        if (s.lastError?.type === 'chat') {
          error.textContent = refusalText(s.lastError, scenario);
          error.hidden = false;
        }
      }
    },
  };
}
