import { el } from '../dom.ts';
import { CATALOGUES, LANGUAGES, type Language, language, setLanguage, t } from './index.ts';

/** Each language's own name, as its speakers look for it. */
function nameOf(lang: Language): string {
  return (CATALOGUES[lang] as { language: { name: string } }).language.name;
}

/**
 * The language control in the corner of every page: one button per other
 * language, named in that language (lang attribute set, so it is read right).
 */
export function languageSwitch(): HTMLElement {
  const box = el('nav', { class: 'lang-switch', 'aria-label': t('language.switch') });
  for (const lang of LANGUAGES) {
    const button = el(
      'button',
      {
        type: 'button',
        class: 'link-button lang-switch__option',
        lang,
        'data-lang': lang,
        'aria-pressed': String(lang === language()),
      },
      nameOf(lang),
    );
    button.addEventListener('click', () => {
      if (lang !== language()) setLanguage(lang);
    });
    box.append(button);
  }
  return box;
}
