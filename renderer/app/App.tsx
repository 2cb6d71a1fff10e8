import { App as AntApp, ConfigProvider, Result, theme } from 'antd';
import type { i18n as I18n } from 'i18next';
import { useEffect, useState } from 'react';
import { I18nextProvider, useTranslation } from 'react-i18next';
import type { WorkstationApi } from '../../common/contract/index.js';
import { antdLocale } from '../i18n/antd-locale.js';
import { isLanguage, type Language } from '../i18n/i18n.js';
import { ApiContext } from './api-context.js';
import { Workbench } from './Workbench.js';

interface AppProps {
  api: WorkstationApi | null;
  i18n: I18n;
}

function languageOf(i18n: I18n): Language {
  return isLanguage(i18n.language) ? i18n.language : 'zh-CN';
}

/** Opened without the token `cim serve` prints: the page cannot call the back end. */
function NoConnection() {
  const { t } = useTranslation();
  return <Result status="warning" title={t('connection.title')} subTitle={t('connection.hint')} />;
}

export function App({ api, i18n }: AppProps) {
  const [language, setLanguage] = useState<Language>(languageOf(i18n));

  useEffect(() => {
    const onChange = (): void => {
      setLanguage(languageOf(i18n));
      document.documentElement.lang = languageOf(i18n);
    };
    onChange();
    i18n.on('languageChanged', onChange);
    return () => i18n.off('languageChanged', onChange);
  }, [i18n]);

  return (
    <I18nextProvider i18n={i18n}>
      <ConfigProvider
        locale={antdLocale(language)}
        button={{ autoInsertSpace: false }}
        theme={{ algorithm: theme.compactAlgorithm, token: { borderRadius: 3, fontSize: 13 } }}
      >
        <AntApp className="cim-app">
          {api ? (
            <ApiContext.Provider value={api}>
              <Workbench />
            </ApiContext.Provider>
          ) : (
            <NoConnection />
          )}
        </AntApp>
      </ConfigProvider>
    </I18nextProvider>
  );
}
