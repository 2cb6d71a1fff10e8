import { EnvironmentOutlined, FileAddOutlined, FolderOpenOutlined, ImportOutlined } from '@ant-design/icons';
import { Button, Modal, Progress } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInfo, MenuCommand } from '../../../common/contract/index.js';

interface WelcomeDialogProps {
  /** The demo city's build job while it runs (first run, or after 打开示范城区). */
  demoJob: JobInfo | null;
  onCommand: (command: MenuCommand) => void;
  onCancelDemo: (jobId: string) => void;
  onClose: () => void;
}

interface EntryProps {
  id: string;
  icon: ReactNode;
  title: string;
  text: string;
  onClick: () => void;
  disabled?: boolean;
  children?: ReactNode;
}

function Entry({ id, icon, title, text, onClick, disabled, children }: EntryProps) {
  return (
    <li className="cim-welcome-entry">
      <button type="button" data-testid={`welcome-${id}`} disabled={disabled} onClick={onClick}>
        <span className="cim-welcome-icon">{icon}</span>
        <span className="cim-welcome-body">
          <strong>{title}</strong>
          <span>{text}</span>
        </span>
      </button>
      {children}
    </li>
  );
}

/**
 * The first screen of an empty workspace (and Help → Welcome): the demo city, new, open,
 * import. While the demo city is being built its progress shows here and can be cancelled.
 */
export function WelcomeDialog({ demoJob, onCommand, onCancelDemo, onClose }: WelcomeDialogProps) {
  const { t } = useTranslation();
  const building = demoJob?.state === 'running';
  return (
    <Modal
      open
      width={640}
      title={t('welcome.title')}
      onCancel={onClose}
      footer={
        <Button data-testid="welcome-close" onClick={onClose}>
          {t('welcome.close')}
        </Button>
      }
      destroyOnHidden
    >
      <p className="cim-muted">{t('welcome.subtitle')}</p>
      <ul className="cim-welcome" data-testid="welcome">
        <Entry
          id="demo"
          icon={<EnvironmentOutlined />}
          title={t('welcome.demoTitle')}
          text={t('welcome.demoText')}
          disabled={building}
          onClick={() => onCommand('demo.open')}
        >
          {building && (
            <div className="cim-welcome-progress" data-testid="welcome-demo-progress">
              <span>{t('welcome.demoBuilding')}</span>
              <Progress percent={Math.round(demoJob.progress * 100)} size="small" />
              <Button size="small" onClick={() => onCancelDemo(demoJob.id)}>
                {t('welcome.cancel')}
              </Button>
            </div>
          )}
        </Entry>
        <Entry
          id="new"
          icon={<FileAddOutlined />}
          title={t('welcome.newTitle')}
          text={t('welcome.newText')}
          onClick={() => onCommand('workspace.new')}
        />
        <Entry
          id="open"
          icon={<FolderOpenOutlined />}
          title={t('welcome.openTitle')}
          text={t('welcome.openText')}
          onClick={() => onCommand('workspace.open')}
        />
        <Entry
          id="import"
          icon={<ImportOutlined />}
          title={t('welcome.importTitle')}
          text={t('welcome.importText')}
          onClick={() => onCommand('import')}
        />
      </ul>
    </Modal>
  );
}
