import { renderSVG } from 'uqr';
import { el } from '../dom.ts';
import { t } from '../i18n/index.ts';
import { carryLink, keepCarried, readCarried } from '../net/carry.ts';
import { allCredentials } from '../net/credentials.ts';
import { navigate } from '../router.ts';

/**
 * "Take my matches to another device" (on My matches and the archive): a
 * link and its QR code that carry this browser's host tokens and seat
 * passes, shown only when asked for, with what it gives whoever opens it.
 */
export function carryOutPanel(): HTMLElement {
  const show = el('button', { type: 'button', class: 'button button--ghost' }, t('carry.out.show'));
  const panel = el('section', { class: 'card carry', 'aria-label': t('carry.out.title') });
  const reveal = () => {
    const held = allCredentials();
    if (held.length === 0) {
      panel.replaceChildren(el('p', {}, t('carry.out.nothing')));
      return;
    }
    const link = carryLink(window.location.origin, held);
    const field = el('input', {
      type: 'text',
      readonly: 'readonly',
      value: link,
      'aria-label': t('carry.out.link'),
      'data-testid': 'carry-link',
    }) as HTMLInputElement;
    const copy = el('button', { type: 'button', class: 'button' }, t('carry.out.copy'));
    copy.addEventListener('click', () => {
      field.select();
      void navigator.clipboard?.writeText(link).then(
        () => {
          copy.textContent = t('carry.out.copied');
        },
        () => undefined,
      );
    });
    const svg = renderSVG(link, { ecc: 'L', border: 2 });
    panel.replaceChildren(
      el('h2', {}, t('carry.out.title')),
      el(
        'p',
        { class: 'carry__warning', role: 'note' },
        t('carry.out.warning', { count: held.length }),
      ),
      el('div', { class: 'form-row' }, field, copy),
      el('img', {
        class: 'carry__qr',
        alt: t('carry.out.qr'),
        src: `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`,
      }),
    );
  };
  show.addEventListener('click', reveal);
  panel.replaceChildren(show);
  return panel;
}

/**
 * The page a carry link opens: it reads the fragment, takes it out of the
 * address bar and history at once, and keeps the matches only when the
 * person says so.
 */
export function renderCarry(root: HTMLElement): void {
  const carried = readCarried(window.location.hash);
  history.replaceState(null, '', '/carry');
  const home = el(
    'button',
    { type: 'button', class: 'button button--ghost' },
    t('carry.in.cancel'),
  );
  home.addEventListener('click', () => navigate({ page: 'home' }));
  if (!carried) {
    root.replaceChildren(
      el(
        'main',
        { class: 'card narrow' },
        el('h1', {}, t('carry.in.title')),
        el('p', { class: 'status status--error', role: 'alert' }, t('carry.in.broken')),
        home,
      ),
    );
    return;
  }
  const hosted = carried.filter((c) => c.hostToken).length;
  const seats = carried.filter((c) => c.seatToken).length;
  const keep = el('button', { type: 'button', class: 'button' }, t('carry.in.keep'));
  keep.addEventListener('click', () => {
    keepCarried(carried);
    navigate({ page: 'mine' }, true);
  });
  root.replaceChildren(
    el(
      'main',
      { class: 'card narrow' },
      el('h1', {}, t('carry.in.title')),
      el('p', {}, t('carry.in.summary', { count: carried.length, hosted, seats })),
      el('p', { class: 'hint' }, t('carry.in.trust')),
      el('div', { class: 'form-row' }, keep, home),
    ),
  );
}
