/**
 * i18next with the `ui` (ours) and `errors` (the back end's) namespaces, bundled from
 * locales/<lng>/<ns>.json and its domain parts locales/<lng>/<ns>/*.json at build time
 * (common/locales.ts). zh-CN is the default; the choice is remembered.
 */
import i18next, { type i18n as I18n, type Resource } from 'i18next';
import { mergeLocaleFiles } from '../../common/locales.js';

const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const LANGUAGE_KEY = 'cim.language';

const localeFiles = import.meta.glob<Record<string, unknown>>(['../../locales/*/*.json', '../../locales/*/*/*.json'], {
  eager: true,
  import: 'default',
});

function bundledResources(): Resource {
  return mergeLocaleFiles(Object.entries(localeFiles));
}

export function isLanguage(value: string): value is Language {
  return (LANGUAGES as readonly string[]).includes(value);
}

export function savedLanguage(storage: Storage): Language {
  const saved = storage.getItem(LANGUAGE_KEY);
  return saved !== null && isLanguage(saved) ? saved : 'zh-CN';
}

export function saveLanguage(storage: Storage, language: Language): void {
  storage.setItem(LANGUAGE_KEY, language);
}

export function createI18n(language: Language): I18n {
  const instance = i18next.createInstance();
  void instance.init({
    resources: bundledResources(),
    lng: language,
    fallbackLng: 'zh-CN',
    supportedLngs: [...LANGUAGES],
    ns: ['ui', 'errors'],
    defaultNS: 'ui',
    initAsync: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  return instance;
}
