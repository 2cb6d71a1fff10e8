import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../i18n/error-message.js';

/** Shows an error (API, network or Cesium) to the user with its own message and facts. */
export function useNotifyError(): (err: unknown) => void {
  const { notification } = App.useApp();
  const { t, i18n } = useTranslation();
  return useCallback(
    (err: unknown) => {
      notification.error({
        title: t('error.title'),
        description: errorMessage(t, (key) => i18n.exists(key), err),
        placement: 'bottomRight',
      });
    },
    [notification, t, i18n],
  );
}

/** The message text for an error, for places that show it inline (dialogs, alerts). */
export function useErrorText(): (err: unknown) => string {
  const { t, i18n } = useTranslation();
  return useCallback((err: unknown) => errorMessage(t, (key) => i18n.exists(key), err), [t, i18n]);
}
