import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { isLanguage, saveLanguage, type Language } from '../i18n/i18n.js';

export function useLanguage(): { language: Language; setLanguage: (language: Language) => void } {
  const { i18n } = useTranslation();
  const setLanguage = useCallback(
    (language: Language) => {
      saveLanguage(window.localStorage, language);
      void i18n.changeLanguage(language);
    },
    [i18n],
  );
  return { language: isLanguage(i18n.language) ? i18n.language : 'zh-CN', setLanguage };
}
