/**
 * The frame every job-running analysis panel shares: a modeless dialog at the left of the
 * globe whose footer shows the job's progress, cancels a running job, closes, and runs.
 * `testId` names its buttons (`<testId>-run`, `-cancel`, `-progress`) and, unless `panelTestId`
 * says otherwise, the panel body (`<testId>-panel`), so the journeys find them alike in every panel.
 */
import { Button, Modal, Progress, Space } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { JobInfo } from '../../../common/contract/index.js';
import '../sunlight/sunlight.css';

export interface AnalysisModalProps {
  title: string;
  /** Prefix of the buttons' test ids. */
  testId: string;
  /** The panel body's test id: `<testId>-panel` unless given. */
  panelTestId?: string;
  width?: number;
  job: JobInfo | null;
  runLabel: string;
  canRun: boolean;
  onRun: () => void;
  onCancel: () => void;
  onClose: () => void;
  children: ReactNode;
}

export function AnalysisModal({
  title,
  testId,
  panelTestId,
  width = 560,
  job,
  runLabel,
  canRun,
  onRun,
  onCancel,
  onClose,
  children,
}: AnalysisModalProps) {
  const { t } = useTranslation();
  const running = job?.state === 'running';
  return (
    <Modal
      open
      title={title}
      width={width}
      mask={false}
      classNames={{ wrapper: 'cim-modeless', body: 'cim-sunlight-body' }}
      style={{ top: 40, left: 8, margin: 0 }}
      onCancel={onClose}
      destroyOnHidden
      footer={
        <Space>
          {job && (
            <Progress
              data-testid={`${testId}-progress`}
              percent={Math.round(job.progress * 100)}
              size="small"
              style={{ width: 140 }}
              status={job.state === 'failed' ? 'exception' : running ? 'active' : undefined}
            />
          )}
          {running ? (
            <Button data-testid={`${testId}-cancel`} onClick={onCancel}>
              {t('common.cancel')}
            </Button>
          ) : (
            <Button onClick={onClose}>{t('common.close')}</Button>
          )}
          <Button type="primary" data-testid={`${testId}-run`} loading={running} disabled={!canRun} onClick={onRun}>
            {runLabel}
          </Button>
        </Space>
      }
    >
      <div data-testid={panelTestId ?? `${testId}-panel`}>{children}</div>
    </Modal>
  );
}
