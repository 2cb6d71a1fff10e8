import { Alert, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorkspaceInfo } from '../../../common/contract/index.js';
import { useApi } from '../../app/api-context.js';
import { useBusyAction } from '../../app/use-busy-action.js';
import { useErrorText } from '../../app/use-notify-error.js';

export type WorkspaceMode = 'new' | 'open';

interface WorkspaceDialogProps {
  mode: WorkspaceMode;
  onDone: (workspace: WorkspaceInfo) => void;
  onClose: () => void;
}

/** New or open a workspace (a GeoPackage file) by its path on the host machine. */
export function WorkspaceDialog({ mode, onDone, onClose }: WorkspaceDialogProps) {
  const { t } = useTranslation();
  const api = useApi();
  const errorText = useErrorText();
  const [path, setPath] = useState('');
  const { busy, error, run } = useBusyAction();

  const submit = async (): Promise<void> => {
    const trimmed = path.trim();
    if (trimmed === '') return;
    await run(async () => {
      onDone(await api.invoke(mode === 'new' ? 'workspace.create' : 'workspace.open', { path: trimmed }));
    });
  };

  return (
    <Modal
      open
      title={t(mode === 'new' ? 'workspace.newTitle' : 'workspace.openTitle')}
      okText={t(mode === 'new' ? 'workspace.create' : 'workspace.open')}
      cancelText={t('common.cancel')}
      okButtonProps={{ disabled: path.trim() === '', loading: busy }}
      onOk={() => void submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form layout="vertical" onFinish={() => void submit()}>
        <Form.Item label={t('workspace.path')} extra={t('workspace.pathHint')}>
          <Input
            autoFocus
            data-testid="workspace-path"
            placeholder={t('workspace.pathPlaceholder')}
            value={path}
            onChange={(event) => setPath(event.target.value)}
            onPressEnter={() => void submit()}
          />
        </Form.Item>
      </Form>
      {error !== null && <Alert type="error" showIcon title={errorText(error)} data-testid="workspace-error" />}
    </Modal>
  );
}
