import i18next, { type TOptions } from 'i18next';
import { en } from './en.ts';
import { eventsZh, eventWordsZh } from './events.zh-CN.ts';
import { zhCN } from './zh-CN.ts';

/** The languages the client speaks, as BCP 47 tags (what `<html lang>` says). */
export const LANGUAGES = ['en', 'zh-CN'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, object> = { en, 'zh-CN': zhCN };

const STORAGE_KEY = 'entanglement.language';

/**
 * The language to start in: the one chosen before on this browser, else the
 * first of the browser's languages that we speak (any Chinese reads
 * Simplified Chinese), else English.
 */
export function pickLanguage(stored: string | null, browser: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  for (const tag of browser) {
    const lower = tag.toLowerCase();
    if (lower === 'en' || lower.startsWith('en-')) return 'en';
    if (lower === 'zh' || lower.startsWith('zh-')) return 'zh-CN';
  }
  return 'en';
}

function storedLanguage(): string | null {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? null;
  } catch {
    return null; // storage can be blocked (private mode): the browser's language decides
  }
}

/**
 * A key with no message is a bug: under tests (and `vite dev`) it throws, so
 * catalogue.test.ts and the screens' tests catch it; a built page shows the
 * key rather than break the screen.
 */
function missingKey(key: string): string {
  if (import.meta.env?.MODE === 'test' || import.meta.env?.DEV)
    throw new Error(`No message for "${key}" in ${i18n.language}`);
  return key;
}

/** One i18next instance, initialised synchronously with both catalogues bundled (no HTTP backend). */
const i18n = i18next.createInstance();
void i18n.init({
  lng: pickLanguage(storedLanguage(), globalThis.navigator?.languages ?? []),
  fallbackLng: false,
  supportedLngs: [...LANGUAGES],
  initAsync: false,
  // English events are the engine's own sentences: only other languages have an events catalogue.
  resources: {
    en: { translation: en },
    'zh-CN': { translation: zhCN, events: { ...eventsZh, words: eventWordsZh } },
  },
  // Text goes in with textContent, never as HTML: escaping would show "&amp;".
  interpolation: { escapeValue: false },
  parseMissingKeyHandler: missingKey,
  returnNull: false,
});

/** The client's words: `t('home.join.title')`, `t('lobby.roundsPace', { count, pace })`. */
export function t(key: string, options?: TOptions): string {
  return i18n.t(key, options ?? {}) as string;
}

/**
 * An event's sentence (or one of its words) from the current language's
 * events catalogue, or null when the language has none for it (English:
 * event-words.ts then takes the engine's sentence).
 */
export function eventMessage(key: string, options: TOptions): string | null {
  return i18n.exists(key, { ns: 'events' })
    ? (i18n.t(key, { ...options, ns: 'events' }) as string)
    : null;
}

/** Whether the current language has a message for `key` (for worded codes with variants). */
export function hasMessage(key: string): boolean {
  return i18n.exists(key);
}

export function language(): Language {
  return i18n.language as Language;
}

/** Switches language, remembers it on this browser and tells the listeners (the app re-renders). */
export function setLanguage(next: Language): void {
  try {
    globalThis.localStorage?.setItem(STORAGE_KEY, next);
  } catch {
    // not stored: the choice lasts for this page only
  }
  void i18n.changeLanguage(next);
  applyDocumentLanguage();
}

/** `<html lang>` follows the language, so screen readers and fonts pick Chinese correctly. */
export function applyDocumentLanguage(): void {
  if (typeof document !== 'undefined') document.documentElement.lang = language();
}

export function onLanguageChange(listener: () => void): () => void {
  i18n.on('languageChanged', listener);
  return () => i18n.off('languageChanged', listener);
}
