import { Alert, Descriptions, Modal, Spin } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import { useErrorText } from '../../app/use-notify-error.js';

export function AboutDialog({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.invoke('app.info', {}).then(setInfo, setError);
  }, [api]);

  return (
    <Modal open title={t('about.title')} footer={null} onCancel={onClose} destroyOnHidden>
      <p>{t('about.description')}</p>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} />}
      {!info && error === null && <Spin />}
      {info && (
        <Descriptions
          size="small"
          column={1}
          bordered
          items={[
            { key: 'version', label: t('about.version'), children: info.version },
            { key: 'host', label: t('about.host'), children: t(`about.hosts.${info.host}`) },
            { key: 'workspace', label: t('about.workspace'), children: info.workspace?.path ?? t('workspace.none') },
          ]}
        />
      )}
      <p className="cim-muted">{t('about.offline')}</p>
    </Modal>
  );
}
