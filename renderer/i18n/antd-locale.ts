import type { Locale } from 'antd/es/locale';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import type { Language } from './i18n.js';

export function antdLocale(language: Language): Locale {
  return language === 'en' ? enUS : zhCN;
}
